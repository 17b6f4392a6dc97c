#!/usr/bin/env bash
# Completes real command lines with the completion script the build wrote for one shell and
# checks the candidates: a rule id after `explain` and in a --select list, a format name, a
# subcommand, an option of a subcommand.
# Usage: completion_test.sh bash|zsh|fish SCRIPT      Exit 77: that shell is not installed.
set -uo pipefail
shell=$1 script=$2
command -v "$shell" >/dev/null || { echo "SKIP: $shell is not installed"; exit 77; }
[[ -s $script ]] || { echo "FAIL: no completion script at $script"; exit 1; }
failures=0

# expect LINE WORD...: completing LINE offers every WORD.
check() {
  local line=$1 got
  shift
  got=$(complete_line "$line") || { echo "FAIL: $shell could not complete '$line'"; ((failures++)); return; }
  for want in "$@"; do
    if ! grep -qxF -- "$want" <<<"$got"; then
      echo "FAIL: $shell completes '$line' without '$want'; it offers:"
      head -20 <<<"$got" | sed 's/^/    /'
      ((failures++))
    fi
  done
}

case $shell in
bash)
  complete_line() {
    bash -c '
      source "$1"
      read -r -a COMP_WORDS <<<"$2"
      [[ $2 == *" " ]] && COMP_WORDS+=("")
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      _stacklint
      printf "%s\n" "${COMPREPLY[@]}"' _ "$script" "$1"
  }
  ;;
fish)
  complete_line() {
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$script" "$1" | cut -f1
  }
  ;;
zsh)
  # zsh completes only in its line editor: zsh_complete.zsh drives an interactive zsh through
  # a pseudo-terminal (zsh/zpty), presses Tab and prints the listing.
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  cp "$script" "$dir/_stacklint"
  complete_line() { zsh -f "$(dirname "$0")/zsh_complete.zsh" "$dir" "$1" "$wait_for"; }
  ;;
*)
  echo "usage: completion_test.sh bash|zsh|fish SCRIPT" >&2
  exit 2
  ;;
esac

if [[ $shell == zsh ]]; then
  # The listing arrives some time after Tab: wait for the first expected word.
  wait_for=R010 check "stacklint explain R01" R010 R011
  wait_for=gitlab check "stacklint --format " gitlab sarif
  wait_for=mermaid check "stacklint graph --format " mermaid dot
  # zsh lists the item being completed without the list before it.
  wait_for=T002 check "stacklint --select T001,T00" T002 T003
else
  check "stacklint explain R00" R001 R002
  check "stacklint explain versioned-" versioned-bucket-without-noncurrent-expiration
  check "stacklint --select T001,T00" T001,T002 T001,T003
  check "stacklint --format " text json sarif junit github gitlab
  check "stacklint gr" graph
  check "stacklint completion " bash zsh fish
  check "stacklint graph --f" --format
fi
((failures == 0)) && echo "$shell completion: every check passed"
((failures == 0))
