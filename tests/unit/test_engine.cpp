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
