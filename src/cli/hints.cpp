#include <map>

#include "cli/command.hpp"
#include "lint/rule.hpp"

namespace stacklint::cli {

namespace {
std::map<const CLI::Option*, ValueHint>& hints() {
    static std::map<const CLI::Option*, ValueHint> all;
    return all;
}
}  // namespace

CLI::Option* hint(CLI::Option* option, ValueKind kind, std::vector<std::string> choices) {
    hints()[option] = ValueHint{kind, std::move(choices)};
    return option;
}

const ValueHint* hint_of(const CLI::Option* option) {
    const auto it = hints().find(option);
    return it == hints().end() ? nullptr : &it->second;
}

CLI::Option* add_choice(CLI::App& app, const std::string& names, std::string& value,
                        const std::vector<std::string>& choices, const std::string& description) {
    CLI::Option* option = app.add_option(names, value, description)
                              ->check(CLI::IsMember(choices))
                              ->capture_default_str();
    return hint(option, ValueKind::Choice, choices);
}

std::vector<std::string> rule_words() {
    std::vector<std::string> words;
    for (const Rule* r : RuleRegistry::instance().rules())
        words.emplace_back(r->info().id);
    for (const Rule* r : RuleRegistry::instance().rules())
        words.emplace_back(r->info().name);
    return words;
}

}  // namespace stacklint::cli
