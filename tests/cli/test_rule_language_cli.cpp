// Declarative rules through the binary: `test-rules` on every fixture directory of the
// language and on the example policy pack, the messages findings carry, rule files with
// mistakes, id collisions, and user rules as first-class rules (rules, explain, selection,
// severity, suppression, baseline, SARIF, JUnit, rule docs, configuration).
//
// These tests run the binary: rules loaded into the registry stay for the whole process, so
// no test of this suite loads a user rule in-process.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "declarative/rule_file.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

namespace {

const fs::path kRoot = fs::path(STACKLINT_SOURCE_DIR);
const fs::path kLanguage = kRoot / "fixtures" / "rule-language";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        out.push_back(line);
    return out;
}

// A rule file of one rule, with `extra` appended inside the rule.
std::string one_rule(const std::string& id, const std::string& name,
                     const std::string& extra = "") {
    return "rules:\n"
           "  - id: " +
           id +
           "\n"
           "    name: " +
           name +
           "\n"
           "    severity: warning\n"
           "    summary: Queues have a dead-letter queue\n"
           "    doc: {what: w, why: y, bad: b, good: g}\n"
           "    for: {resources: AWS::SQS::Queue}\n"
           "    require: {path: Properties.RedrivePolicy, exists: true}\n"
           "    message: \"queue '{name}' has no RedrivePolicy\"\n" +
           extra;
}

constexpr const char* kQueue =
    "Resources:\n"
    "  Jobs:\n"
    "    Type: AWS::SQS::Queue\n";

}  // namespace

TEST_CASE("Rule language: every construct's fixtures pass test-rules") {
    REQUIRE(fs::is_directory(kLanguage));
    std::size_t dirs = 0;
    for (const auto& entry : fs::directory_iterator(kLanguage)) {
        if (!entry.is_directory() || !fs::is_directory(entry.path() / "tests")) continue;
        ++dirs;
        const std::string dir = fs::relative(entry.path(), kRoot).string();
        DYNAMIC_SECTION(dir) {
            std::string out;
            const int rc =
                test::run_stacklint_in(kRoot.string(), "test-rules -q " + dir, out, true);
            INFO(out);
            CHECK(rc == 0);
            CHECK_THAT(out, Catch::Contains(" 0 failed"));
        }
    }
    CHECK(dirs >= 10);
}

TEST_CASE("Rule language: the example policy pack passes its own tests") {
    std::string out;
    const int rc =
        test::run_stacklint_in(kRoot.string(), "test-rules examples/policy-pack", out, true);
    INFO(out);
    CHECK(rc == 0);
    CHECK_THAT(out, Catch::Contains("PASS examples/policy-pack/tests/cdk-storage/cdk.out"));
    CHECK_THAT(out,
               Catch::Matches("(.|\\n)*1[0-9] rules, [0-9]+ fixtures: [0-9]+ passed, 0 failed\\n"));
}

TEST_CASE("Rule language: findings say what the rule's message says, with the value and path") {
    // Each line is a finding's first line as printed: FILE:LINE:COL: SEVERITY ID MESSAGE, FILE
    // under fixtures/rule-language/DIR/tests/ (a template of a cdk.out is linted as its app).
    const std::string text = test::read_file(kLanguage / "messages.txt");
    std::size_t checked = 0;
    for (const std::string& line : lines_of(text)) {
        if (line.empty() || line[0] == '#') continue;
        const std::string file = line.substr(0, line.find(':'));
        const std::string prefix = "fixtures/rule-language/";
        REQUIRE(file.starts_with(prefix));
        const std::string dir =
            prefix + file.substr(prefix.size(), file.find('/', prefix.size()) - prefix.size());
        std::string input = file;
        if (const std::size_t at = file.find("/cdk.out/"); at != std::string::npos)
            input = file.substr(0, at + 8);
        std::istringstream fields(line.substr(line.find(": ") + 2));
        std::string severity;
        std::string id;
        fields >> severity >> id;
        std::string out;
        test::run_stacklint_in(
            kRoot.string(), "--no-config -q --rules " + dir + " --select " + id + " " + input, out);
        INFO(line);
        CHECK_THAT(out, Catch::Contains(line + "\n"));
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("Rule language: a rule file's mistake is named with its line and column") {
    const fs::path dir = kLanguage / "malformed";
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string text = test::read_file(entry.path());
        const std::string first = text.substr(0, text.find('\n'));
        REQUIRE(first.starts_with("# error: "));
        const std::string expected = first.substr(9);
        const std::size_t colon = expected.find(':');
        const std::size_t second = expected.find(':', colon + 1);
        const std::string position = expected.substr(0, second);
        const std::string message = expected.substr(second + 2);
        declarative::RuleFileError error;
        const auto parsed = declarative::parse_rule_file(
            std::make_shared<const Source>(entry.path().filename().string(), text),
            declarative::Origin::User, "custom", error);
        INFO(entry.path().filename().string());
        CHECK_FALSE(parsed);
        CHECK(std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) ==
              position);
        CHECK_THAT(error.message, Catch::Contains(message));
        ++checked;
    }
    CHECK(checked >= 25);
}

TEST_CASE("Rule language: a mistake stops the run with exit code 2 and FILE:LINE:COL") {
    const std::string rules =
        test::write_temp("rl-bad/rules.yaml", one_rule("ACME-1", "dlq", "    severty: error\n"));
    const std::string tmpl = test::write_temp("rl-bad/t.yaml", kQueue);
    std::string err;
    CHECK(test::run_stacklint("--no-config --rules " + rules + " " + tmpl, err, true) == 2);
    CHECK_THAT(
        err, Catch::Contains(rules +
                             ":10:5: unknown key 'severty' in a rule (did you mean 'severity'?)"));
    std::string missing;
    CHECK(test::run_stacklint("--no-config --rules /nonexistent/rules " + tmpl, missing, true) ==
          2);
    CHECK_THAT(missing, Catch::Contains("/nonexistent/rules: no such rule file or directory"));
}

TEST_CASE("Rule language: an opt_in rule runs only when --select names it") {
    const std::string rules = test::write_temp(
        "rl-opt-in/rules.yaml", one_rule("ACME-DLQ-1", "acme-queue-dlq", "    opt_in: true\n"));
    const std::string tmpl = test::write_temp("rl-opt-in/t.yaml", kQueue);
    std::string quiet;
    CHECK(test::run_stacklint("--no-config -q --rules " + rules + " " + tmpl, quiet) == 0);
    CHECK_THAT(quiet, !Catch::Contains("ACME-DLQ-1"));
    for (const char* selector : {"ACME-DLQ-1", "ACME", "acme-queue-dlq"}) {
        std::string out;
        INFO(selector);
        CHECK(test::run_stacklint(
                  "--no-config -q --rules " + rules + " --select " + selector + " " + tmpl, out) ==
              1);
        CHECK_THAT(out, Catch::Contains("warning ACME-DLQ-1 queue 'Jobs' has no RedrivePolicy"));
    }
    std::string listed;
    CHECK(test::run_stacklint("rules --no-config --rules " + rules, listed) == 0);
    CHECK_THAT(listed, Catch::Contains("Queues have a dead-letter queue (opt-in)"));
    std::string json;
    CHECK(test::run_stacklint("rules -f json --no-config --rules " + rules, json) == 0);
    for (const auto& r : nlohmann::json::parse(json))
        if (r["id"] == "ACME-DLQ-1") CHECK(r["opt_in"] == true);
    // test-rules runs every rule of its directory, opt-in or not.
    const std::string dir = test::temp_dir() + "/rl-opt-in-pack";
    test::write_temp("rl-opt-in-pack/rules.yaml",
                     one_rule("ACME-DLQ-1", "acme-queue-dlq", "    opt_in: true\n"));
    test::write_temp("rl-opt-in-pack/tests/queue.yaml",
                     "Resources:\n  Jobs: # expect: ACME-DLQ-1\n    Type: AWS::SQS::Queue\n");
    std::string tested;
    CHECK(test::run_stacklint("test-rules " + dir, tested) == 0);
}

TEST_CASE("Rule language: ids and names that another rule has are refused") {
    for (const std::string& line :
         lines_of(test::read_file(kLanguage / "collisions" / "expected.txt"))) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        std::string args;
        std::istringstream dirs(line.substr(0, tab));
        std::string d;
        while (dirs >> d)
            args += " --rules " + d;
        std::string out;
        INFO(line);
        CHECK(test::run_stacklint_in(kRoot.string(),
                                     "--no-config" + args + " fixtures/examples/media-stack.yaml",
                                     out, true) == 2);
        CHECK_THAT(out, Catch::Contains(line.substr(tab + 1)));
    }
    // A built-in id is out of reach: user ids have a hyphen.
    const std::string builtin = test::write_temp("rl-id/rules.yaml", one_rule("R001", "x-y"));
    std::string out;
    CHECK(test::run_stacklint("--no-config --rules " + builtin + " " + builtin, out, true) == 2);
    CHECK_THAT(out, Catch::Contains(":2:9: rule id 'R001' must be PREFIX-NAME"));
}

TEST_CASE("Rule language: user rules are first-class rules") {
    const std::string dir = test::temp_dir() + "/rl-first";
    test::write_temp("rl-first/policy/queues.yaml", one_rule("ACME-Q-1", "queue-needs-dlq"));
    test::write_temp("rl-first/policy/tests/q.yaml",
                     "Resources:\n  Jobs: # expect: ACME-Q-1\n    Type: AWS::SQS::Queue\n");
    const std::string tmpl = test::write_temp("rl-first/app/t.yaml", kQueue);
    const std::string rules = "--rules " + dir + "/policy";

    SECTION("rules and explain list and document them") {
        std::string out;
        CHECK(test::run_stacklint("rules --no-config " + rules, out) == 0);
        CHECK_THAT(out, Catch::Contains("ACME-Q-1") && Catch::Contains("queue-needs-dlq"));
        CHECK(test::run_stacklint("rules --no-config --format markdown " + rules, out) == 0);
        CHECK_THAT(out, Catch::Contains("ACME-Q-1") && Catch::Contains("### What it finds"));
        CHECK(test::run_stacklint("explain ACME-Q-1 --no-config " + rules, out) == 0);
        CHECK_THAT(out, Catch::Contains("Queues have a dead-letter queue"));
        CHECK(test::run_stacklint("explain queue-needs-dlq --no-config " + rules, out) == 0);
    }
    SECTION("lint reports them; --select and --ignore pick them by id, prefix and name") {
        std::string out;
        CHECK(test::run_stacklint("--no-config " + rules + " " + tmpl, out) == 1);
        CHECK_THAT(
            out, Catch::Contains("t.yaml:2:3: warning ACME-Q-1 queue 'Jobs' has no RedrivePolicy"));
        CHECK(test::run_stacklint("--no-config -q " + rules + " --select ACME " + tmpl, out) == 1);
        CHECK_THAT(out, Catch::Contains("ACME-Q-1"));
        CHECK(test::run_stacklint("--no-config -q " + rules +
                                      " --ignore queue-needs-dlq --select ACME-Q-1,T " + tmpl,
                                  out) == 0);
    }
    SECTION("configuration: rule_dirs relative to the file, severity, select") {
        test::write_temp("rl-first/app/.stacklint.yaml",
                         "rule_dirs: [../policy]\nseverity: {ACME-Q-1: error}\nselect: [ACME]\n");
        std::string out;
        CHECK(test::run_stacklint_in(dir + "/app", "-q t.yaml", out) == 1);
        CHECK_THAT(out, Catch::Contains("t.yaml:2:3: error ACME-Q-1"));
        test::write_temp("rl-first/app/.stacklint.yaml", "rule_dirs: [../nowhere]\n");
        CHECK(test::run_stacklint_in(dir + "/app", "-q t.yaml", out, true) == 2);
        CHECK_THAT(out, Catch::Contains(".stacklint.yaml:1:13: in 'rule_dirs': no such directory"));
        fs::remove(dir + "/app/.stacklint.yaml");
    }
    SECTION("Metadata suppressions and baselines take their ids") {
        const std::string suppressed = test::write_temp(
            "rl-first/app/s.yaml",
            "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Metadata:\n      stacklint:\n"
            "        ignore:\n          - {id: ACME-Q-1, reason: the consumer retries forever}\n");
        std::string out;
        CHECK(test::run_stacklint("--no-config -q " + rules + " --select ACME,M " + suppressed,
                                  out) == 0);
        const std::string baseline = dir + "/baseline.json";
        CHECK(test::run_stacklint(
                  "--no-config -q " + rules + " --write-baseline " + baseline + " " + tmpl, out) ==
              0);
        CHECK_THAT(test::read_file(baseline), Catch::Contains("ACME-Q-1"));
        CHECK(test::run_stacklint(
                  "--no-config -q " + rules + " --baseline " + baseline + " " + tmpl, out) == 0);
    }
    SECTION("SARIF lists them in the rule catalogue; JUnit names them") {
        std::string out;
        CHECK(test::run_stacklint("--no-config -f sarif " + rules + " " + tmpl, out) == 1);
        const auto sarif = nlohmann::json::parse(out);
        bool listed = false;
        for (const auto& r : sarif["runs"][0]["tool"]["driver"]["rules"])
            listed = listed || r["id"] == "ACME-Q-1";
        CHECK(listed);
        CHECK(sarif["runs"][0]["results"][0]["ruleId"] == "ACME-Q-1");
        CHECK(test::run_stacklint("--no-config -f junit " + rules + " " + tmpl, out) == 1);
        CHECK_THAT(out, Catch::Contains("ACME-Q-1"));
    }
    SECTION(
        "test-rules reports a missing finding, an unexpected one, and a rule that never fires") {
        test::write_temp("rl-first/broken/rules.yaml",
                         one_rule("ACME-Q-1", "queue-needs-dlq") +
                             one_rule("ACME-Q-2", "queue-never-fires").substr(7));
        test::write_temp("rl-first/broken/tests/a.yaml",
                         "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue # expect: ACME-Q-1\n");
        std::string out;
        CHECK(test::run_stacklint("test-rules " + dir + "/broken", out) == 1);
        CHECK_THAT(out, Catch::Contains("FAIL " + dir + "/broken/tests/a.yaml"));
        CHECK_THAT(out, Catch::Contains("missing:    " + dir + "/broken/tests/a.yaml:3 ACME-Q-1"));
        CHECK_THAT(out, Catch::Contains(
                            "unexpected: " + dir +
                            "/broken/tests/a.yaml:2 ACME-Q-1 queue 'Jobs' has no RedrivePolicy"));
        CHECK_THAT(out, Catch::Contains("FAIL ACME-Q-2: no fixture expects a finding of it"));
        CHECK_THAT(out, Catch::Contains("2 rules, 1 fixture: 0 passed, 1 failed"));
        CHECK(test::run_stacklint("test-rules " + dir + "/policy", out) == 0);
        CHECK_THAT(out, Catch::Contains("1 rule, 1 fixture: 1 passed, 0 failed"));
    }
}
