// S010: a property that CloudFormation sets itself is given in the template.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S010",
    .name = "read-only-property",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A property that CloudFormation sets itself is given in the template",
    .doc = R"md(### What it finds
A property listed in the schema's `readOnlyProperties` (an ARN, an ID, an endpoint...)
written under `Properties`.

### Why it matters
Read-only properties are outputs: CloudFormation sets them when it creates the resource and
the resource's handlers refuse or ignore a value from the template. Read them with
[`Fn::GetAtt`](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html)
instead.

### Bad
```yaml
Topic:
  Type: AWS::SNS::Topic
  Properties:
    TopicArn: arn:aws:sns:us-east-1:123456789012:alerts
```

### Good
```yaml
Topic:
  Type: AWS::SNS::Topic
  Properties:
    TopicName: alerts
```
)md"};

class ReadOnlyProperty final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::ReadOnly, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ReadOnlyProperty)
}  // namespace stacklint
