#!/usr/bin/env python3
"""The fix property test over the shared corpora (../shared/corpus and ../shared/corpus-sam).

On a copy of every template, `stacklint --fix --unsafe-fixes` must:
  - leave each template as readable as it was (no new parse error);
  - change no line outside the spans its edits name (every changed line of the original holds
    an edit, every added line is inserted at an edit);
  - remove the findings it fixed and introduce none: after fixing, every finding was there
    before (same file, rule, resource and property path; lines may move), and no finding that
    carried a fix is left;
  - change nothing on a second run.

    corpus_fix_test.py SOURCE_DIR STACKLINT_BINARY      (exit 77 when ../shared is absent)
"""
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run(binary, args, cwd):
    env = dict(os.environ, STACKLINT_TODAY="2026-12-05")
    return subprocess.run([binary, "--no-config"] + args, cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def findings(binary, cwd):
    out = run(binary, ["-f", "json", "--fail-on", "none", "."], cwd)
    doc = json.loads(out.stdout)
    if doc.get("errors"):
        raise SystemExit("tool errors: %r" % doc["errors"][:3])
    return doc["findings"]


def key(f):
    return (f["file"], f["rule"], f["resource"], f["path"])


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    source, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    shared = os.path.join(os.path.dirname(os.path.abspath(source)), "shared")
    corpora = [os.path.join(shared, c) for c in ("corpus", "corpus-sam")]
    corpora = [c for c in corpora if os.path.isdir(c)]
    if not corpora:
        print("../shared/corpus is absent: skipped")
        return 77
    problems = []
    work = tempfile.mkdtemp(prefix="stacklint-fix-corpus-")
    try:
        for corpus in corpora:
            copy = os.path.join(work, os.path.basename(corpus))
            shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("MANIFEST*", "*.md"))
            before = findings(binary, copy)
            originals = {}
            for root, _, files in os.walk(copy):
                for name in files:
                    p = os.path.join(root, name)
                    originals[os.path.relpath(p, copy)] = read(p)
            # The lines each file's edits touch, in the original text.
            touched = {}
            for f in before:
                for e in (f["fix"] or {}).get("edits", []):
                    lines = touched.setdefault(f["file"], set())
                    lines.update(range(e["start"]["line"], e["end"]["line"] + 1))
            fixed_run = run(binary, ["--fix", "--unsafe-fixes", "--fail-on", "none", "."], copy)
            if fixed_run.returncode != 0:
                problems.append("--fix exited %d: %s" % (fixed_run.returncode,
                                                         fixed_run.stderr.decode()[-500:]))
            after = findings(binary, copy)
            changed = 0
            for rel, old in originals.items():
                new = read(os.path.join(copy, rel))
                if new == old:
                    continue
                changed += 1
                a = old.decode("utf-8", "replace").splitlines()
                b = new.decode("utf-8", "replace").splitlines()
                lines = touched.get(rel, set())
                for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b,
                                                                   autojunk=False).get_opcodes():
                    if tag == "equal":
                        continue
                    # An insertion sits right after (or at) an edited line.
                    if i2 == i1:
                        if not {i1, i1 + 1} & lines:
                            problems.append("%s: line inserted after line %d, where no fix "
                                            "edits" % (rel, i1))
                        continue
                    # Replaced or deleted lines must hold an edit. A later pass (a fix that
                    # overlapped another waits for one) may also drop the separator of a
                    # neighbouring line: next to an edit, that is the only change allowed.
                    new_block = {t.rstrip(", \t") for t in b[j1:j2]}
                    for n in range(i1 + 1, i2 + 1):
                        if n in lines:
                            continue
                        if ({n - 1, n + 1} & lines) and a[n - 1].rstrip(", \t") in new_block:
                            continue
                        problems.append("%s: line %d changed outside the fixes' edits"
                                        % (rel, n))
            parse_errors = {f["file"] for f in before if f["rule"] == "T001"}
            known = {key(f) for f in before}
            for f in after:
                if f["rule"] == "T001" and f["file"] not in parse_errors:
                    problems.append("%s: no longer parses: %s" % (f["file"], f["message"]))
                elif key(f) not in known:
                    problems.append("%s:%s: new finding %s: %s"
                                    % (f["file"], f["line"], f["rule"], f["message"]))
                if f["fix"] is not None:
                    problems.append("%s:%s: %s still has a fix after --fix"
                                    % (f["file"], f["line"], f["rule"]))
            fixed = sum(1 for f in before if f["fix"])
            snapshot = {rel: read(os.path.join(copy, rel)) for rel in originals}
            again = run(binary, ["--fix", "--unsafe-fixes", "--fail-on", "none", "."], copy)
            for rel, text in snapshot.items():
                if read(os.path.join(copy, rel)) != text:
                    problems.append("%s: a second --fix changed it again" % rel)
            print("%s: %d templates, %d findings with a fix, %d files changed, %d findings "
                  "before and %d after; second run: %s"
                  % (os.path.basename(corpus), len(originals), fixed, changed, len(before),
                     len(after), again.stderr.decode().strip().splitlines()[0]))
    finally:
        shutil.rmtree(work)
    for p in problems[:50]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
