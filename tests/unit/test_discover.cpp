// Discovery: which files a run lints, the cheap template sniff, inputs reached twice, reads.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "core/atomic_file.hpp"
#include "discover/discover.hpp"
#include "lint/engine.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

namespace {

const std::string kTemplate = "Resources:\n  bad-name:\n    Type: AWS::SQS::Queue\n";

std::vector<std::string> displays(const Discovery& d) {
    std::vector<std::string> out;
    for (const Input& i : d.inputs)
        out.push_back(i.display);
    return out;
}

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

TEST_CASE("Discovery: a file or assembly reached twice is one input") {
    const std::string a = test::write_temp("twice/a.yaml", kTemplate);
    const std::string dir = test::temp_dir() + "/twice";
    CHECK(displays(discover({a, dir + "/./a.yaml", a})) == std::vector<std::string>{a});

    // Found by the walk first, then named: one input, and it counts as named.
    test::write_temp("twice/config.yaml", "name: not a template\n");
    const Discovery walked = discover({dir, dir + "/config.yaml"});
    REQUIRE(walked.inputs.size() == 2);
    CHECK(walked.inputs[0].display == dir + "/a.yaml");
    CHECK(walked.inputs[1].display == dir + "/config.yaml");
    CHECK(walked.inputs[1].explicit_path);

    // A symlink to a named file is the same file.
    std::error_code ec;
    fs::create_symlink("a.yaml", dir + "/link.yaml", ec);
    REQUIRE_FALSE(ec);
    CHECK(displays(discover({a, dir + "/link.yaml"})) == std::vector<std::string>{a});

    // An assembly named and then found again inside its project.
    const std::string split = test::source_path("fixtures/cdk/split");
    for (const auto& paths :
         {std::vector<std::string>{split + "/cdk.out", split},
          std::vector<std::string>{split, split + "/cdk.out"},
          std::vector<std::string>{split + "/cdk.out", split + "/cdk.out/"},
          std::vector<std::string>{split + "/cdk.out/manifest.json", split + "/cdk.out"}}) {
        const Discovery d = discover(paths);
        REQUIRE(d.inputs.size() == 1);
        CHECK(d.inputs[0].assembly);
        const LintResult r = lint(d.inputs);
        CHECK(r.set.stacks.size() == 3);
        for (const Finding& f : r.findings) {
            INFO(f.rule << " " << f.message);
            CHECK(f.rule != "X003");
            CHECK(f.rule != "X005");
        }
    }
}

TEST_CASE("read_input and read_small_file: one bounded read, each failure worded for its caller") {
    const std::string dir = test::temp_dir() + "/reads";
    const std::string file = test::write_temp("reads/t.yaml", kTemplate);
    std::string bytes, error;

    REQUIRE(read_input(Input{file, file, false, true}, 1024, bytes, error));
    CHECK(bytes == kTemplate);
    REQUIRE(read_small_file(file, 1024, bytes, error));
    CHECK(bytes == kTemplate);

    // Exactly at the limit is read; one byte more is refused.
    CHECK(read_input(Input{file, file, false, true}, kTemplate.size(), bytes, error));
    CHECK_FALSE(read_input(Input{file, file, false, true}, kTemplate.size() - 1, bytes, error));
    CHECK(error ==
          "larger than 0 MiB, stacklint's limit (CloudFormation itself accepts at most "
          "1 MB)");
    CHECK_FALSE(read_small_file(file, kTemplate.size() - 1, bytes, error));
    CHECK(error == "larger than 0 MiB");

    const std::string missing = dir + "/missing.yaml";
    CHECK_FALSE(read_input(Input{missing, missing, false, true}, 1024, bytes, error));
    CHECK(error == "no such file or directory");
    CHECK_FALSE(read_small_file(missing, 1024, bytes, error));
    CHECK(error == "No such file or directory");

    CHECK_FALSE(read_input(Input{dir, dir, false, true}, 1024, bytes, error));
    CHECK(error == "is a directory");
    CHECK_FALSE(read_small_file(dir, 1024, bytes, error));
    CHECK(error == "Is a directory");

    // A FIFO with no writer: refused at once instead of waiting forever.
    const std::string fifo = dir + "/pipe.yaml";
    fs::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_FALSE(read_input(Input{fifo, fifo, false, true}, 1024, bytes, error));
    CHECK(error == "not a regular file (a FIFO, socket or device is not read)");
    CHECK_FALSE(read_small_file(fifo, 1024, bytes, error));
    CHECK(error == "not a regular file");
}
