// S006: a property value is not one of the values AWS allows.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S006",
                         .name = "value-not-in-enum",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "A property value is not one of the values AWS allows",
                         .doc = R"md(### What it finds
A literal value outside the `enum` (or `const`) of its schema, with a suggestion when it is
close to an allowed value. The comparison is case-sensitive, as it is in CloudFormation.
Values given by parameters, mappings or other functions are not judged.

### Why it matters
The deployment fails when CloudFormation validates the resource; a wrong case
(`arm64` vs `ARM64`) or a retention period the service does not offer are common causes.

### Bad
```yaml
Logs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 10
```

### Good
```yaml
Logs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 14
```
)md"};

class ValueNotInEnum final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::NotInEnum, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ValueNotInEnum)
}  // namespace stacklint
