#!/usr/bin/env python3
"""Rewrites the README's output samples from the binary: every code block whose first line is
`$ build/stacklint ARGS` gets, below that line, what the command prints (stdout) when run
from the source directory. The test "Docs: README output samples are what the binary prints"
fails until this has been run after a change of output.

    tools/readme-samples.py [--check]
"""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = os.path.join(root, "README.md")
text = open(path, encoding="utf-8").read()
opening = "```\n$ build/stacklint "
out, at, stale = [], 0, 0
while True:
    start = text.find(opening, at)
    if start < 0:
        break
    eol = text.index("\n", start + len(opening))
    end = text.index("```\n", eol)
    command = text[start + len(opening):eol]
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GITHUB_WORKSPACE", None)
    env.pop("CI_PROJECT_DIR", None)
    printed = subprocess.run("build/stacklint " + command, shell=True, cwd=root, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
    stale += printed != text[eol + 1:end]
    out.append(text[at:eol + 1] + printed)
    at = end
out.append(text[at:])
if "--check" in sys.argv:
    sys.exit(1 if stale else 0)
open(path, "w", encoding="utf-8").write("".join(out))
print(f"README.md: {stale} sample(s) rewritten")
