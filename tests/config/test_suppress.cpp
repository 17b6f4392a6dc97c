// Inline suppressions: what they remove, what they leave, and what the meta rules say.
#include <catch2/catch.hpp>

#include <algorithm>

#include "config/selection.hpp"
#include "config/suppress.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

LintResult lint_files(const std::vector<std::pair<std::string, std::string>>& files,
                      const LintOptions& options = {}) {
    std::vector<Input> inputs;
    for (const auto& [name, text] : files)
        inputs.push_back(Input{name, test::write_temp("suppress/" + name, text), false, true});
    return lint(inputs, options);
}

std::vector<std::string> rules_of(const LintResult& r) {
    std::vector<std::string> out;
    for (const Finding& f : r.findings)
        out.push_back(f.rule + "@" + std::to_string(f.mark.line));
    return out;
}

using Rules = std::vector<std::string>;

}  // namespace

TEST_CASE("Suppress: a resource's suppression removes its finding only") {
    const LintResult r = lint_files({{"res.yaml",
                                      "Resources:\n"
                                      "  bad-one:\n"
                                      "    Type: AWS::SQS::Queue\n"
                                      "    Metadata:\n"
                                      "      stacklint:\n"
                                      "        ignore: [{id: T007, reason: legacy}]\n"
                                      "  bad-two:\n"
                                      "    Type: AWS::SQS::Queue\n"}});
    CHECK(rules_of(r) == Rules{"T007@7"});
    CHECK(r.suppressed == 1);
}

TEST_CASE("Suppress: template-wide suppressions cover every finding of their file only") {
    const std::string bad = "Resources:\n  bad-one:\n    Type: AWS::SQS::Queue\n";
    const LintResult r = lint_files({{"wide.yaml",
                                      "Metadata:\n"
                                      "  stacklint:\n"
                                      "    ignore: [{id: T, reason: generated}]\n"
                                      "Unknown: 1\n" +
                                          bad},
                                     {"other.yaml", bad}});
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].file == "other.yaml");
    CHECK(r.suppressed == 2);  // T005 (no resource) and T007
}

TEST_CASE("Suppress: a loader finding belongs to the resource whose text holds it") {
    const LintResult r = lint_files({{"dup.yaml",
                                      "Parameters:\n"
                                      "  P: {Type: String, Type: Number}\n"
                                      "Resources:\n"
                                      "  Queue:\n"
                                      "    Type: AWS::SQS::Queue\n"
                                      "    Properties: {DelaySeconds: 1, DelaySeconds: 2}\n"
                                      "    Metadata:\n"
                                      "      stacklint: {ignore: [{id: T002, reason: tool}]}\n"
                                      "  Topic:\n"
                                      "    Type: AWS::SNS::Topic\n"
                                      "    Properties: {TopicName: a, TopicName: b}\n"
                                      "Outputs:\n"
                                      "  O: {Value: 1, Value: 2}\n"}});
    // The duplicates in Parameters, Topic and Outputs stay; the one inside Queue goes. (The
    // unused parameter and the topic's fixed name are reported too.)
    CHECK(rules_of(r) == Rules{"T040@2", "T002@2", "R003@11", "T002@11", "T002@13"});
    CHECK(r.suppressed == 1);
}

TEST_CASE("Suppress: loader findings inline, as docs/rules.md says for T001, T002 and T003") {
    // An unknown tag leaves the file readable: the resource's suppression applies.
    LintResult r =
        lint_files({{"tag.yaml",
                     "Resources:\n"
                     "  Queue:\n"
                     "    Type: AWS::SQS::Queue\n"
                     "    Properties: {DelaySeconds: !Seconds 5}\n"
                     "    Metadata:\n"
                     "      stacklint: {ignore: [{id: T003, reason: preprocessed}]}\n"}});
    CHECK(rules_of(r).empty());
    CHECK(r.suppressed == 1);
    // A file that does not parse has no Metadata anyone can read: the suppression in its text
    // is never seen, and T001 is reported.
    r = lint_files({{"broken.yaml",
                     "Metadata:\n"
                     "  stacklint: {ignore: [{id: T001, reason: generated}]}\n"
                     "Resources:\n"
                     "  Queue: {Type: AWS::SQS::Queue, Properties: {a: [1, 2}}\n"}});
    CHECK(rules_of(r) == Rules{"T001@4"});
    CHECK(r.suppressed == 0);
    // A second YAML document is the one T001 that leaves the first document readable.
    r = lint_files({{"two.yaml",
                     "Metadata:\n"
                     "  stacklint: {ignore: [{id: T001, reason: the second is for another tool}]}\n"
                     "Resources:\n"
                     "  Queue: {Type: AWS::SQS::Queue}\n"
                     "---\n"
                     "other: document\n"}});
    CHECK(rules_of(r).empty());
    CHECK(r.suppressed == 1);
}

TEST_CASE("Suppress: findings added after the rules (set rules) are matched by stack") {
    // Set rules report into the same list before the suppression stage; a finding about a
    // resource of another file is matched to that file's suppressions, by file and stack.
    const LintResult loaded =
        lint_files({{"a.yaml",
                     "Resources:\n"
                     "  Data:\n"
                     "    Type: AWS::SQS::Queue\n"
                     "    Metadata:\n"
                     "      stacklint: {ignore: [{id: T006, reason: x}]}\n"},
                    {"b.yaml", "Resources:\n  Data:\n    Type: AWS::SQS::Queue\n"}});
    // T006 never fires on these files: the suppression is unused so far.
    CHECK(rules_of(loaded) == Rules{"M001@5"});
    std::vector<Finding> findings;
    for (const auto& stack : loaded.set.stacks) {
        Finding f;
        f.rule = "T006";
        f.file = stack->file;
        f.stack = stack->name;
        f.resource = "Data";
        f.mark = Mark{2, 3};
        findings.push_back(f);
    }
    CHECK(apply_suppressions(loaded.set, findings, {}) == 1);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].file == "b.yaml");
}

TEST_CASE("Suppress: an unused suppression is reported only when its rule ran") {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"unused.yaml",
         "Resources:\n"
         "  Queue:\n"
         "    Type: AWS::SQS::Queue\n"
         "    Metadata:\n"
         "      stacklint: {ignore: [{id: T007, reason: old name}]}\n"}};
    CHECK(rules_of(lint_files(files)) == Rules{"M001@5"});

    RuleSelection selection;
    selection.layers = {{std::nullopt, {"T007"}}};
    LintOptions options;
    options.rule_severity = selection.as_function();
    CHECK(lint_files(files, options).findings.empty());

    selection.layers = {{std::nullopt, {"M001"}}};
    options.rule_severity = selection.as_function();
    CHECK(lint_files(files, options).findings.empty());
}

TEST_CASE("Suppress: reasons are required only with require_reasons") {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"reasons.yaml",
         "Resources:\n"
         "  bad-name:\n"
         "    Type: AWS::SQS::Queue\n"
         "    Metadata:\n"
         "      stacklint: {ignore: [T007]}\n"}};
    RuleSelection selection;
    LintOptions options;
    options.rule_severity = selection.as_function();
    const LintResult quiet = lint_files(files, options);
    CHECK(quiet.findings.empty());
    CHECK(quiet.suppressed == 1);

    selection.require_reasons = true;
    options.rule_severity = selection.as_function();
    const LintResult strict = lint_files(files, options);
    REQUIRE(rules_of(strict) == Rules{"M002@5"});
    CHECK(strict.findings[0].resource == "bad-name");
    CHECK(strict.findings[0].path == "Resources/bad-name/Metadata/stacklint/ignore/T007");
    CHECK(strict.findings[0].fingerprint() ==
          "M002|reasons.yaml|reasons|bad-name|Resources/bad-name/Metadata/stacklint/ignore/T007");
}

TEST_CASE("Suppress: the ledger records entries, reasons and problems") {
    const LintResult r = lint_files({{"ledger.yaml",
                                      "Metadata:\n"
                                      "  stacklint:\n"
                                      "    ignore: [T005]\n"
                                      "Resources:\n"
                                      "  Queue:\n"
                                      "    Type: AWS::SQS::Queue\n"
                                      "    Metadata:\n"
                                      "      stacklint:\n"
                                      "        ignore:\n"
                                      "          - {id: T011, reason: '  kept  '}\n"
                                      "          - {id: ZZ0}\n"}});
    REQUIRE(r.set.stacks.size() == 1);
    SuppressionLedger ledger;
    read_suppressions(*r.set.stacks[0], ledger);
    REQUIRE(ledger.suppressions.size() == 2);
    CHECK(ledger.suppressions[0].resource.empty());
    CHECK(ledger.suppressions[0].rule == "T005");
    CHECK(ledger.suppressions[0].reason.empty());
    CHECK(ledger.suppressions[0].mark == Mark{3, 14});
    CHECK(ledger.suppressions[1].resource == "Queue");
    CHECK(ledger.suppressions[1].reason == "kept");
    REQUIRE(ledger.problems.size() == 1);
    CHECK(ledger.problems[0].mark == Mark{11, 18});
    CHECK_THAT(ledger.problems[0].message,
               Catch::Contains("no rule, rule prefix or rule name 'ZZ0'"));
}
