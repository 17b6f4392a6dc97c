#include "lint/change.hpp"

#include <algorithm>
#include <map>

#include "config/suppress.hpp"
#include "schema/embedded.hpp"
#include "schema/lifecycle.hpp"

namespace stacklint {

bool is_change_rule(const RuleInfo& info) {
    return info.pack == kChangePack;
}

RuleSeverity rules_of_run(RuleSeverity base, bool change_run) {
    return [base = std::move(base), change_run](const RuleInfo& info) -> std::optional<Severity> {
        const bool meta = info.pack == kMetaPack;
        if (!meta && is_change_rule(info) != change_run) return std::nullopt;
        return base ? base(info) : default_run_severity(info);
    };
}

namespace {

// The key that pairs a stack with its other version.
std::string pairing_key(const Stack& stack, const std::string& input_key) {
    return stack.cdk ? input_key + "#" + stack.name : input_key;
}

}  // namespace

LintResult lint_changes(const VersionInputs& before, const VersionInputs& after) {
    std::vector<std::size_t> old_from;
    std::vector<std::size_t> new_from;
    const LintResult old = load_inputs(before.inputs, before.options, &old_from);
    LintResult result = load_inputs(after.inputs, after.options, &new_from);
    for (const ToolError& e : old.errors)
        result.errors.push_back({e.file, "previous version: " + e.message, e.line, e.column});
    for (const ToolError& w : old.warnings)
        result.warnings.push_back({w.file, "previous version: " + w.message, w.line, w.column});

    std::map<std::string, const Stack*> old_by_key;
    for (std::size_t i = 0; i < old.set.stacks.size(); ++i) {
        const Stack& s = *old.set.stacks[i];
        old_by_key.emplace(pairing_key(s, before.keys.at(old_from[i])), &s);
    }
    std::vector<StackVersions> pairs;
    for (std::size_t i = 0; i < result.set.stacks.size(); ++i) {
        const Stack& s = *result.set.stacks[i];
        const auto it = old_by_key.find(pairing_key(s, after.keys.at(new_from[i])));
        pairs.push_back({it == old_by_key.end() ? nullptr : it->second, &s});
    }

    const schema::Registry schemas(schema::embedded_data());
    const LintOptions& options = after.options;
    const RuleSeverity severity = rules_of_run(options.rule_severity, true);
    const std::string today = options.today.empty() ? schema::effective_today() : options.today;
    static const std::vector<std::string> kDefaultRegions = {"us-east-1"};
    const std::vector<std::string>& regions =
        options.regions.empty() ? kDefaultRegions : options.regions;
    const RuleContext ctx{result.set, options.rule_options, schemas, regions, today};
    const ChangeContext change{ctx, old.set, pairs};
    for (const Rule* rule : RuleRegistry::instance().rules()) {
        const auto* change_rule = dynamic_cast<const ChangeRule*>(rule);
        const std::optional<Severity> sev = severity(rule->info());
        if (change_rule == nullptr || !sev) continue;
        Reporter reporter(rule->info(), *sev, result.findings);
        for (const StackVersions& pair : pairs) {
            if (pair.before != nullptr && pair.before->tmpl && pair.after->tmpl) {
                change_rule->check_change(pair, change, reporter);
            }
        }
    }
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
    drop_repeated_findings(result.findings);
    result.suppressed = apply_suppressions(result.set, result.findings, severity);
    count_stacks(result);
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
    return result;
}

}  // namespace stacklint
