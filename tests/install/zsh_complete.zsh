#!/usr/bin/env zsh -f
# Prints the candidates zsh's line editor lists when Tab is pressed after LINE, with the
# completion function in DIR (one word a line). Waits up to 10 s for WAIT_FOR to appear.
# Usage: zsh -f zsh_complete.zsh DIR LINE WAIT_FOR      (used by completion_test.sh)
dir=$1 line=$2 wait_for=$3
setopt extendedglob
zmodload zsh/zpty || exit 1
zpty z 'zsh -f -i'
zpty -w z "PS1='%% '; fpath=($dir \$fpath); autoload -U compinit; compinit -u -D; stacklint() { :; }; setopt autolist nolistambiguous nobeep; print ready-for-input"
out="" chunk=""
for i in {1..100}; do
  while zpty -r -t z chunk; do out+=$chunk; done
  [[ $out == *$'\n'ready-for-input* ]] && break
  sleep 0.1
done
out=""
zpty -w -n z "$line"$'\t'
for i in {1..100}; do
  while zpty -r -t z chunk; do out+=$chunk; done
  clean=${out//$'\e'\[[0-9;?]#[a-zA-Z]/ }
  [[ $clean == *[[:space:]]${wait_for}[[:space:]]* ]] && break
  sleep 0.1
done
zpty -d z
print -r -- "${out//$'\e'\[[0-9;?]#[a-zA-Z]/ }" | tr -d '\r' | tr -s ' \t' '\n\n'
