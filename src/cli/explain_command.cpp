// `stacklint explain ID`: one rule's documentation, as docs/rules.md has it.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "core/text.hpp"
#include "lint/rule.hpp"
#include "report/report.hpp"

namespace stacklint::cli {

namespace {

int explain(const std::string& wanted) {
    const auto& rules = RuleRegistry::instance().rules();
    for (const Rule* r : rules) {
        const RuleInfo& i = r->info();
        if (iequals(i.id, wanted) || i.name == wanted) {
            write_rule_markdown(std::cout, i);  // the rule's section of docs/rules.md
            return kExitClean;
        }
    }
    std::vector<std::string_view> names;
    for (const Rule* r : rules) {
        names.push_back(r->info().id);
        names.push_back(r->info().name);
    }
    std::cerr << "stacklint: error: no rule '" << wanted << "'" << did_you_mean(wanted, names)
              << "; 'stacklint rules' lists them\n";
    return kExitToolError;
}

}  // namespace

Subcommand add_explain_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("explain", "Print the documentation of a rule");
    auto rule = std::make_shared<std::string>();
    auto sources = std::make_shared<RuleSources>();
    hint(cmd->add_option("rule", *rule, "Rule id (T001) or name (parse-error)")->required(),
         ValueKind::Rules);
    add_rule_source_options(*cmd, *sources);
    return {cmd, [rule, sources] {
                if (!load_rule_sources(*sources)) return kExitToolError;
                return explain(*rule);
            }};
}

}  // namespace stacklint::cli
