// Which rules run, and at which severity: `select`, `ignore` and `severity` from the
// configuration file, then the command line's --select / --ignore on top.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.hpp"
#include "lint/rule.hpp"

namespace stacklint {

// How precisely `selector` names `rule`: 0 when it does not; otherwise the selector's length
// for an id prefix ("R" -> 1, "R00" -> 3), and more than any prefix for the exact id or the
// rule's name. The most precise selector wins when select and ignore disagree.
std::size_t selector_precision(std::string_view selector, const RuleInfo& rule);

// Empty when `selector` names at least one registered rule (an id, an id prefix or a name);
// otherwise the message to show, with a suggestion when one is close.
std::string check_rule_selector(std::string_view selector);

// One source of select/ignore lists. A layer that has `select` starts over from exactly the
// rules it selects; its `ignore` then removes rules, unless `select` names them more
// precisely (`select: [R003]` with `ignore: [R]` keeps R003). A layer without `select`
// only removes rules from what the layers before it left.
struct SelectionLayer {
    std::optional<std::vector<std::string>> select;
    std::vector<std::string> ignore;
};

// The id of the rule that --require-reasons turns on (a suppression without a reason).
inline constexpr std::string_view kSuppressionWithoutReasonRule = "M002";

struct RuleSelection {
    std::vector<SelectionLayer> layers;  // the configuration file's, then the command line's
    std::map<std::string, Severity, std::less<>> severity;  // id or prefix; most precise wins
    bool require_reasons = false;

    // The severity `rule` reports with, or nullopt when it does not run.
    std::optional<Severity> severity_of(const RuleInfo& rule) const;
    // As a function for LintOptions::rule_severity (it copies this selection).
    std::function<std::optional<Severity>(const RuleInfo&)> as_function() const;
};

}  // namespace stacklint
