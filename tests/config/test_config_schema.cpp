// schemas/stacklint-config.schema.json agrees with the loader, and with the examples the README
// shows: every ```yaml block starting with "# .stacklint.yaml" is accepted by both.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <sstream>

#include "config/config.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

// The YAML blocks of a Markdown file whose first line is "# .stacklint.yaml".
std::vector<std::string> config_examples(const std::string& markdown) {
    std::vector<std::string> out;
    const std::string open = "```yaml\n# .stacklint.yaml";
    for (std::size_t at = markdown.find(open); at != std::string::npos;
         at = markdown.find(open, at + 1)) {
        const std::size_t start = at + 8;
        const std::size_t end = markdown.find("\n```", start);
        if (end == std::string::npos) break;
        out.push_back(markdown.substr(start, end - start + 1));
    }
    return out;
}

// Exit code of validating `yaml` (converted to JSON) against the configuration schema.
int schema_verdict(const std::string& name, const std::string& yaml, std::string& output) {
    return test::schema_verdict(name, yaml, "schemas/stacklint-config.schema.json", output);
}

bool have_jsonschema() {
    return test::have_jsonschema();
}

}  // namespace

TEST_CASE("Config schema: the README's examples pass the loader and the schema") {
    const std::vector<std::string> examples =
        config_examples(test::read_file(test::source_path("README.md")));
    REQUIRE(examples.size() >= 2);
    const bool validate = have_jsonschema();
    if (!validate) WARN("python3-jsonschema is not installed; examples checked by the loader only");
    for (std::size_t i = 0; i < examples.size(); ++i) {
        INFO("README example " << i + 1 << ":\n" << examples[i]);
        ConfigError error;
        const auto config = parse_config(
            std::make_shared<const Source>(".stacklint.yaml", examples[i]), "/", error);
        INFO(error.text());
        CHECK(config);
        // An example that selects packs by their letters selects every pack: one that left a
        // pack out would teach readers to lose its rules without noticing.
        if (config && config->select &&
            std::all_of(config->select->begin(), config->select->end(),
                        [](const std::string& s) { return s.size() == 1; })) {
            for (const Rule* r : RuleRegistry::instance().rules()) {
                INFO("rule " << r->info().id << " is not selected");
                CHECK(std::find(config->select->begin(), config->select->end(),
                                std::string(r->info().id.substr(0, 1))) != config->select->end());
            }
        }
        if (!validate) continue;
        std::string output;
        const int verdict = schema_verdict("example" + std::to_string(i), examples[i], output);
        INFO(output);
        CHECK(verdict == 0);
    }
}

TEST_CASE("Config schema: what the loader refuses, the schema refuses too") {
    if (!have_jsonschema()) {
        WARN("python3-jsonschema is not installed; the schema was not checked");
        return;
    }
    const std::vector<std::string> bad = {
        "selct: [T]\n",
        "select: T\n",
        "ignore: [[T007]]\n",
        "severity: {T007: fatal}\n",
        "options: {storage_stack: ['*Storage*']}\n",
        "options: {storage_stacks: Storage}\n",
        "exclude: legacy\n",
        "fail_on: sometimes\n",
        "require_reasons: maybe\n",
        "require_reasons: \"true\"\n",
        "select: [R_001]\n",
        "- select\n",
    };
    for (std::size_t i = 0; i < bad.size(); ++i) {
        INFO(bad[i]);
        ConfigError error;
        CHECK_FALSE(parse_config(std::make_shared<const Source>("c.yaml", bad[i]), "/", error));
        std::string output;
        CHECK(schema_verdict("bad" + std::to_string(i), bad[i], output) != 0);
    }
}

TEST_CASE("Config schema: every rule's id and name match the schema's rule selector") {
    const auto schema = nlohmann::json::parse(
        test::read_file(test::source_path("schemas/stacklint-config.schema.json")));
    const std::regex selector(schema["definitions"]["ruleSelector"]["pattern"].get<std::string>());
    for (const Rule* r : RuleRegistry::instance().rules()) {
        const std::string id(r->info().id);
        const std::string name(r->info().name);
        CHECK(std::regex_search(id, selector));
        CHECK(std::regex_search(name, selector));
        CHECK(std::regex_search(id.substr(0, 1), selector));
    }
}

TEST_CASE("Config schema: lists exactly the rule options the loader knows") {
    const auto schema = nlohmann::json::parse(
        test::read_file(test::source_path("schemas/stacklint-config.schema.json")));
    const auto& properties = schema["properties"]["options"]["properties"];
    CHECK(properties.size() == known_rule_options().size());
    for (const RuleOptionSpec& spec : known_rule_options())
        CHECK(properties.contains(std::string(spec.key)));
    for (const char* key : {"select", "ignore", "severity", "options", "exclude", "fail_on",
                            "require_reasons", "regions"})
        CHECK(schema["properties"].contains(key));
    CHECK(schema["properties"].size() == 9);
}
