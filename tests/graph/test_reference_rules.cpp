// Reference and limit rules on inputs too large or too repetitive for fixture files.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support/helpers.hpp"

using namespace stacklint;

namespace {

std::vector<const Finding*> of_rule(const LintResult& r, const std::string& rule) {
    std::vector<const Finding*> out;
    for (const Finding& f : r.findings) {
        if (f.rule == rule) out.push_back(&f);
    }
    return out;
}

}  // namespace

TEST_CASE("T043: a template over 1 MB is an error, not the upload hint") {
    std::string text = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\nMetadata:\n  Notes:\n";
    while (text.size() <= 1024 * 1024)
        text += "    - " + std::string(100, 'n') + "\n";
    const LintResult r = test::lint_text("huge.yaml", text);
    const auto limit = of_rule(r, "T043");
    REQUIRE(limit.size() == 1);
    CHECK(limit[0]->mark == Mark{1, 1});
    CHECK_THAT(limit[0]->message, Catch::Contains("at most 1 MB"));
    CHECK(of_rule(r, "T044").empty());
}

TEST_CASE("T029: a tangle with hundreds of cycles lists the first 100 and says so") {
    // Six resources that all refer to each other: 409 elementary cycles.
    std::string text = "Resources:\n";
    for (int i = 0; i < 6; ++i) {
        text += "  R" + std::to_string(i) + ":\n    Type: AWS::SNS::Topic\n    Properties:\n";
        text += "      Tags:\n";
        for (int j = 0; j < 6; ++j) {
            if (i == j) continue;
            text += "        - {Key: k" + std::to_string(j) + ", Value: !Ref R" +
                    std::to_string(j) + "}\n";
        }
    }
    const LintResult r = test::lint_text("tangle.yaml", text);
    const auto cycles = of_rule(r, "T029");
    REQUIRE(cycles.size() == 100);
    const auto truncated = std::count_if(cycles.begin(), cycles.end(), [](const Finding* f) {
        return f->message.find("only the first 100") != std::string::npos;
    });
    CHECK(truncated == 1);
    // Every cycle starts at its first resource in template order: R0 holds most of them.
    CHECK(std::all_of(cycles.begin(), cycles.end(),
                      [](const Finding* f) { return f->resource == "R0"; }));
}

TEST_CASE("T029: a long chain of references closing on itself is one finding, abbreviated") {
    std::string text = "Resources:\n";
    const int n = 400;
    for (int i = 0; i < n; ++i) {
        text += "  R" + std::to_string(i) +
                ": {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref R" +
                std::to_string((i + 1) % n) + "}}\n";
    }
    const LintResult r = test::lint_text("chain.yaml", text);
    const auto cycles = of_rule(r, "T029");
    REQUIRE(cycles.size() == 1);
    CHECK_THAT(cycles[0]->message, Catch::StartsWith("circular dependency: R0 → R1 → R2 → "));
    CHECK_THAT(cycles[0]->message,
               Catch::Contains("→ R46 → R47 → … (344 more) → R392 → R393 → R394 → R395 → R396 → "
                               "R397 → R398 → R399 → R0;"));
    CHECK(cycles[0]->mark == Mark{2, 60});
}

TEST_CASE("Reference rules: YAML and JSON twins report the same findings") {
    const std::string yaml =
        "Resources:\n"
        "  A: {Type: AWS::SQS::Queue, DependsOn: [B, B, Nope], Properties: {QueueName: !Ref "
        "Gone}}\n"
        "  B: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub '${A.QueueName}-${Nah}'}}\n";
    const std::string json = R"({"Resources": {
  "A": {"Type": "AWS::SQS::Queue", "DependsOn": ["B", "B", "Nope"], "Properties": {"QueueName": {"Ref": "Gone"}}},
  "B": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": "${A.QueueName}-${Nah}"}}}}})";
    const LintResult ry = test::lint_text("twin.yaml", yaml);
    const LintResult rj = test::lint_text("twin.json", json);
    auto rules = [](const LintResult& r) {
        std::vector<std::string> out;
        for (const Finding& f : r.findings)
            out.push_back(f.rule + " " + f.resource + " " + f.path);
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(rules(ry) == rules(rj));
    CHECK(rules(ry) == std::vector<std::string>{
                           "R003 A Resources/A/Properties/QueueName",
                           "R003 B Resources/B/Properties/QueueName",
                           "T020 A Resources/A/Properties/QueueName/Ref",
                           "T022 B Resources/B/Properties/QueueName/Fn::Sub",
                           "T023 A Resources/A/DependsOn/2",
                           "T024 A Resources/A/DependsOn/1",
                           "T029 A Resources/A/DependsOn/0",
                       });
}
