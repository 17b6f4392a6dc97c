#!/usr/bin/env python3
"""Writes a repository of COUNT templates for the benchmarks: the real templates of
../shared/corpus and ../shared/corpus-sam (the files stacklint lints there), copied round
robin in a fixed shuffled order into directories of 100 files each (an app per directory, as
stacklint reads a directory). Deterministic: the same arguments give the same files.

    bench/gen/repo.py OUT_DIR [--count 10000] [--shared ../shared]
"""
import argparse
import os
import random
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--count", type=int, default=10000)
parser.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
args = parser.parse_args()

sources = []
for corpus in ("corpus", "corpus-sam"):
    root = os.path.join(args.shared, corpus)
    for directory, _, files in os.walk(root):
        for name in files:
            if not name.endswith((".yaml", ".yml", ".json", ".template")):
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as f:
                head = f.read()
            if b"Resources" in head or b"AWSTemplateFormatVersion" in head:
                sources.append(path)
sources.sort()
random.Random(1).shuffle(sources)
if not sources:
    raise SystemExit(f"no templates under {args.shared}/corpus*")

if os.path.exists(args.out):
    shutil.rmtree(args.out)
total = 0
for i in range(args.count):
    src = sources[i % len(sources)]
    directory = os.path.join(args.out, f"app{i // 100:03d}")
    os.makedirs(directory, exist_ok=True)
    base, ext = os.path.splitext(os.path.basename(src))
    dest = os.path.join(directory, f"{base}-{i:05d}{ext}")
    shutil.copyfile(src, dest)
    total += os.path.getsize(dest)
print(f"{args.count} templates ({len(sources)} distinct), {total / 1e6:.1f} MB in {args.out}")
