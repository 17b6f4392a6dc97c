#!/usr/bin/env bash
# The portable binary needs only the C library: ldd lists nothing but libc, libm, the loader
# and the vDSO (yaml-cpp, RE2, libstdc++ and libgcc are linked in), and it lints the bundled
# example exactly as the regular binary does.
# Usage: portable_test.sh PORTABLE_BINARY REGULAR_BINARY SOURCE_DIR
set -uo pipefail
portable=$1 regular=$2 source=$3
failures=0
libs=$(ldd "$portable") || { echo "FAIL: ldd $portable failed"; exit 1; }
echo "$libs"
while read -r lib _; do
  case $lib in
    linux-vdso.so.* | libc.so.* | libm.so.* | /lib*/ld-linux*.so.* | /lib/ld-linux*) ;;
    *)
      echo "FAIL: $portable links $lib dynamically"
      failures=$((failures + 1))
      ;;
  esac
done <<<"$libs"
grep -q 'libc\.so' <<<"$libs" || { echo "FAIL: ldd does not list libc"; failures=$((failures + 1)); }
# The regular binary does link the libraries the portable one takes in: the check can fail.
grep -q 'libyaml-cpp' <<<"$(ldd "$regular")" ||
  { echo "FAIL: the regular binary does not link yaml-cpp dynamically"; failures=$((failures + 1)); }

cd "$source" || exit 1
for args in "--no-config fixtures/examples" "--no-config --format json fixtures/examples" "--version"; do
  # shellcheck disable=SC2086 # the arguments are words
  want=$(STACKLINT_TODAY=2026-12-05 "$regular" $args 2>&1; echo "exit $?")
  # shellcheck disable=SC2086
  got=$(STACKLINT_TODAY=2026-12-05 "$portable" $args 2>&1; echo "exit $?")
  if [[ $got != "$want" ]]; then
    echo "FAIL: stacklint-portable $args differs from stacklint $args:"
    diff <(echo "$want") <(echo "$got") | head -20
    failures=$((failures + 1))
  fi
done
((failures == 0)) && echo "stacklint-portable: only the C library is dynamic; same output"
((failures == 0))
