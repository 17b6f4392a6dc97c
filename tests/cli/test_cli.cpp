// The command line as users and CI see it: exit codes, output shapes, errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "support/helpers.hpp"

using namespace stacklint;
using test::run_stacklint;
using test::source_path;
using test::write_temp;

namespace {
const std::string kClean = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";
const std::string kBroken = "Resources:\n  bad-name:\n    Type: AWS::SQS::Queue\n";
}  // namespace

TEST_CASE("CLI: --version and --help exit 0") {
    std::string out;
    CHECK(run_stacklint("--version", out) == 0);
    CHECK_THAT(out, Catch::StartsWith("stacklint "));
    CHECK_THAT(out, Catch::Contains("embedded data (as of):"));
    CHECK_THAT(out, Catch::Contains("SAM schema"));
    CHECK(run_stacklint("--help", out) == 0);
    CHECK_THAT(out, Catch::Contains("Exit codes:"));
    CHECK_THAT(out, Catch::Contains("--fail-on"));
    CHECK_THAT(out, Catch::Contains("--no-require-reasons"));
    CHECK_THAT(out, Catch::Contains("--write-baseline"));
    CHECK_THAT(out, Catch::Contains("exit code 0 once the baseline is written"));
}

TEST_CASE("CLI: a bad flag or value is a tool error, exit 2") {
    std::string out;
    CHECK(run_stacklint("--no-such-flag", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error:"));
    CHECK(run_stacklint("--format yaml .", out, true) == 2);
    CHECK(run_stacklint("--fail-on sometimes .", out, true) == 2);
}

TEST_CASE("CLI: exit code follows --fail-on") {
    const std::string clean = write_temp("cli/clean.yaml", kClean);
    const std::string broken = write_temp("cli/broken.yaml", kBroken);
    std::string out;
    CHECK(run_stacklint(clean, out) == 0);
    CHECK_THAT(out, Catch::Contains("no findings"));
    CHECK(run_stacklint(broken, out) == 1);
    CHECK(run_stacklint("--fail-on error " + broken, out) == 1);
    CHECK(run_stacklint("--fail-on none " + broken, out) == 0);
}

TEST_CASE("CLI: a Rain source template's directives are info and do not fail the run") {
    const std::string rain = write_temp("cli/rain.yaml",
                                        "Resources:\n"
                                        "  Site:\n"
                                        "    Type: !Rain::Module modules/site.yml\n"
                                        "  Bucket:\n"
                                        "    Type: AWS::S3::Bucket\n"
                                        "    Properties:\n"
                                        "      BucketName: !Rain::Embed name.txt\n");
    std::string out;
    CHECK(run_stacklint("--no-config --select T " + rain, out) == 0);
    CHECK_THAT(out, Catch::Contains(rain + ":3:11: info T003 '!Rain::Module' is a directive of "
                                           "the Rain preprocessor"));
    CHECK_THAT(out, Catch::Contains(rain + ":7:19: info T003 '!Rain::Embed'"));
    CHECK_THAT(out, Catch::Contains("0 errors"));
}

TEST_CASE("CLI: text output is path:line:col: severity ID message [resource], then a summary") {
    const std::string broken = write_temp("cli/text.yaml", kBroken);
    std::string out;
    run_stacklint(broken, out);
    CHECK_THAT(out, Catch::Contains(broken + ":2:3: error T007 resource name 'bad-name'"));
    CHECK_THAT(out, Catch::Contains("[bad-name]"));
    CHECK_THAT(out, Catch::Contains(
                        "Checked 1 template (1 stack, 1 resource): 1 error, 0 warnings, 0 info."));
    CHECK_THAT(out, Catch::Contains("By rule: T007 invalid-logical-id ×1"));
    run_stacklint("--quiet " + broken, out);
    CHECK_THAT(out, !Catch::Contains("Checked"));
}

TEST_CASE("CLI: JSON output has the documented shape") {
    const std::string broken = write_temp("cli/json.yaml", kBroken);
    std::string out;
    CHECK(run_stacklint("--format json " + broken, out) == 1);
    const auto doc = nlohmann::json::parse(out);
    CHECK(doc["version"] == "1");
    CHECK(doc["tool"]["name"] == "stacklint");
    CHECK(doc["tool"]["version"].is_string());
    REQUIRE(doc["findings"].size() == 1);
    const auto& f = doc["findings"][0];
    for (const char* key : {"rule", "name", "severity", "message", "file", "line", "column",
                            "stack", "resource", "path", "construct"}) {
        CHECK(f.contains(key));
    }
    CHECK(f["rule"] == "T007");
    CHECK(f["name"] == "invalid-logical-id");
    CHECK(f["severity"] == "error");
    CHECK(f["line"] == 2);
    CHECK(f["column"] == 3);
    CHECK(f["stack"] == "json");
    CHECK(f["resource"] == "bad-name");
    CHECK(f["path"] == "Resources/bad-name");
    CHECK(f["construct"].is_null());
    const auto& s = doc["summary"];
    CHECK(s["files"] == 1);
    CHECK(s["stacks"] == 1);
    CHECK(s["resources"] == 1);
    CHECK(s["findings"] == 1);
    CHECK(s["by_severity"]["error"] == 1);
    CHECK(s["by_severity"]["warning"] == 0);
    CHECK(s["by_rule"]["T007"] == 1);
}

TEST_CASE("CLI: a missing path is exit 2 and the other files are still reported") {
    const std::string broken = write_temp("cli/other.yaml", kBroken);
    std::string out;
    CHECK(run_stacklint("/no/such/template.yaml " + broken, out, true) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: /no/such/template.yaml: no such file"));
    CHECK_THAT(out, Catch::Contains("T007"));
}

TEST_CASE("CLI: stdin is read for '-'") {
    const std::string broken = write_temp("cli/stdin.yaml", kBroken);
    std::string out;
    CHECK(run_stacklint("- < " + broken, out) == 1);
    CHECK_THAT(out, Catch::Contains("<stdin>:2:3: error T007"));
}

TEST_CASE("CLI: directories are walked; non-templates are skipped silently") {
    write_temp("walk/a/template.yaml", kBroken);
    write_temp("walk/a/config.yaml", "name: not a template\nitems: [1, 2]\n");
    write_temp("walk/package.json", "{\"name\": \"x\", \"scripts\": {}}");
    write_temp("walk/b/stack.json", "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
    write_temp("walk/node_modules/dep/t.yaml", kBroken);
    write_temp("walk/.hidden/t.yaml", kBroken);
    write_temp("walk/notes.txt", kBroken);
    std::string out;
    CHECK(run_stacklint(test::temp_dir() + "/walk", out) == 1);
    CHECK_THAT(out, Catch::Contains("Checked 2 templates"));
    CHECK_THAT(out, Catch::Contains("walk/a/template.yaml:2:3"));
}

TEST_CASE("CLI: --skip-non-templates lints named files only when they are templates") {
    const std::string config = write_temp("skip/workflow.yaml", "on: push\njobs: {}\n");
    const std::string broken = write_temp("skip/stack.yaml", kBroken);
    std::string out;
    CHECK(run_stacklint(config, out) == 1);  // named, so linted: no Resources (T004)
    CHECK_THAT(out, Catch::Contains("T004"));
    CHECK(run_stacklint("--skip-non-templates " + config, out) == 0);
    CHECK(run_stacklint("--skip-non-templates " + config + " " + broken, out) == 1);
    CHECK_THAT(out, Catch::Contains("Checked 1 template"));
    // As in a walk, only template extensions count, whatever the text says.
    const std::string txt = write_temp("skip/e.txt", kBroken);
    const std::string tmpl = write_temp("skip/e.template", kBroken);
    CHECK(run_stacklint(txt, out) == 1);  // named without the flag: linted
    CHECK(run_stacklint("--skip-non-templates " + txt, out) == 0);
    CHECK_THAT(out, Catch::Contains("No templates found"));
    CHECK(run_stacklint("--skip-non-templates " + txt + " " + tmpl, out) == 1);
    CHECK_THAT(out, Catch::Contains("Checked 1 template"));
    CHECK_THAT(out, Catch::Contains("e.template:2:3"));
    // Stdin has no name; its text decides.
    CHECK(run_stacklint("--skip-non-templates - < " + txt, out) == 1);
}

TEST_CASE("CLI: an unreadable directory is a tool error naming it; everything else is linted") {
    namespace fs = std::filesystem;
    const std::string root = test::temp_dir() + "/unreadable";
    write_temp("unreadable/a.yaml", kBroken);
    write_temp("unreadable/locked/hidden.yaml", kBroken);
    write_temp("unreadable/nosearch/hidden.yaml", kBroken);
    write_temp("unreadable/open/deeper.yaml", kBroken);
    write_temp("unreadable/unlistable/hidden.yaml", kBroken);
    fs::create_directories(root + "/link");
    fs::create_symlink("../locked/hidden.yaml", root + "/link/into-locked.yaml");
    REQUIRE(::chmod((root + "/locked").c_str(), 0) == 0);
    REQUIRE(::chmod((root + "/nosearch").c_str(), 0644) == 0);    // listable, not searchable
    REQUIRE(::chmod((root + "/unlistable").c_str(), 0311) == 0);  // searchable, not listable
    struct Restore {
        std::string root;
        ~Restore() {
            ::chmod((root + "/locked").c_str(), 0755);
            ::chmod((root + "/nosearch").c_str(), 0755);
            ::chmod((root + "/unlistable").c_str(), 0755);
        }
    } restore{root};

    std::string out;
    std::string why_not;
    const int walked = test::run_stacklint_bound_by_permissions(root, out, why_not);
    if (walked == -1) {
        WARN("skipped: " << why_not);
        return;
    }
    INFO(out);
    CHECK(walked == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: " + root +
                                    "/locked: cannot read directory: Permission denied"));
    CHECK_THAT(out, Catch::Contains("stacklint: error: " + root +
                                    "/nosearch: cannot read directory: Permission denied"));
    CHECK_THAT(out, Catch::Contains("stacklint: error: " + root +
                                    "/unlistable: cannot read directory: Permission denied"));
    CHECK_THAT(out, Catch::Contains("stacklint: error: " + root +
                                    "/link/into-locked.yaml: cannot access: Permission denied"));
    CHECK_THAT(out, Catch::Contains(root + "/a.yaml:2:3: error T007"));
    CHECK_THAT(out, Catch::Contains(root + "/open/deeper.yaml:2:3: error T007"));
    CHECK_THAT(out, Catch::Contains("Checked 2 templates"));
    CHECK_THAT(out, !Catch::Contains("hidden.yaml:"));

    // Named directly, and from inside it ("." is how the error names it then).
    CHECK(test::run_stacklint_bound_by_permissions(root + "/locked " + root + "/a.yaml", out,
                                                   why_not) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: " + root +
                                    "/locked: cannot read directory: Permission denied"));
    CHECK_THAT(out, Catch::Contains(root + "/a.yaml:2:3: error T007"));
    CHECK(test::run_stacklint_bound_by_permissions(
              "--version >/dev/null && cd " + root + "/unlistable && " STACKLINT_BINARY, out,
              why_not) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: .: cannot read directory: Permission "
                                    "denied"));
}

TEST_CASE("CLI: a path given twice, or an assembly also found in its project, is linted once") {
    const std::string broken = write_temp("twice/t.yaml", kBroken);
    std::string out;
    CHECK(run_stacklint("-f json " + broken + " " + broken, out) == 1);
    CHECK(nlohmann::json::parse(out)["summary"]["findings"] == 1);
    const std::string split = source_path("fixtures/cdk/split");
    CHECK(run_stacklint("--no-config -f json " + split + "/cdk.out " + split, out) == 0);
    const auto doc = nlohmann::json::parse(out);
    CHECK(doc["summary"]["stacks"] == 3);
    for (const auto& f : doc["findings"]) {
        CHECK(f["rule"] != "X003");
        CHECK(f["rule"] != "X005");
    }
}

TEST_CASE("CLI: rules and explain") {
    std::string out;
    CHECK(run_stacklint("rules", out) == 0);
    CHECK_THAT(out, Catch::Contains("T001"));
    CHECK_THAT(out, Catch::Contains("parse-error"));
    CHECK(run_stacklint("rules --format json", out) == 0);
    const auto rules = nlohmann::json::parse(out);
    REQUIRE(rules.is_array());
    CHECK(rules.size() >= 11);
    CHECK(run_stacklint("explain T002", out) == 0);
    CHECK_THAT(out, Catch::Contains("### Why it matters"));
    CHECK(run_stacklint("explain duplicate-key", out) == 0);
    // explain prints the rule's section of docs/rules.md, "How to suppress" included.
    std::string all;
    REQUIRE(run_stacklint("rules --format markdown", all) == 0);
    for (const char* id : {"T001", "T002", "R003", "M001"}) {
        INFO(id);
        CHECK(run_stacklint(std::string("explain ") + id, out) == 0);
        CHECK_THAT(out, Catch::StartsWith(std::string("## ") + id + " "));
        CHECK_THAT(out, Catch::Contains("### How to suppress"));
        CHECK_THAT(all, Catch::Contains("\n" + out));
    }
    CHECK(run_stacklint("explain T999", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("no rule 'T999'"));
}

TEST_CASE("CLI: completion scripts name every subcommand, option, format and rule id") {
    std::string rules_json;
    REQUIRE(run_stacklint("rules --format json", rules_json) == 0);
    const auto rules = nlohmann::json::parse(rules_json);
    for (const char* shell : {"bash", "zsh", "fish"}) {
        INFO(shell);
        std::string out;
        REQUIRE(run_stacklint(std::string("completion ") + shell, out) == 0);
        for (const auto& rule : rules) {
            CHECK_THAT(out, Catch::Contains(rule["id"].get<std::string>() + " "));
            CHECK_THAT(out, Catch::Contains(rule["name"].get<std::string>()));
        }
        for (const char* word :
             {"rules", "explain", "graph", "completion", "select", "output-gitlab",
              "write-baseline", "no-require-reasons", "gitlab", "sarif", "mermaid", "markdown"})
            CHECK_THAT(out, Catch::Contains(word));
    }
    std::string out;
    CHECK(run_stacklint("completion", out, true) == 2);
    CHECK(run_stacklint("completion tcsh", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("tcsh not in {bash,zsh,fish}"));
}

TEST_CASE("CLI: the bundled example lints and fails as documented") {
    std::string out;
    CHECK(run_stacklint(source_path("fixtures/examples"), out) == 1);
    CHECK_THAT(out, Catch::Contains("Checked"));
}
