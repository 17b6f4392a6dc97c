#!/usr/bin/env python3
"""Latency of `stacklint lsp`: from a textDocument/didChange to the publishDiagnostics for
that version, for the largest template of the shared corpus and for a generated 1 MB
template (bench/gen/large.py). Each round changes one character (a description), as
typing does; the median and the 95th percentile over ROUNDS rounds are printed.

    bench/lsp_latency.py [--stacklint BINARY] [--rounds 40]

A benchmark, not a test: results go to bench/RESULTS.md by hand, with the machine.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def frame(payload):
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(proc):
    length = None
    while True:
        line = proc.stdout.readline().decode().strip()
        if not line:
            break
        if line.lower().startswith("content-length:"):
            length = int(line.split(":")[1])
    return json.loads(proc.stdout.read(length))


def measure(binary, path, rounds):
    text = open(path, encoding="utf-8").read()
    uri = "file://" + path
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=os.path.dirname(path))
    send = lambda p: (proc.stdin.write(frame(p)), proc.stdin.flush())
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    while read(proc).get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                      "text": text}}})

    def wait(version):
        while True:
            msg = read(proc)
            if msg.get("method") == "textDocument/publishDiagnostics" and \
                    msg["params"].get("version") == version:
                return

    wait(1)
    times = []
    for r in range(rounds):
        version = r + 2
        # Insert one character at the start of line 1, then take it out again next round.
        change = {"range": {"start": {"line": 0, "character": 0},
                            "end": {"line": 0, "character": 0 if r % 2 == 0 else 1}},
                  "text": "#" if r % 2 == 0 else ""}
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": version},
                         "contentChanges": [change]}})
        wait(version)
        times.append((time.perf_counter() - start) * 1000)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=60)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stacklint", default=os.path.join(ROOT, "build", "stacklint"))
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args()
    binary = os.path.abspath(args.stacklint)
    work = tempfile.mkdtemp(prefix="stacklint-lsp-bench-")
    try:
        corpus = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
        cases = []
        if os.path.isdir(corpus):
            largest = max((os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
                           if f.endswith((".yaml", ".yml", ".json"))), key=os.path.getsize)
            # Alone in a directory: the server lints a document with its directory's templates.
            dst = os.path.join(work, "largest", os.path.basename(largest))
            os.makedirs(os.path.dirname(dst))
            shutil.copy(largest, dst)
            cases.append(("largest corpus template (%d KB)" % (os.path.getsize(dst) // 1024), dst))
        big = os.path.join(work, "large", "large.yaml")
        os.makedirs(os.path.dirname(big))
        subprocess.run([sys.executable, os.path.join(HERE, "gen", "large.py"), big], check=True)
        cases.append(("generated 1 MB template", big))
        for name, path in cases:
            median, p95 = measure(binary, path, args.rounds)
            print("%-40s median %7.1f ms   p95 %7.1f ms" % (name, median, p95))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
