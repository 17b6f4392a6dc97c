// S005: a property value has the wrong type (string, number, boolean, list, mapping).
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S005",
    .name = "wrong-value-type",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A property value has the wrong type (string, number, boolean, list, mapping)",
    .doc = R"md(### What it finds
A value whose JSON type the schema does not allow: a list where a string is expected, a
mapping where a list is expected, `abc` for an integer. CloudFormation converts scalars
the way the service accepts them, and so does this rule: `"20"` is a fine integer, `true`
and `"true"` are both booleans, `80` is a fine string. Intrinsic functions are checked for
what they return: `Ref` to a `List<...>` or `CommaDelimitedList` parameter, `Fn::Split`,
`Fn::GetAZs`, `Fn::Cidr` and a list attribute of `Fn::GetAtt` return lists; `Fn::Join`,
`Fn::Sub` and other `Ref`s return single values. Anything whose type cannot be known is
accepted.

### Why it matters
The deployment fails with "expected type: String, found: JSONArray" or similar, often
after part of the stack was created.

### Bad
```yaml
Parameters:
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Subnets
```

### Good
```yaml
      SubnetId: !Select [0, !Ref Subnets]
```
)md"};

class WrongValueType final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::WrongType, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(WrongValueType)
}  // namespace stacklint
