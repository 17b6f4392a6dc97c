// M003: stacklint metadata that cannot be read as suppressions.
#include "config/suppress.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "M003",
                         .name = "invalid-suppression",
                         .pack = "meta",
                         .severity = Severity::Warning,
                         .summary = "Metadata meant as a stacklint suppression cannot be read",
                         .doc = R"md(### What it finds
A `stacklint` key under a resource's or the template's `Metadata` that is not a mapping
with an `ignore` list; an `ignore` entry that is neither a rule id nor a mapping with `id`
(and optionally `reason`); an entry naming a rule that does not exist (a typo such as
`R03`); an entry naming a rule of the `meta` pack, whose findings cannot be suppressed
inline.

### Why it matters
Whoever wrote the entry believes a finding is suppressed. When the entry cannot be read,
the finding is still reported, or worse, a misspelt key is silently ignored and the team
learns to skip the report.

### Bad
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Metadata:
    stacklint:
      ignore:
        - id: R03
          reson: partner integration
```

### Good
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Metadata:
    stacklint:
      ignore:
        - id: R003
          reason: partner integration
```
)md"};

class InvalidSuppression final : public SuppressionRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_suppressions(const SuppressionLedger& ledger, Reporter& out) const override {
        for (const SuppressionProblem& p : ledger.problems)
            out.add(*p.stack, {p.mark, p.message, p.resource, p.path});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidSuppression)
}  // namespace stacklint
