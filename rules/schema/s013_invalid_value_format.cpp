// S013: a literal value is not in the format its property takes (an id, ARN, name, date...).
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S013",
    .name = "invalid-value-format",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A value is not in the format its property takes (an id, ARN, name, CIDR, date)",
    .doc = R"md(### What it finds
A literal string that does not have the form its property takes, where the schema data says
what that form is (`format`): security group, subnet, VPC and AMI ids, KMS key ids, ARNs and
alias names, IAM role ARNs, Lambda, SNS, SQS, ACM and log group ARNs and names, S3 bucket
names, IPv4 and IPv6 networks in CIDR notation, dates and JSON documents.
[docs/formats.md](formats.md) defines each format and cites AWS's documentation. Where a
property takes one of several forms (a KMS key id, key ARN or alias name), the value must
fit one of them. Values given by parameters and functions are not judged here; `S014`
checks what `Ref` and `Fn::GetAtt` return.

### Why it matters
The service rejects the value when CloudFormation creates or updates the resource, well into
the deployment: a KMS alias written without its `alias/` prefix, a bucket ARN where the
bucket's name is expected, a CIDR block with a typo.

### Bad
```yaml
Topic:
  Type: AWS::SNS::Topic
  Properties:
    KmsMasterKeyId: aws/sns
```

### Good
```yaml
Topic:
  Type: AWS::SNS::Topic
  Properties:
    KmsMasterKeyId: alias/aws/sns
```
)md"};

class InvalidValueFormat final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::Format, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidValueFormat)
}  // namespace stacklint
