#!/usr/bin/env python3
"""Writes a CDK cloud assembly with STACKS stacks (default 100): copies of the real
synthesized app in fixtures/cdk/split (a storage stack that exports a bucket and a table, an
API stack and a worker stack that import them), each copy renamed (stack names, exports,
construct paths), so that the assembly is one app whose cross-stack references all resolve.

    bench/gen/cdk.py OUT_DIR [--stacks 100]
"""
import argparse
import json
import os
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--stacks", type=int, default=100)
args = parser.parse_args()

source = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "cdk", "split", "cdk.out")
manifest = json.load(open(os.path.join(source, "manifest.json")))
names = [k for k, v in manifest["artifacts"].items() if v["type"] == "aws:cloudformation:stack"]
files = [f for f in os.listdir(source) if f.endswith((".template.json", ".metadata.json", ".assets.json"))]

if os.path.exists(args.out):
    shutil.rmtree(args.out)
os.makedirs(args.out)
shutil.copyfile(os.path.join(source, "cdk.out"), os.path.join(args.out, "cdk.out"))
artifacts = {}
copies = (args.stacks + len(names) - 1) // len(names)
written = 0
for c in range(copies):
    def renamed(text, c=c):
        for n in names:
            text = text.replace(n, f"{n}{c:03d}")
        return text
    for f in files:
        with open(os.path.join(source, f)) as src, open(os.path.join(args.out, renamed(f)), "w") as dst:
            dst.write(renamed(src.read()))
    for key, artifact in manifest["artifacts"].items():
        if artifact["type"] not in ("aws:cloudformation:stack", "cdk:asset-manifest"):
            continue
        base = key.split(".")[0]
        if base not in names or names.index(base) + c * len(names) >= args.stacks:
            continue
        artifacts[renamed(key)] = json.loads(renamed(json.dumps(artifact)))
        written += artifact["type"] == "aws:cloudformation:stack"
out = dict(manifest)
out["artifacts"] = artifacts
with open(os.path.join(args.out, "manifest.json"), "w") as f:
    json.dump(out, f, indent=1)
print(f"{written} stacks in {args.out}")
