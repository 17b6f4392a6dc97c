#include "config/selection.hpp"

#include "core/text.hpp"

namespace stacklint {

namespace {

// Exact ids and names beat every prefix, however long.
constexpr std::size_t kExact = 1000;

std::size_t best_match(const std::vector<std::string>& selectors, const RuleInfo& rule) {
    std::size_t best = 0;
    for (const std::string& s : selectors)
        best = std::max(best, selector_precision(s, rule));
    return best;
}

}  // namespace

std::size_t selector_precision(std::string_view selector, const RuleInfo& rule) {
    if (selector.empty()) return 0;
    if (selector == rule.id || selector == rule.name) return kExact;
    if (rule.id.starts_with(selector)) return selector.size();
    return 0;
}

std::string check_rule_selector(std::string_view selector) {
    std::vector<std::string_view> candidates;
    for (const Rule* r : RuleRegistry::instance().rules()) {
        if (selector_precision(selector, r->info()) > 0) return {};
        candidates.push_back(r->info().id);
        candidates.push_back(r->info().name);
    }
    std::string message = "no rule, rule prefix or rule name '";
    message.append(selector).append("'").append(did_you_mean(selector, candidates));
    message.append("; 'stacklint rules' lists them");
    return message;
}

std::optional<Severity> RuleSelection::severity_of(const RuleInfo& rule) const {
    if (rule.id == kSuppressionWithoutReasonRule && !require_reasons) return std::nullopt;
    bool enabled = !rule.opt_in;  // an opt-in rule runs only when a `select` names it
    for (const SelectionLayer& layer : layers) {
        std::size_t selected = 0;
        if (layer.select) {
            selected = best_match(*layer.select, rule);
            enabled = selected > 0;
        }
        const std::size_t ignored = best_match(layer.ignore, rule);
        if (ignored > 0 && ignored >= selected) enabled = false;
    }
    if (!enabled) return std::nullopt;
    std::size_t best = 0;
    Severity result = rule.severity;
    for (const auto& [selector, sev] : severity) {
        const std::size_t p = selector_precision(selector, rule);
        if (p > best) {
            best = p;
            result = sev;
        }
    }
    return result;
}

std::function<std::optional<Severity>(const RuleInfo&)> RuleSelection::as_function() const {
    return [selection = *this](const RuleInfo& rule) { return selection.severity_of(rule); };
}

}  // namespace stacklint
