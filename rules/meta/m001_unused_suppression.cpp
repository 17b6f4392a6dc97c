// M001: an inline suppression that suppressed nothing in this run.
#include "config/suppress.hpp"

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
)md"};

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
            out.add(*s.stack, {s.mark, std::move(message), s.resource, s.path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnusedSuppression)
}  // namespace stacklint
