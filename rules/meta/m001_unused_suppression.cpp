// M001: an inline suppression that suppressed nothing in this run.
#include "config/suppress.hpp"

#include <algorithm>

#include "fix/editor.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "M001",
                         .name = "unused-suppression",
                         .pack = "meta",
                         .severity = Severity::Info,
                         .summary = "An inline suppression suppresses nothing",
                         .doc = R"md(### What it finds
An entry of a `stacklint` `ignore` list (on a resource or in the template's top-level
`Metadata`) that hid no finding in this run, although the rule it names ran. It is not
reported when the rule was turned off by `select`/`ignore`, since then nobody can tell.

### Why it matters
A suppression outlives the problem it was written for: the resource is fixed or renamed,
the entry stays. Later a new, real problem of the same kind appears on that resource and
is hidden without anyone deciding so. Removing stale entries keeps every suppression a
decision someone made about a finding that exists.

### Bad
```yaml
Queue:
  Type: AWS::SQS::Queue
  Metadata:
    stacklint:
      ignore:
        - id: T007          # the logical id is valid: nothing to suppress
          reason: legacy name
```

### Good
```yaml
Queue:
  Type: AWS::SQS::Queue
```

### Fix
The fix (safe) removes the entry, and with the last entry of a list the `stacklint` key (and
a `Metadata` left empty).
)md",
                         .fix = FixSafety::Safe};

bool unused(const Suppression& s) {
    return s.rule_ran && s.suppressed == 0;
}

// Removes the entry from its `ignore` list; when every entry of the list goes, the list goes,
// with the `stacklint` key and a `Metadata` left empty by it.
std::shared_ptr<const Fix> removal(const SuppressionLedger& ledger, const Suppression& s) {
    if (s.stack == nullptr || !s.stack->tmpl) return nullptr;
    const Template& t = *s.stack->tmpl;
    const Node* holder = t.root;
    if (!s.resource.empty()) {
        const Resource* r = t.find_resource(s.resource);
        holder = r != nullptr ? r->node : nullptr;
    }
    const Node* metadata = holder && holder->is_mapping() ? holder->get("Metadata") : nullptr;
    const Node* stacklint =
        metadata && metadata->is_mapping() ? metadata->get("stacklint") : nullptr;
    const Node* ignore = stacklint && stacklint->is_mapping() ? stacklint->get("ignore") : nullptr;
    if (ignore == nullptr || !ignore->is_sequence()) return nullptr;
    std::size_t index = ignore->size();
    for (std::size_t i = 0; i < ignore->size(); ++i) {
        const Node& item = ignore->items()[i];
        const Node* id = item.is_mapping() ? item.get("id") : &item;
        if (id != nullptr && id->mark() == s.mark) index = i;
    }
    if (index == ignore->size()) return nullptr;
    const std::size_t gone = static_cast<std::size_t>(std::count_if(
        ledger.suppressions.begin(), ledger.suppressions.end(), [&](const Suppression& o) {
            return o.stack == s.stack && o.resource == s.resource && unused(o);
        }));
    const fix::Editor editor(s.stack->doc);
    std::optional<TextEdit> edit;
    if (gone < ignore->size()) {
        edit = editor.remove_item(*ignore, index);
    } else if (stacklint->size() > 1) {
        edit = editor.remove_entry(*stacklint, "ignore");
    } else if (metadata->size() > 1) {
        edit = editor.remove_entry(*metadata, "stacklint");
    } else {
        edit = editor.remove_entry(*holder, "Metadata");
    }
    return fix::make_fix(FixSafety::Safe, "remove the suppression of " + s.rule, {edit});
}

class UnusedSuppression final : public SuppressionRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_suppressions(const SuppressionLedger& ledger, Reporter& out) const override {
        for (const Suppression& s : ledger.suppressions) {
            if (!s.rule_ran || s.suppressed > 0) continue;
            std::string message =
                s.resource.empty()
                    ? "template-wide suppression of " + s.rule
                    : "suppression of " + s.rule + " on resource '" + std::string(s.resource) + "'";
            message += " suppresses nothing; remove it so that it cannot hide a future finding";
            out.add(*s.stack, {.mark = s.mark,
                               .message = std::move(message),
                               .resource = s.resource,
                               .path = s.path,
                               .fix = removal(ledger, s)});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnusedSuppression)
}  // namespace stacklint
