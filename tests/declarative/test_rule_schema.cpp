// docs/rule-file.schema.json agrees with the rule file reader: every rule file of the example
// pack and of the language's fixtures passes it, and the malformed rule files it can judge
// (all but the mistakes a JSON Schema cannot see) fail it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

namespace {

constexpr const char* kSchema = "docs/rule-file.schema.json";

std::vector<fs::path> rule_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(test::source_path("examples/policy-pack")))
        if (e.path().extension() == ".yaml") out.push_back(e.path());
    for (const auto& dir : fs::directory_iterator(test::source_path("fixtures/rule-language"))) {
        const std::string name = dir.path().filename().string();
        if (!dir.is_directory() || name == "malformed") continue;
        for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
            const std::string p = e.path().generic_string();
            if (e.path().extension() == ".yaml" && p.find("/tests/") == std::string::npos)
                out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("Rule file schema: every rule file of the pack and the fixtures passes it") {
    if (!test::have_jsonschema()) {
        WARN("python3-jsonschema is not installed; the schema was not checked");
        return;
    }
    const std::vector<fs::path> files = rule_files();
    CHECK(files.size() >= 20);
    for (const fs::path& f : files) {
        std::string output;
        INFO(f.string());
        const int verdict =
            test::schema_verdict(f.stem().string(), test::read_file(f), kSchema, output);
        INFO(output);
        CHECK(verdict == 0);
    }
}

TEST_CASE("Rule file schema: what the reader refuses, the schema refuses too, where it can") {
    if (!test::have_jsonschema()) {
        WARN("python3-jsonschema is not installed; the schema was not checked");
        return;
    }
    // Mistakes no JSON Schema sees: YAML itself (syntax, tags, duplicate keys), regular
    // expressions, message placeholders, ids and names unique across rules, empty path keys.
    const std::vector<std::string> beyond_schema = {
        "28-bad-regex",           "32-unknown-placeholder", "33-unclosed-brace", "34-duplicate-id",
        "35-duplicate-name",      "36-yaml-syntax-error",   "37-yaml-tag",       "38-duplicate-key",
        "40-stray-closing-brace", "41-path-empty-segment"};
    std::size_t checked = 0;
    for (const auto& e :
         fs::directory_iterator(test::source_path("fixtures/rule-language/malformed"))) {
        const std::string stem = e.path().stem().string();
        if (std::find(beyond_schema.begin(), beyond_schema.end(), stem) != beyond_schema.end())
            continue;
        std::string output;
        INFO(e.path().filename().string());
        CHECK(test::schema_verdict(stem, test::read_file(e.path()), kSchema, output) != 0);
        ++checked;
    }
    CHECK(checked >= 30);
}
