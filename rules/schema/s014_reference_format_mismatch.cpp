// S014: a Ref or Fn::GetAtt returns another kind of value than its property takes.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S014",
    .name = "reference-format-mismatch",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A Ref or Fn::GetAtt returns another kind of value than its property takes",
    .doc = R"md(### What it finds
A `Ref` or `Fn::GetAtt` whose result is of the same kind of thing as the property expects but
the wrong form of it: a security group's name where its id is expected, an IAM role's name
where its ARN is, an SQS queue's URL where its ARN is, a KMS key's id where its ARN is.
What `Ref` and `Fn::GetAtt` return comes from the schemas (the format of the primary
identifier and of each attribute) and, where they say nothing, from each resource type's
documented return values ([docs/formats.md](formats.md)). `Ref` to an
`AWS::EC2::SecurityGroup` returns its id when the group has a `VpcId`, and its name when it
has none (a group in the default VPC); when `VpcId` depends on a condition, nothing is said.
Parameters of AWS-specific types (`AWS::EC2::SecurityGroup::Id`, `List<AWS::EC2::Subnet::Id>`)
return what their type names. Only mismatches the data makes certain are reported: within
one kind of resource, and a name, id or URL where the property's pattern admits nothing but
an ARN (`Role: !Ref Bucket` on a Lambda function).

### Why it matters
The value passes every syntax check and fails when the service reads it, after the
resources before it were created: a rollback half an hour into a deployment.

### Bad
```yaml
Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
Function:
  Type: AWS::Lambda::Function
  Properties:
    Role: !Ref Role          # the role's name
```

### Good
```yaml
Function:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt Role.Arn
```
)md"};

class ReferenceFormatMismatch final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::ReferenceFormat, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ReferenceFormatMismatch)
}  // namespace stacklint
