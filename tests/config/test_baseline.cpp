// Baselines: stable across line moves, strict about their format, written atomically.
#include <catch2/catch.hpp>

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/baseline.hpp"
#include "core/atomic_file.hpp"
#include "support/helpers.hpp"

extern char** environ;

using namespace stacklint;
namespace fs = std::filesystem;

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Finding finding(std::string rule, std::string resource, std::uint32_t line) {
    Finding f;
    f.rule = std::move(rule);
    f.file = "app.yaml";
    f.stack_file = "app.yaml";
    f.stack = "app";
    f.resource = resource;
    f.path = "Resources/" + resource;
    f.mark = Mark{line, 3};
    return f;
}

// A template with `n` invalid logical ids whose names start with `prefix`.
std::string many_bad_names(const std::string& prefix, int n) {
    std::string t = "Resources:\n";
    for (int i = 0; i < n; ++i) {
        t.append("  ").append(prefix).append("-").append(std::to_string(i)).append(":\n");
        t.append("    Type: AWS::SQS::Queue\n");
    }
    return t;
}

}  // namespace

TEST_CASE("Baseline: sorted JSON, one line per fingerprint, counts for repeats") {
    const Baseline b = make_baseline(
        {finding("T007", "b-x", 9), finding("T007", "a-x", 4), finding("T007", "a-x", 5)});
    CHECK(baseline_text(b) ==
          "{\n"
          "  \"findings\": {\n"
          "    \"T007|app.yaml|app|a-x|Resources/a-x\": 2,\n"
          "    \"T007|app.yaml|app|b-x|Resources/b-x\": 1\n"
          "  },\n"
          "  \"stacklint_baseline\": 2\n"
          "}\n");
}

TEST_CASE("Baseline: hides recorded findings wherever their lines moved") {
    const std::string before = "Resources:\n  bad-one:\n    Type: AWS::SQS::Queue\n";
    const LintResult first = test::lint_text("moved.yaml", before);
    REQUIRE(first.findings.size() == 1);
    const Baseline b = make_baseline(first.findings);

    // Comments above push the finding down; a new bad resource appears.
    LintResult second = test::lint_text(
        "moved.yaml", "# a\n# b\n" + before + "  bad-two:\n    Type: AWS::SQS::Queue\n");
    REQUIRE(second.findings.size() == 2);
    CHECK(apply_baseline(b, second.findings) == 1);
    REQUIRE(second.findings.size() == 1);
    CHECK(second.findings[0].resource == "bad-two");
}

TEST_CASE("Baseline: a fingerprint hides as many findings as it counts") {
    Baseline b;
    b.counts["T007|app.yaml|app|a|Resources/a"] = 1;
    std::vector<Finding> findings = {finding("T007", "a", 1), finding("T007", "a", 2),
                                     finding("T011", "a", 3)};
    CHECK(apply_baseline(b, findings) == 1);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].mark.line == 2);  // the first in file order is the one hidden
    CHECK(findings[1].rule == "T011");
}

TEST_CASE("Baseline: round trip and refusals") {
    const Baseline b = make_baseline({finding("T007", "a", 1), finding("T011", "b", 2)});
    const std::string path = test::temp_dir() + "/baseline-roundtrip.json";
    std::string error;
    REQUIRE(write_baseline(path, b, error));
    const std::optional<Baseline> back = read_baseline(path, error);
    REQUIRE(back);
    CHECK(back->counts == b.counts);
    CHECK(back->version == 2);

    const auto refused = [&](const std::string& text) {
        const std::string p = test::write_temp("baseline-bad.json", text);
        std::string message;
        return read_baseline(p, message) ? std::string("accepted") : message;
    };
    CHECK(refused("{") ==
          "not a stacklint baseline (invalid JSON); write one with --write-baseline");
    CHECK(refused("[]") ==
          "not a stacklint baseline (no \"stacklint_baseline\" version); write "
          "one with --write-baseline");
    CHECK(refused("{\"stacklint_baseline\": 3, \"findings\": {}}") ==
          "baseline format version 3 is not supported by this stacklint (it reads versions 1 "
          "and 2)");
    CHECK(refused("{\"stacklint_baseline\": \"2\", \"findings\": {}}")
              .starts_with("baseline format version \"2\" is not supported"));
    CHECK(refused("{\"stacklint_baseline\": 2, \"findings\": {}}") == "accepted");
    CHECK(refused("{\"stacklint_baseline\": 1, \"findings\": []}")
              .starts_with("not a stacklint baseline (\"findings\" is not an object)"));
    CHECK(refused("{\"stacklint_baseline\": 1, \"findings\": {\"x\": -1}}")
              .starts_with("not a stacklint baseline (the count of \"x\""));
    CHECK(refused("{\"stacklint_baseline\": 1, \"findings\": {}}") == "accepted");
    CHECK_FALSE(read_baseline(test::temp_dir() + "/no-such-baseline.json", error));
    CHECK(error == "cannot read the baseline file: No such file or directory");
    CHECK_FALSE(read_baseline(test::temp_dir(), error));
    CHECK(error == "cannot read the baseline file: Is a directory");
}

TEST_CASE("Fingerprint: names the template, relative and '/'-separated, never a line") {
    Finding f = finding("T007", "bad", 2);
    f.stack_file = f.file = "envs/prod/app.yaml";
    CHECK(f.fingerprint() == "T007|envs/prod/app.yaml|app|bad|Resources/bad");
    Finding moved = f;
    moved.mark = Mark{40, 9};
    CHECK(moved.fingerprint() == f.fingerprint());
    Finding spelt = f;
    spelt.stack_file = spelt.file = "./envs//prod/app.yaml";
    CHECK(spelt.fingerprint() == f.fingerprint());
    spelt.stack_file = (fs::current_path() / "envs/prod/app.yaml").string();
    CHECK(spelt.fingerprint() == f.fingerprint());
    Finding dev = f;
    dev.stack_file = dev.file = "envs/dev/app.yaml";
    CHECK(dev.fingerprint() != f.fingerprint());
    CHECK(dev.fingerprint_v1() == f.fingerprint_v1());
    CHECK(f.fingerprint_v1() == "T007|app|bad|Resources/bad");
    // A CDK stack's finding in its manifest is fingerprinted by the stack's template.
    Finding cdk = f;
    cdk.stack = "StorageStack";
    cdk.stack_file = "cdk.out/StorageStack.template.json";
    cdk.file = "cdk.out/manifest.json";
    CHECK(cdk.fingerprint() ==
          "T007|cdk.out/StorageStack.template.json|StorageStack|bad|"
          "Resources/bad");
    CHECK(cdk.fingerprint_v1() == "T007|StorageStack|bad|Resources/bad");
    Finding dotted = f;
    dotted.stack = "api.dev";
    dotted.stack_file = "api.dev.yaml";
    CHECK(dotted.fingerprint_v1() == "T007|api|bad|Resources/bad");
}

TEST_CASE("Baseline: version 1 entries match by the version 1 fingerprint") {
    const std::string path = test::write_temp(
        "baseline-v1.json",
        "{\"stacklint_baseline\": 1, \"findings\": {\"T007|app|a|Resources/a\": 1}}");
    std::string error;
    const std::optional<Baseline> b = read_baseline(path, error);
    REQUIRE(b);
    CHECK(b->version == 1);
    std::vector<Finding> findings = {finding("T007", "a", 1), finding("T007", "b", 2)};
    CHECK(apply_baseline(*b, findings) == 1);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].resource == "b");
}

TEST_CASE("Atomic write: replaces the file, keeps its mode, leaves no temporary file") {
    const std::string dir = test::temp_dir() + "/atomic";
    fs::create_directories(dir);
    const std::string path = dir + "/out.json";
    std::string error;
    REQUIRE(write_file_atomically(path, "first", error));
    CHECK(read_all(path) == "first");
    ::chmod(path.c_str(), 0640);
    REQUIRE(write_file_atomically(path, "second", error));
    CHECK(read_all(path) == "second");
    CHECK((fs::status(path).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);

    CHECK_FALSE(write_file_atomically(dir + "/missing/out.json", "x", error));
    CHECK_THAT(error, Catch::StartsWith("cannot create a temporary file in"));
}

TEST_CASE("Baseline: a reader never sees a partial file while another process rewrites it") {
    // Two runs whose baselines differ (about 45 KB each, so a non-atomic writer would be seen
    // half-way), written over and over by a stacklint process while this one reads.
    const std::string dir = test::temp_dir() + "/concurrent";
    const std::string a = test::write_temp("concurrent/a/app.yaml", many_bad_names("old", 1000));
    const std::string b = test::write_temp("concurrent/b/app.yaml", many_bad_names("new", 1000));
    const std::string bin = STACKLINT_BINARY;
    const std::string flags = " --no-config --fail-on none -q -f json ";
    std::string out;
    REQUIRE(test::run_stacklint(flags + "--write-baseline " + dir + "/a.json " + a, out) == 0);
    REQUIRE(test::run_stacklint(flags + "--write-baseline " + dir + "/b.json " + b, out) == 0);
    const std::string text_a = read_all(dir + "/a.json");
    const std::string text_b = read_all(dir + "/b.json");
    REQUIRE(text_a.size() > 30000);
    REQUIRE(text_a != text_b);

    const std::string target = dir + "/baseline.json";
    std::ofstream(target) << text_a;
    const std::string script = "for i in $(seq 25); do " + bin + flags + "--write-baseline " +
                               target + " " + b + " >/dev/null; " + bin + flags +
                               "--write-baseline " + target + " " + a + " >/dev/null; done";
    const char* argv[] = {"/bin/sh", "-c", script.c_str(), nullptr};
    pid_t child = 0;
    REQUIRE(::posix_spawn(&child, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) ==
            0);

    std::size_t reads = 0, torn = 0;
    int status = 0;
    while (::waitpid(child, &status, WNOHANG) == 0) {
        const std::string seen = read_all(target);
        ++reads;
        if (seen != text_a && seen != text_b) ++torn;
    }
    INFO("reads: " << reads);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(reads > 0);
    CHECK(torn == 0);
    CHECK(read_all(target) == text_a);  // the last run wrote a's baseline
    // Only the target and the two reference files: no temporary file left behind.
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 5);
}
