#!/usr/bin/env bash
# clang-tidy (checks in .clang-tidy) and cppcheck over src/ and rules/. Needs a configured
# build/ for compile_commands.json (tools/build.sh makes one). Any finding fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f build/compile_commands.json ]] || { echo "static-checks: run tools/build.sh first" >&2; exit 2; }
for tool in run-clang-tidy-14 cppcheck; do
  command -v "$tool" >/dev/null || {
    echo "static-checks: $tool is missing; install: apt-get install clang-tidy cppcheck" >&2
    exit 2
  }
done

echo "+ clang-tidy (src/, rules/)"
# The build uses GCC; clang-tidy parses its flags with clang, which does not know GCC-only
# warning options such as -Wno-restrict.
log=$(mktemp)
if ! run-clang-tidy-14 -p build -j "$(nproc)" -quiet \
  -extra-arg=-Wno-unknown-warning-option "$PWD/(src|rules)/.*\.cpp$" >"$log" 2>&1; then
  grep -E "(warning|error):" "$log" | sort -u >&2 || cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"

echo "+ cppcheck (src/, rules/)"
# Suppressions, each justified, are in .cppcheck-suppressions.
cppcheck --quiet --std=c++20 --language=c++ --enable=warning,performance,portability \
  --inline-suppr --suppressions-list=.cppcheck-suppressions --error-exitcode=1 \
  -j "$(nproc)" -I src -I rules src rules
echo "static checks passed"
