// `stacklint rules`: the rule list as a table, JSON or docs/rules.md.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "lint/rule.hpp"
#include "report/report.hpp"

namespace stacklint::cli {

namespace {

void list_rules(const std::string& format) {
    const auto& rules = RuleRegistry::instance().rules();
    if (format == "markdown") {
        write_rules_markdown(std::cout);
        return;
    }
    if (format == "json") {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const Rule* r : rules) {
            const RuleInfo& i = r->info();
            out.push_back({{"id", i.id},
                           {"name", i.name},
                           {"pack", i.pack},
                           {"severity", to_string(i.severity)},
                           {"fix", i.fix ? nlohmann::ordered_json(safety_name(*i.fix))
                                         : nlohmann::ordered_json(nullptr)},
                           {"opt_in", i.opt_in},
                           {"summary", i.summary}});
        }
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::size_t id_width = 2;
    std::size_t name_width = 4;
    for (const Rule* r : rules) {
        id_width = std::max(id_width, r->info().id.size());
        name_width = std::max(name_width, r->info().name.size());
    }
    auto pad = [](std::string_view s, std::size_t w) {
        return std::string(s) + std::string(w > s.size() ? w - s.size() : 0, ' ');
    };
    std::cout << pad("ID", id_width) << "  " << pad("SEVERITY", 8) << "  " << pad("FIX", 6) << "  "
              << pad("NAME", name_width) << "  SUMMARY\n";
    for (const Rule* r : rules) {
        const RuleInfo& i = r->info();
        std::cout << pad(i.id, id_width) << "  " << pad(to_string(i.severity), 8) << "  "
                  << pad(i.fix ? safety_name(*i.fix) : "-", 6) << "  " << pad(i.name, name_width)
                  << "  " << i.summary << (i.opt_in ? " (opt-in)" : "") << '\n';
    }
}

}  // namespace

Subcommand add_rules_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("rules", "List every rule");
    auto format = std::make_shared<std::string>("text");
    auto sources = std::make_shared<RuleSources>();
    add_choice(*cmd, "-f,--format", *format, {"text", "json", "markdown"},
               "Output format (markdown: docs/rules.md)");
    add_rule_source_options(*cmd, *sources);
    return {cmd, [format, sources] {
                if (!load_rule_sources(*sources)) return kExitToolError;
                list_rules(*format);
                return kExitClean;
            }};
}

}  // namespace stacklint::cli
