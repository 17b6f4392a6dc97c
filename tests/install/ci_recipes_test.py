#!/usr/bin/env python3
"""Checks the CI recipes of examples/ci/ (shown in docs/ci.md): each YAML file parses and has
the shape its CI system reads; every command they run exists; every stacklint command runs
with the built binary on the bundled example and writes the reports that the recipe uploads;
every CMake option they set is one of CMakeLists.txt's; the pre-commit hooks they name exist.

Usage: ci_recipes_test.py SOURCE_DIR STACKLINT_BINARY
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

SOURCE, BINARY = sys.argv[1], os.path.abspath(sys.argv[2])
EXAMPLES = os.path.join(SOURCE, "examples", "ci")
failures = []
made = []


def scratch(prefix):
    """A temporary directory, removed when the test ends."""
    made.append(tempfile.mkdtemp(prefix=prefix))
    return made[-1]


def fail(recipe, message):
    failures.append(f"{recipe}: {message}")


def commands(script):
    """The simple commands of a shell script, as word lists (continuations joined, comments,
    operators and subshell parentheses removed)."""
    lexer = shlex.shlex(script.replace("\\\n", " "), posix=True, punctuation_chars=";&|()")
    lexer.whitespace = " \t\r"
    lexer.commenters = "#"
    lexer.wordchars += "$*{}=:@~.-/,"
    out, current = [], []
    for token in lexer:
        if token in ("\n",) or (token and set(token) <= set(";&|()")):
            if current:
                out.append(current)
            current = []
        else:
            current.append(token)
    if current:
        out.append(current)
    return out


def shell_lines(script):
    # shlex with "\n" outside whitespace returns newlines as tokens only when it is a
    # punctuation char; split on lines first instead.
    result = []
    for line in script.replace("\\\n", " ").split("\n"):
        result.extend(commands(line))
    return result


CMAKE_OPTIONS = set(re.findall(r"option\((\w+)", open(os.path.join(SOURCE, "CMakeLists.txt")).read()))
CMAKE_OPTIONS |= set(re.findall(r"set\((\w+)[^)]*CACHE", open(os.path.join(SOURCE, "CMakeLists.txt")).read()))


def is_stacklint(word):
    return word == "stacklint" or word.endswith("/stacklint")


def check_command(recipe, words, stacklint_runs):
    while words and re.match(r"^\w+=", words[0]):  # VAR=value prefixes
        words = words[1:]
    if words and words[0] == "sudo":
        words = words[1:]
    if not words:
        return
    program = words[0]
    if is_stacklint(program):
        stacklint_runs.append(words[1:])
        return
    if program in ("cd", "set", "exit", "echo", "case", "esac", "if", "then", "fi", "[", "test"):
        return
    if program.startswith("$"):
        fail(recipe, f"runs a program named by a variable: {program}")
        return
    if shutil.which(program) is None:
        fail(recipe, f"runs '{program}', which this machine does not have")
    if program == "cmake":
        for w in words[1:]:
            if w.startswith("-D"):
                name = w[2:].split("=", 1)[0].split(":", 1)[0]
                if not name.startswith("CMAKE_") and name not in CMAKE_OPTIONS:
                    fail(recipe, f"sets -D{name}, which CMakeLists.txt does not define")
    if program == "cpack" and words[1:] != ["-G", "DEB"]:
        fail(recipe, f"runs cpack {' '.join(words[1:])}; the package is built with cpack -G DEB")


def run_stacklint(recipe, args):
    """Runs one stacklint command of a recipe in a directory holding the bundled example, and
    returns the files it wrote there."""
    work = scratch("stacklint-recipe-")
    shutil.copy(os.path.join(SOURCE, "fixtures", "examples", "media-stack.yaml"), work)
    env = dict(os.environ, STACKLINT_TODAY="2026-12-05")
    env.pop("GITHUB_WORKSPACE", None)
    env.pop("CI_PROJECT_DIR", None)
    proc = subprocess.run([BINARY, "--no-config", *args], cwd=work, env=env,
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        fail(recipe, f"stacklint {' '.join(args)} exits {proc.returncode}: {proc.stderr.strip()}")
        return work, {}
    written = {}
    for flag, kind in (("--output-sarif", "json"), ("--output-json", "json"),
                       ("--output-gitlab", "json"), ("--output-junit", "xml")):
        if flag in args:
            name = args[args.index(flag) + 1]
            path = os.path.join(work, name)
            if not os.path.exists(path):
                fail(recipe, f"stacklint {' '.join(args)} did not write {name}")
                continue
            try:
                json.load(open(path)) if kind == "json" else ET.parse(path)
            except Exception as e:  # noqa: BLE001 - any parse error fails the recipe
                fail(recipe, f"{name} does not parse: {e}")
            written[flag] = name
    if "github" in args and "--format" in args and not proc.stdout.startswith("::"):
        fail(recipe, "--format github printed no workflow command")
    return work, written


def check_github():
    recipe = "github-actions.yml"
    doc = yaml.safe_load(open(os.path.join(EXAMPLES, recipe)))
    if not isinstance(doc, dict) or True not in doc and "on" not in doc:  # YAML 1.1: on is True
        fail(recipe, "no 'on' trigger")
    jobs = doc.get("jobs") or {}
    if not jobs:
        fail(recipe, "no jobs")
    known_actions = {"actions/checkout@v4", "github/codeql-action/upload-sarif@v3"}
    for name, job in jobs.items():
        if "runs-on" not in job or not job.get("steps"):
            fail(recipe, f"job {name} has no runs-on or no steps")
        runs, sarif_uploads = [], []
        for step in job.get("steps", []):
            if ("uses" in step) == ("run" in step):
                fail(recipe, f"a step of {name} has neither or both of uses and run")
            if "uses" in step:
                if step["uses"] not in known_actions:
                    fail(recipe, f"uses {step['uses']}, not one of {sorted(known_actions)}")
                if step["uses"].startswith("github/codeql-action/upload-sarif"):
                    sarif_uploads.append((step.get("with") or {}).get("sarif_file"))
                    if step.get("if") != "always()":
                        fail(recipe, "the SARIF upload does not run if: always()")
            else:
                for words in shell_lines(step["run"]):
                    check_command(recipe, words, runs)
        written = set()
        for args in runs:
            _, files = run_stacklint(recipe, args)
            written |= set(files.values())
            if "--format" not in args or args[args.index("--format") + 1] != "github":
                fail(recipe, f"stacklint {' '.join(args)}: no annotations (--format github)")
        for upload in sarif_uploads:
            if upload not in written:
                fail(recipe, f"uploads {upload}, which no stacklint command writes")
        if not runs:
            fail(recipe, f"job {name} never runs stacklint")


def check_gitlab():
    recipe = "gitlab-ci.yml"
    doc = yaml.safe_load(open(os.path.join(EXAMPLES, recipe)))
    jobs = {k: v for k, v in doc.items() if isinstance(v, dict) and "script" in v}
    if not jobs:
        fail(recipe, "no job with a script")
    for name, job in jobs.items():
        runs = []
        for key in ("before_script", "script"):
            for line in job.get(key, []):
                for words in shell_lines(line):
                    check_command(recipe, words, runs)
        written = {}
        for args in runs:
            written.update(run_stacklint(recipe, args)[1])
        reports = (job.get("artifacts") or {}).get("reports") or {}
        if (job.get("artifacts") or {}).get("when") != "always":
            fail(recipe, f"{name}: artifacts are not kept when the job fails (when: always)")
        for report, flag in (("codequality", "--output-gitlab"), ("junit", "--output-junit")):
            if reports.get(report) is None:
                fail(recipe, f"{name}: no {report} report")
            elif reports[report] != written.get(flag):
                fail(recipe, f"{name}: the {report} report {reports[report]} is not what "
                             f"{flag} writes ({written.get(flag)})")
        if not runs:
            fail(recipe, f"job {name} never runs stacklint")


def check_pre_commit():
    recipe = "pre-commit-config.yaml"
    doc = yaml.safe_load(open(os.path.join(EXAMPLES, recipe)))
    hooks = yaml.safe_load(open(os.path.join(SOURCE, ".pre-commit-hooks.yaml")))
    ids = {h["id"] for h in hooks}
    used = [h for repo in doc.get("repos", []) for h in repo.get("hooks", [])]
    if not used:
        fail(recipe, "names no hook")
    for hook in used:
        if hook.get("id") not in ids:
            fail(recipe, f"hook {hook.get('id')} is not in .pre-commit-hooks.yaml ({sorted(ids)})")
        entry = next(h["entry"] for h in hooks if h["id"] == hook.get("id"))
        # The hook runs its entry's flags, then the recipe's args, then the staged files.
        run_stacklint(recipe, shlex.split(entry)[1:] + list(hook.get("args", [])) +
                      ["media-stack.yaml"])


def check_gate():
    recipe = "gate.sh"
    path = os.path.join(EXAMPLES, recipe)
    if not os.access(path, os.X_OK):
        fail(recipe, "is not executable")
    bindir = scratch("stacklint-bin-")
    os.symlink(BINARY, os.path.join(bindir, "stacklint"))
    for args, expected in (([], 1), (["media-stack.yaml"], 1)):
        work = scratch("stacklint-gate-")
        shutil.copy(os.path.join(SOURCE, "fixtures", "examples", "media-stack.yaml"), work)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                   STACKLINT_TODAY="2026-12-05")
        proc = subprocess.run(["sh", path, *args], cwd=work, env=env, capture_output=True, text=True)
        if proc.returncode != expected:
            fail(recipe, f"exits {proc.returncode} on the example (errors in it), not {expected}: "
                         f"{proc.stdout}{proc.stderr}")
        if not os.path.exists(os.path.join(work, "stacklint-report.json")):
            fail(recipe, "wrote no stacklint-report.json")
    # A clean template passes the gate.
    work = scratch("stacklint-gate-")
    with open(os.path.join(work, "ok.yaml"), "w") as f:
        f.write("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
    proc = subprocess.run(["sh", path], cwd=work, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        fail(recipe, f"exits {proc.returncode} on a clean template: {proc.stdout}{proc.stderr}")


def check_docs():
    docs = open(os.path.join(SOURCE, "docs", "ci.md")).read()
    for name in sorted(os.listdir(EXAMPLES)):
        text = open(os.path.join(EXAMPLES, name)).read()
        if text not in docs:
            fail(name, "docs/ci.md does not show it as it is (copy the file into its code block)")


check_github()
check_gitlab()
check_pre_commit()
check_gate()
check_docs()
expected = {"github-actions.yml", "gitlab-ci.yml", "pre-commit-config.yaml", "gate.sh"}
if set(os.listdir(EXAMPLES)) != expected:
    fail("examples/ci", f"holds {sorted(os.listdir(EXAMPLES))}; this test checks {sorted(expected)}")
for directory in made:
    shutil.rmtree(directory, ignore_errors=True)
for f in failures:
    print("FAIL:", f)
print(f"{len(failures)} failure(s)" if failures else "every CI recipe checks out")
sys.exit(1 if failures else 0)
