// The built-in declarative rules: rules/<pack>/*.yaml, carried in the binary as JSON by the
// build (tools/rulegen, CMakeLists.txt) and added to the registry the first time rules are
// listed.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "declarative/declarative_rule.hpp"

namespace stacklint::declarative {
namespace {

struct EmbeddedRuleFile {
    const char* pack;
    const char* path;  // relative to the source tree, for messages
    const char* text;  // the file as JSON
};

// NOLINTNEXTLINE(cppcoreguidelines-avoid-c-arrays,modernize-avoid-c-arrays)
constexpr EmbeddedRuleFile kFiles[] = {
#include "builtin_rule_files.inc"
    {nullptr, nullptr, nullptr}};

// A mistake in a built-in rule file is the project's own, found by the first test run.
[[noreturn]] void broken(const std::string& message) {
    std::fprintf(stderr, "stacklint: built-in rule file: %s\n", message.c_str());
    std::abort();
}

void load_builtin_rules(RuleRegistry& registry) {
    for (const EmbeddedRuleFile& f : kFiles) {
        if (f.text == nullptr) break;
        auto source = std::make_shared<const Source>(f.path, f.text);
        RuleFileError error;
        std::optional<RuleFile> parsed =
            parse_rule_file(source, Origin::BuiltIn, f.pack, error, Format::Json);
        if (!parsed) broken(error.text());
        for (RuleSpec& spec : parsed->rules) {
            const std::string problem = registry.try_add(
                std::make_unique<DeclarativeRule>(std::move(spec), parsed->document));
            if (!problem.empty()) broken(std::string(f.path) + ": " + problem);
        }
    }
}

}  // namespace
STACKLINT_REGISTER_DEFERRED_RULES(load_builtin_rules)
}  // namespace stacklint::declarative
