#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan, and runs each for a
# given time. Fails on any crash, sanitizer report, leak, timeout or out-of-memory; the input
# that caused it is kept under build-fuzz/artifacts/ and the fuzzer's output is printed.
#
#   tools/fuzz.sh [-t SECONDS] [TARGET...]      targets: yaml_loader json_loader lint fix cdk_manifest rule_file
#
# FUZZ_TIMEOUT (default 10) is the seconds one input may take before it counts as a hang;
# raise it when the machine is shared with other heavy work.
#
# Corpora live in build-fuzz/corpus/<target>/ and grow from run to run; they are seeded from
# fixtures/ and, when present, ../shared/corpus. Totals of executions are printed per target.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
while getopts "t:" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    *) echo "usage: tools/fuzz.sh [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
((${#targets[@]})) || targets=(yaml_loader json_loader lint fix cdk_manifest rule_file)

for tool in clang++-14 cmake; do
  command -v "$tool" >/dev/null || {
    echo "fuzz: $tool is missing; install: apt-get install clang-14 libclang-rt-14-dev cmake" >&2
    exit 2
  }
done

build=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSTACKLINT_FUZZ=ON -DSTACKLINT_BUILD_TESTS=OFF -DSTACKLINT_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

# Seeds: the project's fixtures and the shared corpus, by what each target reads. The lint
# target's first byte picks the format (even: YAML, odd: JSON).
seed() {
  local target=$1 dir=$build/corpus/$1
  [[ -d $dir ]] && return
  mkdir -p "$dir"
  local roots=(fixtures)
  [[ -d ../shared/corpus ]] && roots+=(../shared/corpus)
  local f i=0
  case $target in
    yaml_loader) find "${roots[@]}" -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k -print0 |
                   while IFS= read -r -d '' f; do cp "$f" "$dir/seed$((i++))"; done ;;
    json_loader) find "${roots[@]}" -type f -name '*.json' -size -64k -print0 |
                   while IFS= read -r -d '' f; do cp "$f" "$dir/seed$((i++))"; done ;;
    lint | fix) find "${roots[@]}" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -size -64k -print0 |
            while IFS= read -r -d '' f; do
              # (The counter moves outside the pipeline: a pipeline runs in a subshell.)
              local out=$dir/seed$((i++))
              if [[ $f == *.json ]]; then printf '\1'; else printf '\0'; fi | cat - "$f" >"$out"
            done ;;
    cdk_manifest) find fixtures -type f -name manifest.json -print0 |
                    while IFS= read -r -d '' f; do cp "$f" "$dir/seed$((i++))"; done ;;
    rule_file) find rules examples/policy-pack fixtures/rule-language -type f -name '*.yaml' \
                 -not -path '*/tests/*' -print0 |
                 while IFS= read -r -d '' f; do cp "$f" "$dir/seed$((i++))"; done ;;
  esac
}

mkdir -p "$build/artifacts" "$build/logs"
status=0
summary=()
for target in "${targets[@]}"; do
  seed "$target"
  log=$build/logs/$target.log
  echo "fuzz: $target for ${seconds}s" >&2
  # -timeout: one input taking longer is a hang; -rss_limit_mb: memory is bounded; leaks are
  # reported by LeakSanitizer at exit of each input's process-wide check.
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz_$target" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
      -max_len=16384 -dict=tests/fuzz/cloudformation.dict -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target-" "$build/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary+=("$target: ${runs:-?} executions, no failure")
  else
    status=1
    summary+=("$target: FAILED (see $log and $build/artifacts/)")
    tail -n 60 "$log" >&2
  fi
done
printf 'fuzz: %s\n' "${summary[@]}"
exit $status
