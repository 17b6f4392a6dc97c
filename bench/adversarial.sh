#!/usr/bin/env bash
# Time and peak memory of stacklint on each large input of the adversarial suite (the
# generators in tests/adversarial/inputs.cpp, written to a temporary directory), one process
# per input, plus the exit code and the first finding or error. Numbers only; the suite
# asserts behaviour, never time. Needs GNU time.
#   bench/adversarial.sh [BUILD_DIR]      BUILD_DIR configured with -DSTACKLINT_BUILD_BENCH=ON
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
# A fresh directory is configured for the benchmark; one that exists keeps its settings and
# only gains the benchmark target. Building always, so the numbers are of the current code.
if [[ -f $build/CMakeCache.txt ]]; then
  cmake -S . -B "$build" -DSTACKLINT_BUILD_BENCH=ON >/dev/null
else
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSTACKLINT_BUILD_BENCH=ON \
    -DSTACKLINT_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target stacklint bench_adversarial_inputs >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench_adversarial_inputs" "$dir"

printf '%-26s %10s %8s %9s %4s  %s\n' input bytes seconds "peak MiB" exit "first finding or error"
for f in "$dir"/*; do
  name=$(basename "$f")
  set +e
  /usr/bin/time -f '%e %M' -o "$dir/.time" "$build/stacklint" --no-config --format json "$f" \
    >"$dir/.out" 2>/dev/null
  code=$?
  set -e
  # GNU time puts "Command exited with non-zero status N" first when the exit code is not 0.
  read -r secs kb < <(tail -n 1 "$dir/.time")
  first=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
items = ["%s %s:%s" % (f["rule"], f["line"], f["column"]) for f in r["findings"][:1]]
items += [e["message"][:60] for e in r["errors"][:1]]
print(items[0] if items else "-")' "$dir/.out" 2>/dev/null || echo "(no report)")
  printf '%-26s %10s %8s %9d %4s  %s\n' "$name" "$(stat -c %s "$f")" "$secs" $((kb / 1024)) "$code" \
    "$first"
done
