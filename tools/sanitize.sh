#!/usr/bin/env bash
# Builds stacklint and its tests with AddressSanitizer + UndefinedBehaviorSanitizer (the
# `asan` CMake preset, in build-asan/) and runs the whole test suite under them: unit tests,
# fixtures, the shared corpus, the CLI and the adversarial suite. Any sanitizer report fails
# the run. The pre-commit test (label `slow`) is left out: it builds stacklint again inside
# the hook and checks the hook, not the code.
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[[ -n ${CI:-} ]] && werror=ON
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset asan -DSTACKLINT_WERROR="$werror" "${launcher[@]}" >/dev/null
cmake --build --preset asan -j"$(nproc)"
ctest --preset asan -j"$(nproc)"
