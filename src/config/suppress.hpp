// Inline suppressions: a pipeline stage after the rules that removes the findings a template
// itself says to ignore, and lets the suppression rules (pack "meta") report on the
// suppressions: unused ones, ones without a reason, ones that cannot be read.
//
//   Resources:
//     Db:
//       Metadata:
//         stacklint:
//           ignore:
//             - id: R003
//               reason: the partner's integration needs this exact name
//             - R004          # a plain id is accepted too
//
// The same under the template's top-level `Metadata` applies to every finding in the file.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "lint/rule.hpp"
#include "model/stack.hpp"

namespace stacklint {

// One entry of an `ignore` list.
struct Suppression {
    const Stack* stack = nullptr;
    std::string_view resource;   // logical id; empty for a template-wide suppression
    std::string rule;            // as written: an id, an id prefix or a rule name
    std::string reason;          // empty when none was given
    Mark mark;                   // of the entry (a plain id) or of its `id`
    std::string path;            // "Resources/Db/Metadata/stacklint/ignore/R003"
    bool rule_ran = false;       // some rule it names ran in this run
    std::size_t suppressed = 0;  // findings it removed
};

// Something under a `stacklint` metadata key that is not a usable suppression.
struct SuppressionProblem {
    const Stack* stack = nullptr;
    std::string_view resource;
    Mark mark;
    std::string message;
    std::string path;
};

struct SuppressionLedger {
    std::vector<Suppression> suppressions;
    std::vector<SuppressionProblem> problems;
};

// Reads the suppressions of one stack's template (resource and template-wide) into `out`.
void read_suppressions(const Stack& stack, SuppressionLedger& out);

// The rules about suppressions derive from this instead of implementing `check`: they run
// after every other rule's findings have been matched against the suppressions. Their own
// findings cannot be suppressed inline (only turned off by configuration).
class SuppressionRule : public Rule {
  public:
    virtual void check_suppressions(const SuppressionLedger& ledger, Reporter& out) const = 0;
};

// Removes from `findings` those that a suppression in their template covers (by stack,
// resource and rule; findings without a resource, such as a duplicate key, belong to the
// resource whose text holds their position), then appends the findings of the enabled
// suppression rules. `rule_severity` is LintOptions::rule_severity (empty: every rule at its
// own severity). Returns how many findings were removed.
std::size_t apply_suppressions(
    const LintSet& set, std::vector<Finding>& findings,
    const std::function<std::optional<Severity>(const RuleInfo&)>& rule_severity);
// The same for some stacks of a run: those stacks' suppressions, over findings on them.
std::size_t apply_suppressions(
    const std::vector<const Stack*>& stacks, std::vector<Finding>& findings,
    const std::function<std::optional<Severity>(const RuleInfo&)>& rule_severity);

}  // namespace stacklint
