// Discovery: which files a run lints, and the cheap template sniff.
#include <catch2/catch.hpp>

#include <filesystem>

#include "discover/discover.hpp"
#include "lint/engine.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

namespace {

const std::string kTemplate = "Resources:\n  bad-name:\n    Type: AWS::SQS::Queue\n";

}  // namespace

TEST_CASE("Sniff: Resources as a top-level key, in block, flow and JSON layouts") {
    for (const char* text : {
             "Resources:\n  Q: {Type: AWS::SQS::Queue}\n",
             "\xEF\xBB\xBFResources:\n  Q: {Type: AWS::SQS::Queue}\n",
             "Description: x\r\nResources:\r\n",
             "Description: x\rResources:\r",
             "{Resources: {Q: {Type: AWS::SQS::Queue}}}\n",
             "{ Description: x,\n  Resources : {}}\n",
             "--- {Resources: {}}\n",
             "\"Resources\": {}\n",
             "'Resources': {}\n",
             "{\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\"}}}",
             "\xEF\xBB\xBF{\"Resources\":{}}",
             "{\n  \"Resources\" : {}\n}\n",
             "Description: only the version\nAWSTemplateFormatVersion: '2010-09-09'\n",
         }) {
        INFO(text);
        CHECK(looks_like_template(text));
    }
}

TEST_CASE("Sniff: Resources that is no top-level key does not look like a template") {
    for (const char* text : {
             "settings:\n  Resources: 3\n",
             "Resourcesful: 1\n",
             "ResourcesX:\n",
             "name: Resources\n",
             "Description: Resources: many\n",
             "# Resources:\n",
             "{\"name\": \"Resources\", \"n\": 1}",
             "\xEF\xBB\xBF  Resources:\n",
             "Resources",
         }) {
        INFO(text);
        CHECK_FALSE(looks_like_template(text));
    }
}

TEST_CASE("Walk: BOM, flow and minified templates are found, nested Resources keys are not") {
    test::write_temp("sniff/bom.yaml", "\xEF\xBB\xBF" + kTemplate);
    test::write_temp("sniff/flow.yaml", "{Resources: {bad-f: {Type: AWS::SQS::Queue}}}\n");
    test::write_temp("sniff/min.json",
                     "{\"Resources\":{\"bad-j\":{\"Type\":\"AWS::SQS::Queue\"}}}");
    test::write_temp("sniff/nested.yaml", "settings:\n  Resources: {bad-n: {Type: x}}\n");
    test::write_temp("sniff/nested-flow.yaml", "{settings: {Resources: {bad-n: {Type: x}}}}\n");
    test::write_temp("sniff/nested.json", "{\"settings\": {\"Resources\": {\"bad-n\": {}}}}");
    const Discovery d = discover({test::temp_dir() + "/sniff"});
    REQUIRE(d.errors.empty());
    const LintResult r = lint(d.inputs);
    std::vector<std::string> files;
    for (const auto& s : r.set.stacks)
        files.push_back(fs::path(s->file).filename().string());
    CHECK(files == std::vector<std::string>{"bom.yaml", "flow.yaml", "min.json"});
}
