// S004: a resource or nested property lacks a property its schema requires.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S004",
    .name = "missing-required-property",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A resource or nested property lacks a property its schema requires",
    .doc = R"md(### What it finds
A property that the AWS schema lists as `required` and that is absent, at the resource
level or inside a nested property. A property given by `Fn::If` with an `AWS::NoValue`
branch counts as present (only one branch lacks it); `Ref: AWS::NoValue` alone removes it.

### Why it matters
The deployment fails when CloudFormation reaches the resource. Required properties are
listed in each type's page of the
[resource and property types reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html).

### Bad
```yaml
Rule:
  Type: AWS::Events::Rule
  Properties:
    Targets:
      - Id: notify
```

### Good
```yaml
Rule:
  Type: AWS::Events::Rule
  Properties:
    Targets:
      - Id: notify
        Arn: !Ref Topic
```
)md"};

class MissingRequiredProperty final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::MissingRequired, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(MissingRequiredProperty)
}  // namespace stacklint
