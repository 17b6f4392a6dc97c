// The pipeline around the rules: which findings a run keeps, and how stacks are named.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support/helpers.hpp"

using namespace stacklint;

namespace {

std::vector<const Finding*> of_rule(const LintResult& r, std::string_view rule) {
    std::vector<const Finding*> out;
    for (const Finding& f : r.findings) {
        if (f.rule == rule) out.push_back(&f);
    }
    return out;
}

}  // namespace

TEST_CASE("Engine: a problem inside a YAML alias is reported once, where it is written") {
    const LintResult r = test::lint_text("alias.yaml",
                                         "Resources:\n"
                                         "  Q:\n"
                                         "    Type: AWS::SQS::Queue\n"
                                         "    Properties:\n"
                                         "      DelaySeconds: &d !Ref Missing\n"
                                         "      MaximumMessageSize: *d\n"
                                         "      MessageRetentionPeriod: &list [1, 2]\n"
                                         "      ReceiveMessageWaitTimeSeconds: *list\n");
    const auto t020 = of_rule(r, "T020");
    REQUIRE(t020.size() == 1);
    CHECK(t020[0]->mark == Mark{5, 29});
    // A problem with the aliased value as a whole is where each property uses it.
    const auto s005 = of_rule(r, "S005");
    REQUIRE(s005.size() == 2);
    CHECK(s005[0]->mark == Mark{7, 37});
    CHECK(s005[1]->mark == Mark{8, 38});
}

TEST_CASE("Engine: the same problem in two places is two findings") {
    const LintResult r = test::lint_text("twice.yaml",
                                         "Resources:\n"
                                         "  Q:\n"
                                         "    Type: AWS::SQS::Queue\n"
                                         "    Properties:\n"
                                         "      DelaySeconds: !Ref Missing\n"
                                         "      MaximumMessageSize: !Ref Missing\n");
    CHECK(of_rule(r, "T020").size() == 2);
}

TEST_CASE("Engine: a loose template's stack is its file name without the last extension") {
    CHECK(stack_name_for("envs/api.dev.yaml") == "api.dev");
    CHECK(stack_name_for("api.prod.template.json") == "api.prod.template");
    CHECK(stack_name_for("stack.yaml") == "stack");
    CHECK(stack_name_for("Makefile") == "Makefile");
    CHECK(stack_name_for("dir/.hidden.yaml") == ".hidden");
    CHECK(stack_name_for(".yaml") == ".yaml");
    CHECK(stack_name_for("<stdin>") == "stdin");
}

namespace {

// `n` topics with logical ids T007 rejects (`bad_0`...), two lines each after line 1.
std::string bad_ids(std::size_t n) {
    std::string text = "Resources:\n";
    for (std::size_t i = 0; i < n; ++i)
        text.append("  bad_").append(std::to_string(i)).append(":\n    Type: AWS::SNS::Topic\n");
    return text;
}

}  // namespace

TEST_CASE("Engine: at most kMaxFindingsPerRule findings of a rule per template, then M004") {
    const std::size_t n = kMaxFindingsPerRule + 500;
    const LintResult r = test::lint_text("many.yaml", bad_ids(n));
    CHECK(of_rule(r, "T007").size() == kMaxFindingsPerRule);
    const auto m004 = of_rule(r, "M004");
    REQUIRE(m004.size() == 1);
    CHECK(m004[0]->severity == Severity::Info);
    // At the first finding left out: resource number kMaxFindingsPerRule, on its own line.
    CHECK(m004[0]->mark == Mark{static_cast<std::uint32_t>(2 + 2 * kMaxFindingsPerRule), 3});
    CHECK(m004[0]->file == r.findings.front().file);
    CHECK_THAT(m004[0]->message, Catch::StartsWith("T007 found 500 more problems"));
    CHECK(m004[0]->path == "T007");
}

TEST_CASE("Engine: exactly kMaxFindingsPerRule findings are all kept, with no M004") {
    const LintResult r = test::lint_text("enough.yaml", bad_ids(kMaxFindingsPerRule));
    CHECK(of_rule(r, "T007").size() == kMaxFindingsPerRule);
    CHECK(of_rule(r, "M004").empty());
}

TEST_CASE("Engine: the cap counts per template, not per run") {
    const std::string a = test::write_temp("cap/a.yaml", bad_ids(kMaxFindingsPerRule));
    const std::string b = test::write_temp("cap/b.yaml", bad_ids(kMaxFindingsPerRule));
    const LintResult r = lint({Input{"a.yaml", a, false, true}, Input{"b.yaml", b, false, true}});
    CHECK(of_rule(r, "T007").size() == 2 * kMaxFindingsPerRule);
    CHECK(of_rule(r, "M004").empty());
}
