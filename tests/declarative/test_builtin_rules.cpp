// The built-in rule files are embedded as JSON (tools/rulegen): each one, read from its YAML
// source, gives the rules the binary carries, field by field.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "declarative/rule_file.hpp"
#include "lint/rule.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

TEST_CASE("Built-in rules: the embedded JSON says what each YAML rule file says") {
    std::size_t files = 0;
    std::size_t rules = 0;
    for (const auto& pack : fs::directory_iterator(test::source_path("rules"))) {
        if (!pack.is_directory()) continue;
        for (const auto& entry : fs::directory_iterator(pack.path())) {
            if (entry.path().extension() != ".yaml") continue;
            ++files;
            INFO(entry.path().string());
            declarative::RuleFileError error;
            const auto parsed = declarative::parse_rule_file(
                std::make_shared<const Source>(entry.path().string(),
                                               test::read_file(entry.path().string())),
                declarative::Origin::BuiltIn, pack.path().filename().string(), error);
            REQUIRE(parsed);
            for (const declarative::RuleSpec& spec : parsed->rules) {
                ++rules;
                const Rule* embedded = RuleRegistry::instance().find(spec.id);
                REQUIRE(embedded != nullptr);
                const RuleInfo& info = embedded->info();
                CHECK(info.name == spec.name);
                CHECK(info.pack == spec.pack);
                CHECK(info.severity == spec.severity);
                CHECK(info.summary == spec.summary);
                CHECK(info.doc == spec.doc);
                CHECK(info.opt_in == spec.opt_in);
            }
        }
    }
    CHECK(files >= 36);
    CHECK(rules == files);  // one rule per file
}
