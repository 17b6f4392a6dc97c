// The schema rules' messages on the shipped schemas (what the fixtures, which check rule ids
// and lines, do not pin down).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "support/helpers.hpp"

using namespace stacklint;

namespace {

std::vector<Finding> findings_of(const LintResult& result, std::string_view rule) {
    std::vector<Finding> out;
    std::copy_if(result.findings.begin(), result.findings.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.rule == rule; });
    return out;
}

}  // namespace

TEST_CASE("S012: long attribute lists name eight attributes and count the rest",
          "[schema][rules]") {
    const LintResult result = test::lint_text("t.yaml",
                                              "Resources:\n"
                                              "  Db:\n"
                                              "    Type: AWS::RDS::DBInstance\n"
                                              "Outputs:\n"
                                              "  A:\n"
                                              "    Value: !GetAtt Db.Endpoint.Adress\n"
                                              "  B:\n"
                                              "    Value: !Sub '${Db.MasterUserPassword}'\n");
    const std::vector<Finding> s012 = findings_of(result, "S012");
    REQUIRE(s012.size() == 2);
    const std::string& typo = s012[0].message;
    CHECK(typo.find("did you mean 'Endpoint.Address'?") != std::string::npos);
    const std::size_t list = typo.find("Its attributes: AutomaticRestartTime, ");
    REQUIRE(list != std::string::npos);
    CHECK(std::count(typo.begin() + static_cast<std::ptrdiff_t>(list), typo.end(), ',') ==
          7);  // eight names listed
    CHECK(typo.ends_with(" and 17 more"));
    CHECK(s012[0].mark.line == 6);
    CHECK(s012[0].mark.column == 23);  // the attribute
    const std::string& sub = s012[1].message;
    CHECK(sub.starts_with("${Db.MasterUserPassword} in Fn::Sub reads 'MasterUserPassword'"));
    CHECK(s012[1].mark.line == 8);
    CHECK(s012[1].mark.column == 18);  // the placeholder inside the Fn::Sub string
}

TEST_CASE("S012: a nested stack's outputs are read one by one", "[schema][rules]") {
    const LintResult result =
        test::lint_text("t.yaml",
                        "Resources:\n"
                        "  Nested:\n"
                        "    Type: AWS::CloudFormation::Stack\n"
                        "    Properties: {TemplateURL: 'https://example.com/n.yaml'}\n"
                        "Outputs:\n"
                        "  A: {Value: !GetAtt Nested.Outputs}\n"
                        "  B: {Value: !GetAtt Nested.Outputs.Name}\n"
                        "  C: {Value: !GetAtt Nested.Outputz}\n");
    const std::vector<Finding> s012 = findings_of(result, "S012");
    REQUIRE(s012.size() == 2);
    CHECK(s012[0].message.find("as 'Outputs.NAME'") != std::string::npos);
    // The list of attributes shows how to read outputs, not the schema's list attribute.
    CHECK(s012[1].message.find("Outputs.NAME") != std::string::npos);
    CHECK(s012[1].message.find("Outputs,") == std::string::npos);
}

TEST_CASE("S003: a YAML merge key is named as such", "[schema][rules]") {
    const LintResult result = test::lint_text("t.yaml",
                                              "Resources:\n"
                                              "  A:\n"
                                              "    Type: AWS::SQS::Queue\n"
                                              "    Properties: &q {DelaySeconds: 5}\n"
                                              "  B:\n"
                                              "    Type: AWS::SQS::Queue\n"
                                              "    Properties:\n"
                                              "      <<: *q\n"
                                              "      VisibilityTimeout: 30\n");
    const std::vector<Finding> s003 = findings_of(result, "S003");
    REQUIRE(s003.size() == 1);
    CHECK(s003[0].message.find("YAML merge keys ('<<') are not supported by CloudFormation") !=
          std::string::npos);
    CHECK(s003[0].mark.line == 8);
}
