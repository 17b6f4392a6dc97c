#!/usr/bin/env bash
# Start-up cost of the schema rules: linting a 10-line template against `stacklint --version`
# (process wall time, medians of repeated runs), then the whole corpus once with its peak
# memory. Numbers only; nothing here is asserted. Needs hyperfine and GNU time.
#   bench/schema.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/stacklint"
[[ -x $bin ]] || { echo "bench: build $bin first" >&2; exit 2; }

echo "binary: $(stat -c %s "$bin") bytes; embedded schema data: $(stat -c %s schemas/cfn-resource-types.jsonl) bytes"
hyperfine -N --warmup 5 --runs 50 --export-json /tmp/stacklint-bench.json \
  "$bin --version" "$bin bench/small.yaml"
/usr/bin/python3 - <<'PY'
import json
runs = json.load(open("/tmp/stacklint-bench.json"))["results"]
version, small = (r["median"] * 1000 for r in runs)
print(f"median: --version {version:.2f} ms, small template {small:.2f} ms, ratio {small / version:.2f}")
PY

corpus=../shared/corpus
if [[ -d $corpus ]]; then
  /usr/bin/time -v "$bin" -q "$corpus" 2>/tmp/stacklint-time.txt >/dev/null || true
  grep -E "Elapsed|Maximum resident" /tmp/stacklint-time.txt
fi
