#!/usr/bin/env python3
"""Error parity with cfn-lint on the shared corpora, measured.

Reads ../shared/REFERENCE-cfn-lint.tsv (every cfn-lint 1.55.1 finding on ../shared/corpus and
../shared/corpus-sam) and the judgement of each file in which cfn-lint reports an error
(docs/parity/judgements.tsv: true, contested, false or excluded, with the reason), runs
stacklint over both corpora and prints, as Markdown:

- the share of files with a true error (and with a true or contested one) in which stacklint
  reports an error, and the files it misses;
- every file in which only stacklint reports an error, with the explanation recorded in
  docs/parity/stacklint-only.tsv.

Exit status 1 when a file cfn-lint reports an error in has no judgement, when a file only
stacklint reports an error in has no explanation, or when an entry of either table no longer
applies; 2 when the corpora or the binary are missing.

    tools/parity.py [--binary build/stacklint] [--shared ../shared]
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = ("corpus", "corpus-sam")
VERDICTS = ("true", "contested", "false", "excluded")


def read_table(path, columns):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(columns):
                sys.exit(f"{path}:{n}: expected {len(columns)} tab-separated columns "
                         f"({', '.join(columns)}), found {len(cells)}")
            row = dict(zip(columns, cells))
            if row["file"] in rows:
                sys.exit(f"{path}:{n}: {row['file']} is listed twice")
            rows[row["file"]] = row
    return rows


def reference_errors(shared):
    errors = collections.defaultdict(set)
    with open(os.path.join(shared, "REFERENCE-cfn-lint.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#") or len(row) < 5:
                continue
            if row[3].startswith("E"):
                errors[row[0]].add(row[3])
    return errors


def stacklint_errors(binary, shared):
    errors = collections.defaultdict(set)
    for corpus in CORPORA:
        run = subprocess.run([binary, "--no-config", "--format", "json", corpus], cwd=shared,
                             stdout=subprocess.PIPE, check=False)
        if run.returncode not in (0, 1):
            sys.exit(f"parity: {binary} failed on {corpus} (exit {run.returncode})")
        for finding in json.loads(run.stdout)["findings"]:
            if finding["severity"] == "error":
                errors[os.path.normpath(finding["file"])].add(finding["rule"])
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "stacklint"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"parity: no binary at {binary}; build first", file=sys.stderr)
        return 2
    if not all(os.path.isdir(os.path.join(args.shared, c)) for c in CORPORA):
        print(f"parity: {args.shared} lacks {' and '.join(CORPORA)}", file=sys.stderr)
        return 2

    judged = read_table(os.path.join(ROOT, "docs/parity/judgements.tsv"),
                        ("file", "verdict", "reason"))
    explained = read_table(os.path.join(ROOT, "docs/parity/stacklint-only.tsv"),
                           ("file", "rules", "why"))
    for row in judged.values():
        if row["verdict"] not in VERDICTS:
            sys.exit(f"judgements.tsv: {row['file']}: verdict '{row['verdict']}' is not one of "
                     f"{', '.join(VERDICTS)}")
    reference = reference_errors(args.shared)
    ours = stacklint_errors(binary, args.shared)

    problems = []
    problems += [f"no judgement for {f} (cfn-lint: {', '.join(sorted(reference[f]))})"
                 for f in sorted(set(reference) - set(judged))]
    problems += [f"judgement for {f}, where cfn-lint reports no error" for f in
                 sorted(set(judged) - set(reference))]

    def share(verdicts):
        files = sorted(f for f, row in judged.items() if row["verdict"] in verdicts)
        found = [f for f in files if f in ours]
        return files, found

    print("| files with | cfn-lint | stacklint reports an error in | share |")
    print("|---|---:|---:|---:|")
    for label, verdicts in (("a true error", ("true",)),
                            ("a true or contested error", ("true", "contested"))):
        files, found = share(verdicts)
        pct = 100.0 * len(found) / len(files) if files else 100.0
        print(f"| {label} | {len(files)} | {len(found)} | {pct:.0f}% |")
    files, found = share(("true", "contested"))
    missed = [f for f in files if f not in ours]
    print()
    if missed:
        print("Missed:")
        for f in missed:
            print(f"- `{f}`: {judged[f]['reason']}")
    else:
        print("Missed: none.")

    # Files where only stacklint reports an error: cfn-lint reports none, or only false ones.
    only = sorted(f for f in ours
                  if f not in judged or judged[f]["verdict"] in ("false", "excluded"))
    print()
    print(f"Files where only stacklint reports an error: {len(only)}")
    print()
    print("| file | stacklint | why stacklint is right |")
    print("|---|---|---|")
    for f in only:
        row = explained.get(f)
        rules = ", ".join(sorted(ours[f]))
        if row is None:
            problems.append(f"no explanation for {f}, where only stacklint reports an error "
                            f"({rules})")
            continue
        if row["rules"] != rules:
            problems.append(f"stacklint-only.tsv: {f} lists {row['rules']}, stacklint now "
                            f"reports {rules}")
        print(f"| `{f}` | {rules} | {row['why']} |")
    problems += [f"stacklint-only.tsv: {f} no longer applies" for f in
                 sorted(set(explained) - set(only))]

    for p in problems:
        print(f"parity: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
