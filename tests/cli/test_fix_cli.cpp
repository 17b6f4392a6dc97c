// `--fix`, `--diff` and `--unsafe-fixes` end to end: what is written (and what never is), the
// diff, the summary, exit codes, the fixes in JSON and SARIF, and cloud assemblies.
#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "support/helpers.hpp"

using namespace stacklint;
namespace fs = std::filesystem;

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// T024 (safe) and R007 (unsafe) on one template, with comments around both.
const std::string kTemplate =
    "# orders service\n"
    "Resources:\n"
    "  A: {Type: AWS::SQS::Queue}\n"
    "  Orders:\n"
    "    Type: AWS::DynamoDB::Table  # the table\n"
    "    DependsOn: [A, A]\n"
    "    Properties:\n"
    "      BillingMode: PAY_PER_REQUEST\n"
    "      DeletionProtectionEnabled: true\n"
    "      KeySchema: [{AttributeName: id, KeyType: HASH}]\n"
    "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n";

std::string project(const std::string& name) {
    test::write_temp(name + "/t.yaml", kTemplate);
    return test::temp_dir() + "/" + name;
}

}  // namespace

TEST_CASE(
    "Fix: --fix writes the safe fixes, reports what remains, and a second run fixes nothing") {
    const std::string dir = project("fix-safe");
    ::chmod((dir + "/t.yaml").c_str(), 0640);
    std::string out;
    CHECK(test::run_stacklint_in(dir, "--no-config --fix t.yaml", out, true) == 1);
    CHECK(out.find("stacklint: fixed 1 finding in 1 file; 1 more has a fix that change") !=
          std::string::npos);
    CHECK(out.find("T024") == std::string::npos);  // fixed, so not reported
    CHECK(out.find("R007") != std::string::npos);  // unsafe: still reported
    std::string expected = kTemplate;
    expected.replace(expected.find("[A, A]"), 6, "[A]");
    CHECK(read_all(dir + "/t.yaml") == expected);
    struct stat st {};
    REQUIRE(::stat((dir + "/t.yaml").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);  // the file keeps its mode
    CHECK(test::run_stacklint_in(dir, "--no-config --fix t.yaml", out, true) == 1);
    CHECK(out.find("stacklint: nothing fixed;") != std::string::npos);
    CHECK(read_all(dir + "/t.yaml") == expected);
}

TEST_CASE("Fix: --fix --unsafe-fixes also adds the retention policies") {
    const std::string dir = project("fix-unsafe");
    std::string out;
    CHECK(test::run_stacklint_in(dir, "--no-config --fix --unsafe-fixes t.yaml", out, true) == 0);
    CHECK(out.find("stacklint: fixed 2 findings in 1 file\n") != std::string::npos);
    const std::string fixed = read_all(dir + "/t.yaml");
    CHECK(fixed.find("    Type: AWS::DynamoDB::Table  # the table\n"
                     "    DeletionPolicy: Retain\n"
                     "    UpdateReplacePolicy: Retain\n"
                     "    DependsOn: [A]\n") != std::string::npos);
}

TEST_CASE("Fix: --diff prints a unified diff and writes nothing; exit 1 when there is a fix") {
    const std::string dir = project("fix-diff");
    std::string out;
    CHECK(test::run_stacklint_in(dir, "--no-config --diff t.yaml", out) == 1);
    CHECK(out ==
          "--- a/t.yaml\n"
          "+++ b/t.yaml\n"
          "@@ -3,7 +3,7 @@\n"
          "   A: {Type: AWS::SQS::Queue}\n"
          "   Orders:\n"
          "     Type: AWS::DynamoDB::Table  # the table\n"
          "-    DependsOn: [A, A]\n"
          "+    DependsOn: [A]\n"
          "     Properties:\n"
          "       BillingMode: PAY_PER_REQUEST\n"
          "       DeletionProtectionEnabled: true\n");
    CHECK(read_all(dir + "/t.yaml") == kTemplate);
    // `git apply` (and `patch -p1`) applies it.
    std::string patched;
    const std::string diff_file = dir + "/fix.diff";
    std::ofstream(diff_file) << out;
    test::write_temp("fix-diff-copy/t.yaml", kTemplate);
    const std::string copy = test::temp_dir() + "/fix-diff-copy";
    REQUIRE(std::system(("cd '" + copy + "' && git apply '" + diff_file + "'").c_str()) == 0);
    CHECK(test::run_stacklint_in(copy, "--no-config --diff t.yaml", out) == 0);
    CHECK(out.empty());
}

TEST_CASE("Fix: --unsafe-fixes alone is a usage error") {
    std::string out;
    CHECK(test::run_stacklint("--no-config --unsafe-fixes " + project("fix-usage") + "/t.yaml", out,
                              true) == 2);
    CHECK(out == "stacklint: error: --unsafe-fixes needs --fix or --diff\n");
}

TEST_CASE("Fix: JSON findings and SARIF results carry the fix's edits") {
    const std::string dir = project("fix-json");
    std::string out;
    test::run_stacklint_in(dir, "--no-config -f json t.yaml", out);
    const auto doc = nlohmann::json::parse(out);
    bool seen = false;
    for (const auto& f : doc["findings"]) {
        if (f["rule"] != "T024") continue;
        seen = true;
        CHECK(f["fix"]["safety"] == "safe");
        REQUIRE(f["fix"]["edits"].size() == 1);
        const auto& e = f["fix"]["edits"][0];
        CHECK(e["start"]["line"] == 6);
        CHECK(e["start"]["column"] == 18);
        CHECK(e["end"]["column"] == 21);
        CHECK(e["text"] == "");
        CHECK(kTemplate.substr(e["offset"].get<std::size_t>(), e["length"].get<std::size_t>()) ==
              ", A");
    }
    CHECK(seen);
    test::run_stacklint_in(dir, "--no-config -f sarif t.yaml > out.sarif", out);
    const auto sarif = nlohmann::json::parse(read_all(dir + "/out.sarif"));
    std::size_t with_fixes = 0;
    for (const auto& r : sarif["runs"][0]["results"]) {
        if (!r.contains("fixes")) continue;
        ++with_fixes;
        const auto& change = r["fixes"][0]["artifactChanges"][0];
        CHECK(change["artifactLocation"]["uri"] == "t.yaml");
        CHECK(change["replacements"][0].contains("deletedRegion"));
    }
    CHECK(with_fixes == 2);
    const std::string schema = test::source_path("../shared/schemas/sarif/sarif-schema-2.1.0.json");
    if (fs::exists(schema) &&
        std::system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") == 0) {
        CHECK(std::system(("/usr/bin/python3 -m jsonschema -i '" + dir + "/out.sarif' '" + schema +
                           "' >/dev/null 2>&1")
                              .c_str()) == 0);
    } else {
        WARN("SARIF with fixes was not validated against the schema (schema or jsonschema absent)");
    }
}

TEST_CASE("Fix: templates of a CDK cloud assembly are never edited, and the run says so once") {
    const std::string assembly = test::source_path("fixtures/cdk/versioned/cdk.out");
    std::map<std::string, std::string> before;
    for (const auto& e : fs::directory_iterator(assembly))
        before[e.path()] = read_all(e.path());
    std::string out;
    test::run_stacklint("--no-config --fix --unsafe-fixes '" + assembly + "'", out, true);
    std::size_t said = 0;
    for (std::size_t at = out.find("generated and never edited"); at != std::string::npos;
         at = out.find("generated and never edited", at + 1)) {
        ++said;
    }
    CHECK(said == 1);
    CHECK(out.find("stacklint: nothing fixed") != std::string::npos);
    for (const auto& [path, text] : before)
        CHECK(read_all(path) == text);
    // Their findings carry no edits either.
    test::run_stacklint("--no-config -f json '" + assembly + "'", out);
    const auto parsed = nlohmann::json::parse(out);
    for (const auto& f : parsed["findings"])
        CHECK(f["fix"].is_null());
}

TEST_CASE("Fix: standard input is linted with --fix but not fixed, and the run says why") {
    std::string out;
    CHECK(test::run_stacklint("--no-config --fix - < '" + project("fix-stdin") + "/t.yaml'", out,
                              true) == 1);
    CHECK(out.find("stacklint: warning: <stdin>: standard input is linted but not fixed") !=
          std::string::npos);
}
