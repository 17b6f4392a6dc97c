#!/usr/bin/env python3
"""End-to-end test of `stacklint lsp`, driven through stdio as an editor drives it.

    lsp_test.py STACKLINT_BINARY

Opens a template with the incident bucket (versioned, no lifecycle rule: R001), checks the
diagnostic's range, code and link; fixes it with an incremental edit and sees the
diagnostic go; goes to a Ref's definition; finds its references; hovers a rule and a Ref;
takes a quick fix and the suppression action; checks that a YAML file that is no template
gets no diagnostics, that UTF-8 positions are negotiated, that a burst of edits is linted
once, and that the server exits cleanly. Nothing is written to disk by the server.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


class Client:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen([binary, "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.pending = []  # notifications received while waiting for a response

    def send(self, payload):
        body = json.dumps(payload).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.decode().strip()
            if not line:
                break
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.next_id:
                return msg
            self.pending.append(msg)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, timeout=30):
        """The next publishDiagnostics for `uri`."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, msg in enumerate(self.pending):
                if msg.get("method") == "textDocument/publishDiagnostics" and \
                        msg["params"]["uri"] == uri:
                    del self.pending[i]
                    return msg["params"]
            self.pending.append(self.read())
        raise TimeoutError("no diagnostics for " + uri)


# The incident bucket, shared with nvim_test.sh.
TEMPLATE = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "media.yaml")).read()

LIFECYCLE = """      LifecycleConfiguration:
        Rules:
          - Id: ExpireOldVersions
            Status: Enabled
            NoncurrentVersionExpiration: {NoncurrentDays: 30}
"""


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="stacklint-lsp-")
    path = os.path.join(work, "media.yaml")
    with open(path, "w") as f:
        f.write("# on disk: an older version\nResources: {}\n")
    other = os.path.join(work, "settings.yaml")
    with open(other, "w") as f:
        f.write("name: not a template\n")
    before = {p: open(p).read() for p in (path, other)}
    uri = "file://" + path
    c = Client(binary, work)

    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x.yaml"},
                                         "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32002, "a request before initialize: -32002")
    init = c.request("initialize", {"processId": None, "rootUri": "file://" + work,
                                    "capabilities": {"general": {"positionEncodings":
                                                                 ["utf-16"]}}})
    caps = init["result"]["capabilities"]
    check(caps["positionEncoding"] == "utf-16", "UTF-16 unless the client offers UTF-8")
    check(caps["textDocumentSync"]["change"] == 2, "incremental sync")
    c.notify("initialized", {})

    # Open: the in-memory text is linted, not the file on disk.
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                       "version": 1, "text": TEMPLATE}})
    d = c.diagnostics(uri)
    codes = sorted(x["code"] for x in d["diagnostics"])
    check("R001" in codes and "T024" in codes, "R001 and T024 reported, got %s" % codes)
    r001 = next(x for x in d["diagnostics"] if x["code"] == "R001")
    check(r001["range"]["start"] == {"line": 6, "character": 6},
          "R001 at VersioningConfiguration (6:6), got %s" % r001["range"]["start"])
    check(r001["range"]["end"] == {"line": 6, "character": 29},
          "R001's range covers the key, got %s" % r001["range"]["end"])
    check(r001["severity"] == 2 and r001["source"] == "stacklint", "warning from stacklint")
    check(r001.get("codeDescription", {}).get("href", "").endswith(
        "rules.md#r001-versioned-bucket-without-noncurrent-expiration"), "link to the rule")

    # Hover on the diagnostic: the rule's documentation.
    h = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 6, "character": 10}})
    check(h["result"] and "### What it finds" in h["result"]["contents"]["value"],
          "hover shows the rule's explanation")
    # Hover on a Ref: what it refers to.
    h = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 12, "character": 23}})
    check(h["result"] and "AWS::S3::Bucket" in h["result"]["contents"]["value"]
          and "line 2" in h["result"]["contents"]["value"], "hover on a Ref: %s" % h)
    # Go to definition and find references.
    g = c.request("textDocument/definition", {"textDocument": {"uri": uri},
                                              "position": {"line": 12, "character": 23}})
    check(g["result"] and g["result"]["range"]["start"] == {"line": 1, "character": 2},
          "definition of the Ref is the Uploads key: %s" % g.get("result"))
    refs = c.request("textDocument/references", {"textDocument": {"uri": uri},
                                                 "position": {"line": 1, "character": 4},
                                                 "context": {"includeDeclaration": True}})
    lines = sorted(r["range"]["start"]["line"] for r in refs["result"] or [])
    check(lines == [1, 10, 10, 12], "references of Uploads: %s" % lines)

    # Code actions: the quick fix for T024 and the suppression.
    a = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 0}},
        "context": {"diagnostics": []}})
    titles = [x["title"] for x in a["result"]]
    fix = next((x for x in a["result"] if x["title"].startswith("Fix T024")), None)
    check(fix is not None, "a quick fix for T024: %s" % titles)
    if fix:
        edit = fix["edit"]["changes"][uri][0]
        check(edit["range"]["start"] == {"line": 10, "character": 23} and
              edit["range"]["end"] == {"line": 10, "character": 32} and edit["newText"] == "",
              "the T024 edit removes ', Uploads': %s" % edit)
    check(any(t.startswith("Suppress T024 on 'Reader'") for t in titles), "a suppression")
    check(any(x["kind"] == "source.fixAll" for x in a["result"]), "fix all safe")
    # As the cursor moves (an automatic request) "fix all" is left out: it lints a few times.
    a = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 0}},
        "context": {"diagnostics": [], "triggerKind": 2}})
    check(not any(x["kind"] == "source.fixAll" for x in a["result"]) and
          any(x["title"].startswith("Fix T024") for x in a["result"]),
          "automatic requests get quick fixes, not fix all")
    a = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"], "triggerKind": 2}})
    fix_all = [x for x in a["result"] if x["kind"] == "source.fixAll"]
    check(len(fix_all) == 1 and "Uploads, Uploads" not in
          fix_all[0]["edit"]["changes"][uri][0]["newText"], "source.fixAll when asked for")

    # Fix R001 with an incremental edit (insert the lifecycle rule after line 7), and a
    # burst of edits: the last version counts.
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 8, "character": 0},
                                      "end": {"line": 8, "character": 0}},
                            "text": "  # typing...\n"}]})
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": {"line": 8, "character": 0},
                                      "end": {"line": 9, "character": 0}},
                            "text": LIFECYCLE}]})
    d = c.diagnostics(uri)
    check(d.get("version") in (2, 3), "diagnostics carry the document version")
    # When the second edit arrived after the server had started on the first, version 2 is
    # linted too (with R001: the rule is not there yet); the last version must follow.
    if d.get("version") == 2:
        d = c.diagnostics(uri)
    codes = [x["code"] for x in d["diagnostics"]]
    check(d.get("version") == 3, "the last version is linted, got %s" % d.get("version"))
    check("R001" not in codes, "R001 is gone after the edit, got %s" % codes)

    # A YAML file that is not a template: no diagnostics.
    other_uri = "file://" + other
    c.notify("textDocument/didOpen", {"textDocument": {"uri": other_uri, "languageId": "yaml",
                                                       "version": 1,
                                                       "text": "name: x\nitems: [1, 2]\n"}})
    d = c.diagnostics(other_uri)
    check(d["diagnostics"] == [], "no diagnostics for a non-template: %s" % d["diagnostics"])

    # Unknown methods are errors, not crashes; garbage parameters too.
    r = c.request("textDocument/rename", {})
    check(r.get("error", {}).get("code") == -32601, "unknown method: MethodNotFound")
    r = c.request("textDocument/hover", {"nonsense": True})
    check(r.get("error", {}).get("code") == -32602, "bad params: InvalidParams")

    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    d = c.diagnostics(uri)
    check(d["diagnostics"] == [], "closing clears the diagnostics")
    r = c.request("shutdown", None)
    check("result" in r and r["result"] is None, "shutdown")
    c.notify("exit", None)
    code = c.proc.wait(timeout=30)
    check(code == 0, "exit code 0 after shutdown, got %d" % code)
    check(all(open(p).read() == t for p, t in before.items()), "no file was written")

    # UTF-8 positions when the client offers them; a non-ASCII line counts bytes.
    c = Client(binary, work)
    init = c.request("initialize", {"capabilities": {"general": {"positionEncodings":
                                                                 ["utf-8", "utf-16"]}}})
    check(init["result"]["capabilities"]["positionEncoding"] == "utf-8", "UTF-8 negotiated")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                       "version": 1,
                                                       "text": "Description: \"caf\u00e9\"\n"
                                                               "Resources:\n  B:\n"
                                                               "    Type: AWS::S3::Buckets\n"}})
    d = c.diagnostics(uri)
    s001 = [x for x in d["diagnostics"] if x["code"] == "S001"]
    check(len(s001) == 1 and s001[0]["range"]["start"] == {"line": 3, "character": 10},
          "S001 at 3:10: %s" % s001)
    c.notify("exit", None)
    check(c.proc.wait(timeout=30) == 1, "exit without shutdown: code 1")

    print("lsp: %d checks failed" % len(failures) if failures else "lsp: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
