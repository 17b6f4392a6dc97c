#!/usr/bin/env bash
# Builds the Debian package from ./build, installs it with dpkg, and checks the installed
# stacklint as a user meets it: it lints the bundled example, `man stacklint` renders, bash
# completion completes a rule id; then removes the package. CI runs it (as root) after the
# tests; it refuses to replace a stacklint package that was installed before.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "package-check: run as root (it installs a package)" >&2; exit 2; }
if dpkg-query -W -f='${Status}' stacklint 2>/dev/null | grep -q "install ok installed"; then
  echo "package-check: a stacklint package is already installed; not replacing it" >&2
  exit 2
fi

log=$(cd build && rm -f stacklint_*.deb && cpack -G DEB 2>&1) || { echo "$log" >&2; exit 1; }
deb=$(ls build/stacklint_*.deb)
echo "+ $deb"
dpkg-deb -f "$deb" Package Version Depends
# Depends is computed from what the binary links (dpkg-shlibdeps), not written by hand.
for lib in libyaml-cpp libre2 libc6 libstdc++6; do
  dpkg-deb -f "$deb" Depends | grep -q "$lib" || { echo "FAIL: Depends lacks $lib" >&2; exit 1; }
done

removed=false
remove() { $removed || dpkg -r stacklint >/dev/null; removed=true; }
trap remove EXIT
dpkg -i "$deb" >/dev/null
echo "+ installed: $(command -v stacklint)"
[[ $(command -v stacklint) == /usr/bin/stacklint ]] || { echo "FAIL: stacklint is not /usr/bin/stacklint" >&2; exit 1; }

# The example has errors: exit 1 and its findings.
set +e
out=$(cd /tmp && STACKLINT_TODAY=2026-12-05 stacklint --no-config "$OLDPWD/fixtures/examples/media-stack.yaml")
status=$?
set -e
[[ $status -eq 1 ]] || { echo "FAIL: the installed stacklint exits $status on the example, not 1" >&2; exit 1; }
grep -q "R001 versioned-bucket-without-noncurrent-expiration" <<<"$out" ||
  { echo "FAIL: the installed stacklint does not report R001 on the example:" >&2; echo "$out" >&2; exit 1; }
stacklint --version | head -1

# The man page renders, with the subcommands' sections.
page=$(MANWIDTH=80 MANPAGER=cat man stacklint 2>&1) || { echo "FAIL: man stacklint: $page" >&2; exit 1; }
for want in "STACKLINT(1)" "SUBCOMMANDS" "stacklint explain" "--fail-on"; do
  grep -qF -- "$want" <<<"$page" || { echo "FAIL: man stacklint lacks '$want'" >&2; exit 1; }
done
echo "+ man stacklint: $(wc -l <<<"$page") lines"

# Bash completion, as bash-completion loads it from the installed file.
bash_completion=/usr/share/bash-completion/completions/stacklint
got=$(bash -c 'source "$1"; COMP_WORDS=(stacklint explain R00); COMP_CWORD=2; _stacklint;
               printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_completion")
grep -qx R001 <<<"$got" || { echo "FAIL: bash completion of 'stacklint explain R00' lacks R001: $got" >&2; exit 1; }
echo "+ bash completion: stacklint explain R00<Tab> -> $(tr '\n' ' ' <<<"$got")"
for f in /usr/share/zsh/vendor-completions/_stacklint /usr/share/fish/vendor_completions.d/stacklint.fish \
  /usr/share/man/man1/stacklint.1 /usr/share/doc/stacklint/copyright; do
  [[ -s $f ]] || { echo "FAIL: the package did not install $f" >&2; exit 1; }
done

remove
if command -v stacklint >/dev/null || [[ -e $bash_completion ]]; then
  echo "FAIL: dpkg -r stacklint left files behind" >&2
  exit 1
fi
echo "package-check: $deb installs, works and removes cleanly"
