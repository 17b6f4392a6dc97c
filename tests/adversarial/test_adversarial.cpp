// The adversarial-input suite: hostile files and paths, each linted beside a good template.
// Every case must end with a clear message naming the file (and the position, where there is
// one), the documented exit code, bounded memory and CPU (enforced by run_limited), and the
// good template's finding still reported. README "Hostile input" documents each behaviour.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "adversarial/inputs.hpp"
#include "adversarial/run.hpp"
#include "discover/discover.hpp"
#include "lint/engine.hpp"
#include "lint/rule.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace stacklint::test;
using namespace stacklint::test::adversarial;

namespace {

// Memory any case may take, however hostile the input: the 64 MiB file cap and the loader's
// node limits keep every case far below it.
constexpr long kMaxPeakRssKb = 1536L * 1024;

// A fresh directory holding good.yaml (one T007 at 2:3).
std::string fresh_dir(const std::string& name) {
    const fs::path dir = fs::path(temp_dir()) / "adversarial" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "good.yaml") << good_template();
    return dir.string();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct Outcome {
    RunResult run;
    json report;
    // Findings of one file, as "RULE@LINE:COL".
    std::vector<std::string> findings_of(const std::string& file_suffix) const {
        std::vector<std::string> out;
        for (const json& f : report["findings"]) {
            const std::string file = f["file"];
            if (!file.ends_with(file_suffix)) continue;
            out.push_back(f["rule"].get<std::string>() + "@" +
                          std::to_string(f["line"].get<int>()) + ":" +
                          std::to_string(f["column"].get<int>()));
        }
        return out;
    }
    bool has(const std::string& file_suffix, const std::string& rule) const {
        for (const std::string& f : findings_of(file_suffix))
            if (f.starts_with(rule + "@")) return true;
        return false;
    }
};

// Lints `paths` (in `dir`) together with good.yaml, as JSON, and checks what every case must
// give: a normal exit, bounded memory, valid JSON, and good.yaml's finding.
Outcome lint_paths(const std::string& dir, const std::vector<std::string>& paths,
                   const RunLimits& limits = {}) {
    std::vector<std::string> args{"--no-config", "--format", "json", "--jobs", "2"};
    for (const std::string& p : paths)
        args.push_back(p);
    args.push_back(dir + "/good.yaml");
    Outcome o;
    o.run = run_limited(args, limits);
    INFO("stderr: " << o.run.err.substr(0, 2000));
    REQUIRE_FALSE(o.run.timed_out);
    REQUIRE(o.run.signal == 0);
    REQUIRE((o.run.exit_code == 1 || o.run.exit_code == 2));
    if (!built_with_asan()) CHECK(o.run.peak_rss_kb < kMaxPeakRssKb);
    o.report = json::parse(o.run.out);
    CHECK(o.findings_of("good.yaml") == std::vector<std::string>{"T007@2:3"});
    return o;
}

Outcome lint_generated(const std::string& case_name, const std::string& file_name,
                       const std::string& bytes) {
    const std::string dir = fresh_dir(case_name);
    write_bytes(fs::path(dir) / file_name, bytes);
    return lint_paths(dir, {dir + "/" + file_name});
}

// The one finding of the hostile file, which must exist and be of `rule`.
std::string only_finding(const Outcome& o, const std::string& file, const std::string& rule) {
    const auto found = o.findings_of(file);
    INFO(o.run.out.substr(0, 3000));
    REQUIRE(found.size() == 1);
    CHECK(found[0].starts_with(rule + "@"));
    return found[0];
}

std::string first_message(const Outcome& o, const std::string& file) {
    for (const json& f : o.report["findings"]) {
        if (f["file"].get<std::string>().ends_with(file)) return f["message"];
    }
    return {};
}

std::vector<std::string> tool_errors(const Outcome& o) {
    std::vector<std::string> out;
    for (const json& e : o.report["errors"])
        out.push_back(e["file"].get<std::string>() + ": " + e["message"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("Adversarial: empty, whitespace-only and comment-only files are T004", "[adversarial]") {
    for (const std::string text : {"", "   \n\n\t\n", "# nothing here\n"}) {
        const Outcome o = lint_generated("empty", "empty.yaml", text);
        CHECK(o.run.exit_code == 1);
        CHECK(only_finding(o, "empty.yaml", "T004") == "T004@1:1");
    }
}

TEST_CASE("Adversarial: several YAML documents are T001 at the second, the first is linted",
          "[adversarial]") {
    const Outcome o = lint_generated(
        "documents", "docs.yaml",
        "Resources:\n  bad_one:\n    Type: AWS::SNS::Topic\n---\nResources: {}\n---\nx: 1\n");
    CHECK(o.findings_of("docs.yaml") == std::vector<std::string>{"T007@2:3", "T001@4:1"});
}

TEST_CASE("Adversarial: a JSON array or scalar, and Resources as a list or string, are T009",
          "[adversarial]") {
    CHECK(only_finding(lint_generated("array", "array.json", "[1, 2, 3]"), "array.json", "T009") ==
          "T009@1:1");
    CHECK(only_finding(lint_generated("scalar", "scalar.json", "42"), "scalar.json", "T009") ==
          "T009@1:1");
    CHECK(only_finding(lint_generated("list", "list.yaml", "Resources:\n  - a\n  - b\n"),
                       "list.yaml", "T009") == "T009@2:3");
    CHECK(only_finding(lint_generated("string", "string.yaml", "Resources: hello\n"), "string.yaml",
                       "T009") == "T009@1:12");
}

TEST_CASE("Adversarial: bytes that are not UTF-8 text are T001 at the offending byte",
          "[adversarial]") {
    SECTION("invalid UTF-8") {
        const Outcome o =
            lint_generated("utf8", "bad.yaml", "Resources:\n  A:\n    Type: \"\xff\xfe\"\n");
        CHECK(only_finding(o, "bad.yaml", "T001") == "T001@3:12");
        CHECK_THAT(first_message(o, "bad.yaml"), Catch::Contains("UTF-8"));
    }
    SECTION("UTF-16 with a byte-order mark") {
        std::string utf16 = "\xff\xfe";
        for (const char c : std::string("Resources:\n"))
            utf16.append({c, '\0'});
        const Outcome o = lint_generated("utf16", "utf16.yaml", utf16);
        CHECK(only_finding(o, "utf16.yaml", "T001") == "T001@1:1");
        CHECK_THAT(first_message(o, "utf16.yaml"), Catch::Contains("UTF-16"));
    }
    SECTION("a NUL byte") {
        const Outcome o =
            lint_generated("nul", "nul.yaml", std::string("Resources:\n  A:\0\n", 16));
        CHECK(only_finding(o, "nul.yaml", "T001") == "T001@2:5");
    }
    SECTION("a binary file named .json") {
        std::string binary;
        for (int i = 0; i < 25600; ++i)
            binary.push_back(static_cast<char>(i % 256));
        const Outcome o = lint_generated("binary", "blob.json", binary);
        CHECK(only_finding(o, "blob.json", "T001") == "T001@1:1");
    }
}

TEST_CASE("Adversarial: CRLF and mixed line endings keep positions", "[adversarial]") {
    const Outcome crlf = lint_generated("crlf", "crlf.yaml",
                                        "Resources:\r\n  bad_a:\r\n    Type: AWS::SNS::Topic\r\n");
    CHECK(crlf.findings_of("crlf.yaml") == std::vector<std::string>{"T007@2:3"});
    const Outcome mixed = lint_generated("mixed", "mixed.yaml",
                                         "Resources:\r\n  bad_a:\n    Type: AWS::SNS::Topic\r\n  "
                                         "bad_b:\n    Type: AWS::SNS::Topic\n");
    CHECK(mixed.findings_of("mixed.yaml") == std::vector<std::string>{"T007@2:3", "T007@4:3"});
}

TEST_CASE("Adversarial: tabs used for indentation are T001 on the tab's line", "[adversarial]") {
    const Outcome o =
        lint_generated("tabs", "tabs.yaml", "Resources:\n\tTopic:\n\t\tType: AWS::SNS::Topic\n");
    CHECK(only_finding(o, "tabs.yaml", "T001").starts_with("T001@2:"));
    CHECK_THAT(first_message(o, "tabs.yaml"), Catch::Contains("indented with a tab"));
}

TEST_CASE("Adversarial: 100,000 levels of nesting stop at the depth limit", "[adversarial]") {
    constexpr std::size_t kDeep = 100'000;
    const std::vector<std::pair<std::string, std::string>> inputs{
        {"block.yaml", yaml_block_nesting(kDeep)},    {"flow-seq.yaml", yaml_flow_sequences(kDeep)},
        {"flow-map.yaml", yaml_flow_mappings(kDeep)}, {"arrays.json", json_arrays(kDeep)},
        {"objects.json", json_objects(kDeep)},
    };
    for (const auto& [name, bytes] : inputs) {
        INFO(name);
        const Outcome o = lint_generated("deep", name, bytes);
        only_finding(o, name, "T001");
        CHECK_THAT(first_message(o, name), Catch::Contains("nesting deeper than 256"));
    }
}

TEST_CASE("Adversarial: alias bombs and self-referring anchors are T001", "[adversarial]") {
    const Outcome bomb = lint_generated("bomb", "bomb.yaml", yaml_billion_laughs(9));
    only_finding(bomb, "bomb.yaml", "T001");
    CHECK_THAT(first_message(bomb, "bomb.yaml"), Catch::Contains("alias"));
    const Outcome self = lint_generated("self", "self.yaml", "a: &x [1, *x]\nResources: {}\n");
    CHECK(only_finding(self, "self.yaml", "T001") == "T001@1:11");
}

TEST_CASE("Adversarial: a 50 MB template is linted whole; over 64 MiB is a tool error",
          "[adversarial]") {
    const Outcome big = lint_generated("50mb", "big.yaml", template_of_bytes(50 * 1024 * 1024));
    CHECK(big.has("big.yaml", "T043"));
    CHECK(big.report["summary"]["resources"].get<std::size_t>() > 100'000);

    const Outcome huge = lint_generated("65mb", "huge.yaml", template_of_bytes(65 * 1024 * 1024));
    CHECK(huge.run.exit_code == 2);
    CHECK(huge.findings_of("huge.yaml").empty());
    const auto errors = tool_errors(huge);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains("huge.yaml") && Catch::Contains("64 MiB"));
}

TEST_CASE("Adversarial: a 1 MB single line is linted and quoted as a window", "[adversarial]") {
    const Outcome o = lint_generated("line", "line.json", json_single_line(1024 * 1024));
    CHECK(o.has("line.json", "T043"));
    const std::string dir = fs::path(temp_dir()) / "adversarial" / "line";
    const RunResult text = run_limited({"--no-config", "--select", "T043", dir + "/line.json"});
    // The code frame shows a window of the line, never the whole megabyte.
    CHECK(text.out.size() < 2000);
}

TEST_CASE("Adversarial: 100,000 resources are analysed with memory to spare", "[adversarial]") {
    const Outcome o = lint_generated("100k", "many.yaml", template_with_resources(100'000));
    CHECK(o.report["summary"]["resources"] == 100'001);  // and good.yaml's one
    CHECK_THAT(first_message(o, "many.yaml"), Catch::Contains("100000 resources"));
}

TEST_CASE("Adversarial: 100,000 resources with findings each are capped per rule, and said so",
          "[adversarial]") {
    const Outcome o =
        lint_generated("100k-buckets", "buckets.yaml", template_with_named_buckets(100'000));
    std::map<std::string, std::size_t> per_rule;
    for (const json& f : o.report["findings"])
        if (f["file"].get<std::string>().ends_with("buckets.yaml")) ++per_rule[f["rule"]];
    CHECK(per_rule["R003"] == stacklint::kMaxFindingsPerRule);
    CHECK(per_rule["R001"] == stacklint::kMaxFindingsPerRule);
    CHECK(per_rule["M004"] >= 3);  // one per capped rule, saying how many were left out
}

TEST_CASE("Adversarial: keys and values of 10 MB", "[adversarial]") {
    constexpr std::size_t k10MiB = 10 * 1024 * 1024;
    // YAML limits an implicit key to 1,024 characters, so yaml-cpp cannot read it: T001.
    only_finding(lint_generated("key-yaml", "key.yaml", yaml_long_key(k10MiB)), "key.yaml", "T001");
    // JSON has no such limit: the key is an unknown property of the topic.
    const Outcome json_key = lint_generated("key-json", "key.json", json_long_key(k10MiB));
    CHECK(json_key.has("key.json", "S003"));
    const Outcome value = lint_generated("value", "value.yaml", yaml_long_value(k10MiB));
    CHECK(value.has("value.yaml", "T043"));
}

TEST_CASE("Adversarial: an Fn::Sub with 1,000,000 variables", "[adversarial]") {
    const Outcome o = lint_generated("sub", "sub.json", json_sub_variables(1'000'000));
    CHECK(o.findings_of("sub.json") == std::vector<std::string>{"T043@1:1"});
}

TEST_CASE("Adversarial: many conditions stay bounded and every resource is still judged",
          "[adversarial]") {
    // Each replication group may run in cluster mode without automatic failover in some
    // combination of conditions (S019): found whether its 5 conditions are validated per
    // scenario or its 8 are too many and S019 reads the branches itself.
    const Outcome o = lint_generated("conditions", "c.yaml", template_with_conditions(200));
    CHECK(o.run.exit_code == 1);
    CHECK(o.report["errors"].empty());
    std::size_t s019 = 0;
    for (const std::string& f : o.findings_of("c.yaml")) {
        s019 += f.starts_with("S019@");
        INFO(f);
        // R007: no DeletionPolicy; T044: a body too large to pass without S3; P011, P019: the
        // groups encrypt neither at rest nor in transit.
        CHECK((f.starts_with("S019@") || f.starts_with("R007@") || f.starts_with("T044@") ||
               f.starts_with("P011@") || f.starts_with("P019@")));
    }
    CHECK(s019 == 200);
}

TEST_CASE("Adversarial: deeply nested Fn::If", "[adversarial]") {
    const Outcome ok = lint_generated("if", "if.yaml", yaml_nested_if(250));
    CHECK(ok.findings_of("if.yaml").empty());
    const Outcome deep = lint_generated("if-deep", "if.yaml", yaml_nested_if(300));
    only_finding(deep, "if.yaml", "T001");
}

TEST_CASE("Adversarial: a directory symlink loop is walked once", "[adversarial]") {
    const std::string dir = fresh_dir("loop");
    fs::create_directories(fs::path(dir) / "tree" / "sub");
    std::ofstream(fs::path(dir) / "tree" / "sub" / "t.yaml") << good_template();
    fs::create_directory_symlink("..", fs::path(dir) / "tree" / "sub" / "up");
    fs::create_directory_symlink(".", fs::path(dir) / "tree" / "self");
    const Outcome o = lint_paths(dir, {dir + "/tree"});
    CHECK(o.run.exit_code == 1);
    CHECK(o.findings_of("sub/t.yaml") == std::vector<std::string>{"T007@2:3"});
    CHECK(o.report["summary"]["files"] == 2);
}

TEST_CASE("Adversarial: an unreadable file is a tool error naming it", "[adversarial]") {
    const std::string dir = fresh_dir("unreadable");
    fs::permissions(temp_dir(),
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::permissions(fs::path(temp_dir()) / "adversarial",
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::permissions(fs::path(dir) / "good.yaml", fs::perms::owner_read | fs::perms::others_read);
    const std::string secret = dir + "/secret.yaml";
    std::ofstream(secret) << good_template();
    fs::permissions(secret, fs::perms::none);
    RunLimits limits;
    limits.as_nobody = true;  // root reads anything; a real permission error needs another user
    const Outcome o = lint_paths(dir, {secret}, limits);
    CHECK(o.run.exit_code == 2);
    const auto errors = tool_errors(o);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains("secret.yaml") && Catch::Contains("ermission"));
}

TEST_CASE("Adversarial: a FIFO is refused, never waited on", "[adversarial]") {
    const std::string dir = fresh_dir("fifo");
    const std::string fifo = dir + "/pipe.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const Outcome named = lint_paths(dir, {fifo});
    CHECK(named.run.exit_code == 2);
    const auto errors = tool_errors(named);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains("pipe.yaml"));
    // Met during a directory walk it is not a template file: skipped like any other.
    const Outcome walked = lint_paths(dir, {dir});
    CHECK(tool_errors(walked).size() <= 1);
}

TEST_CASE("Adversarial: file names with spaces, newlines and non-UTF-8 bytes", "[adversarial]") {
    const std::string dir = fresh_dir("names");
    const std::string odd = "a b\nc\xff.yaml";
    std::ofstream(fs::path(dir) / odd) << good_template();
    const Outcome o = lint_paths(dir, {dir + "/" + odd});
    CHECK(o.report["summary"]["files"] == 2);
    CHECK(o.report["findings"].size() == 2);
    // Every format stays well-formed.
    const RunResult sarif =
        run_limited({"--no-config", "--format", "sarif", dir + "/" + odd, dir + "/good.yaml"});
    CHECK(json::accept(sarif.out));
    const RunResult text = run_limited({"--no-config", "-q", dir + "/" + odd});
    INFO(text.out);
    CHECK(text.out.find('\xff') == std::string::npos);
    CHECK(text.out.find("a b\nc") == std::string::npos);  // the newline must not split the line
}

TEST_CASE("Adversarial: broken or hostile cdk.out manifests", "[adversarial]") {
    const std::string dir = fresh_dir("cdk");
    const fs::path assembly = fs::path(dir) / "cdk.out";
    fs::create_directories(assembly);
    std::ofstream(assembly / "cdk.out") << "{\"version\":\"36.0.0\"}";
    SECTION("truncated") {
        std::ofstream(assembly / "manifest.json")
            << "{\"version\": \"36.0.0\", \"artifacts\": {\"S\"";
        const Outcome o = lint_paths(dir, {assembly.string()});
        CHECK(o.run.exit_code == 2);
        const auto errors = tool_errors(o);
        REQUIRE(errors.size() == 1);
        CHECK_THAT(errors[0], Catch::Contains("manifest.json"));
    }
    SECTION("garbage") {
        write_bytes(assembly / "manifest.json",
                    "\x7f"
                    "ELF\x02\x01\x01\x00\x00garbage");
        const Outcome o = lint_paths(dir, {assembly.string()});
        CHECK(o.run.exit_code == 2);
        CHECK(tool_errors(o).size() == 1);
    }
    SECTION("a template outside the assembly") {
        std::ofstream(assembly / "manifest.json")
            << R"({"version": "36.0.0", "artifacts": {"Evil": {"type": "aws:cloudformation:stack",)"
               R"( "properties": {"templateFile": "../../../../../../../../etc/passwd"}}}})";
        const Outcome o = lint_paths(dir, {assembly.string()});
        CHECK(o.run.exit_code == 2);
        const auto errors = tool_errors(o);
        REQUIRE(errors.size() == 1);
        CHECK_THAT(errors[0], Catch::Contains("outside"));
        CHECK(o.run.out.find("root:") == std::string::npos);
    }
}

TEST_CASE("Adversarial: a file that disappears between discovery and reading", "[adversarial]") {
    // A race made deterministic: discover, delete, then lint what was discovered.
    const std::string dir = fresh_dir("vanish");
    const std::string gone = dir + "/gone.yaml";
    std::ofstream(gone) << good_template();
    const stacklint::Discovery found = stacklint::discover({dir});
    REQUIRE(found.inputs.size() == 2);
    fs::remove(gone);
    const stacklint::LintResult result = stacklint::lint(found.inputs);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].file.ends_with("gone.yaml"));
    CHECK_THAT(result.errors[0].message, Catch::Contains("no such file"));
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].file.ends_with("good.yaml"));
}
