// S008: a string is too short or too long, a number out of range, or a list has too few or too many
// items.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S008",
                         .name = "value-out-of-bounds",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary =
                             "A string is too short or too long, a number out of range, or a list "
                             "has too few or too many items",
                         .doc = R"md(### What it finds
A literal string outside `minLength`/`maxLength` (counted in Unicode characters), a number
outside `minimum`/`maximum` (or their exclusive forms), and a list with fewer than
`minItems` or more than `maxItems` items. List items removed by `Ref: AWS::NoValue` do not
count; an item given by `Fn::If` with an `AWS::NoValue` branch counts only where that helps
the template.

### Why it matters
The deployment fails when the service validates the value, for example a Lambda
function's `Timeout` of 0 or a description longer than the service stores.

### Bad
```yaml
Function:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt Role.Arn
    Code:
      ZipFile: "def handler(event, context): pass"
    Handler: index.handler
    Runtime: python3.12
    Timeout: 0
```

### Good
```yaml
    Timeout: 30
```
)md"};

class ValueOutOfBounds final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::OutOfBounds, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ValueOutOfBounds)
}  // namespace stacklint
