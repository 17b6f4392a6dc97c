#!/usr/bin/env python3
"""The benchmark suite of bench/RESULTS.md: builds stacklint and the parse floor
(bench/parse_floor.cpp) in BUILD_DIR, writes the generated inputs (bench/gen/) to a temporary
directory, and prints one markdown table row per case: bytes, median wall time, mean user+sys
CPU time, peak RSS and throughput, for stacklint and for the parse floor on the same input.
Wall and CPU times come from hyperfine (-N, warm-up runs first), peak RSS from GNU time.
Numbers only: the tests never assert on time.

    bench/suite.py [--build build-bench] [--runs 10] [--only NAME,...] [--shared ../shared]
                   [--stacklint OTHER_BINARY]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
parser.add_argument("--runs", type=int, default=10)
parser.add_argument("--only", default="")
parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
parser.add_argument("--stacklint", help="measure this binary instead of BUILD/stacklint "
                    "(an earlier build, for before/after)")
args = parser.parse_args()

for tool in ("hyperfine", "/usr/bin/time", "cmake"):
    if shutil.which(tool) is None:
        sys.exit(f"suite: {tool} is missing (apt-get install hyperfine time cmake)")

build = args.build
configure = ["cmake", "-S", ROOT, "-B", build, "-DSTACKLINT_BUILD_BENCH=ON"]
if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
    configure += ["-DCMAKE_BUILD_TYPE=Release", "-DSTACKLINT_BUILD_TESTS=OFF"]
subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
subprocess.run(["cmake", "--build", build, "-j", str(os.cpu_count()), "--target", "stacklint",
                "bench_parse_floor"], check=True, stdout=subprocess.DEVNULL)
stacklint = os.path.abspath(args.stacklint) if args.stacklint else os.path.join(build, "stacklint")
floor = os.path.join(build, "bench_parse_floor")

work = tempfile.mkdtemp(prefix="stacklint-bench-")
gen = os.path.join(ROOT, "bench", "gen")
corpus = os.path.join(args.shared, "corpus")
largest = os.path.join(corpus, "widdix-aws-cf-templates", "jenkins", "jenkins2-ha-agents.yaml")
large = os.path.join(work, "large.yaml")
repo = os.path.join(work, "repo")
cdk = os.path.join(work, "cdk.out")
cores = os.cpu_count()

cases = [
    ("version", "`--version`", ["--version"], None),
    ("small", "20-line template", [os.path.join(ROOT, "bench", "twenty-lines.yaml")], None),
    ("largest", "largest shared template (102 KB)", [largest], None),
    ("large", "generated 1 MB template, 500 resources", [large], None),
    ("corpus-j1", "shared corpus, -j 1", ["-j", "1", corpus], None),
    ("corpus", f"shared corpus, -j {cores}", ["-j", str(cores), corpus], None),
    ("repo", "generated repository, 10,000 templates", [repo], None),
    ("repo-sarif", "the same, SARIF report", ["-f", "sarif", repo], None),
    ("cdk", "generated CDK assembly, 100 stacks", [cdk], None),
]
wanted = set(filter(None, args.only.split(",")))
cases = [c for c in cases if not wanted or c[0] in wanted]
names = {c[0] for c in cases}
if "large" in names:
    subprocess.run([sys.executable, os.path.join(gen, "large.py"), large], check=True, stdout=subprocess.DEVNULL)
if names & {"repo", "repo-sarif"}:
    subprocess.run([sys.executable, os.path.join(gen, "repo.py"), repo, "--shared", args.shared],
                   check=True, stdout=subprocess.DEVNULL)
if "cdk" in names:
    subprocess.run([sys.executable, os.path.join(gen, "cdk.py"), cdk], check=True, stdout=subprocess.DEVNULL)


def size(paths):
    total = 0
    for p in paths:
        if os.path.isfile(p):
            total += os.path.getsize(p)
        elif os.path.isdir(p):
            for d, _, files in os.walk(p):
                total += sum(os.path.getsize(os.path.join(d, f)) for f in files
                             if f.endswith((".yaml", ".yml", ".json", ".template")))
    return total


def measure(command):
    """Median wall (s), mean user+sys (s), peak RSS (MiB)."""
    out = os.path.join(work, "hyperfine.json")
    runs = args.runs if "repo" not in " ".join(command) else max(3, args.runs // 3)
    subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", str(runs), "-i",
                    "--export-json", out, " ".join(command)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = json.load(open(out))["results"][0]
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(work, "rss")] + command,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rss = int(open(os.path.join(work, "rss")).read().split()[-1]) / 1024
    return result["median"], result["user"] + result["system"], rss


print("| case | bytes | stacklint wall | user+sys | peak RSS | MB/s | floor wall | floor user+sys | floor RSS | CPU ÷ floor |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, label, paths, _ in cases:
    command = [stacklint, "--no-config", "-q", "--fail-on", "none"] + paths
    wall, cpu, rss = measure(command)
    inputs = [p for p in paths if os.path.exists(p)]
    nbytes = size(inputs)
    row = f"| {label} | {nbytes:,} | {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | {rss:.1f} MiB | "
    row += f"{nbytes / 1e6 / wall:.1f} |" if nbytes else "– |"
    if inputs:
        fwall, fcpu, frss = measure([floor] + inputs)
        row += f" {fwall * 1000:.1f} ms | {fcpu * 1000:.1f} ms | {frss:.1f} MiB | {cpu / fcpu:.2f} |"
    else:
        row += " – | – | – | – |"
    print(row, flush=True)
shutil.rmtree(work, ignore_errors=True)
