// S009: a property is marked deprecated in its AWS schema.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S009",
                         .name = "deprecated-property",
                         .pack = "schema",
                         .severity = Severity::Warning,
                         .summary = "A property is marked deprecated in its AWS schema",
                         .doc = R"md(### What it finds
A property listed in the schema's `deprecatedProperties`.

### Why it matters
AWS keeps deprecated properties for old templates but may ignore them or remove them; the
replacement is named on the type's page of the
[resource and property types reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html).
Moving now avoids a forced change later.

### Bad
```yaml
Association:
  Type: AWS::EC2::EIPAssociation
  Properties:
    EIP: 203.0.113.10
    InstanceId: !Ref Instance
```

### Good
```yaml
Association:
  Type: AWS::EC2::EIPAssociation
  Properties:
    AllocationId: !GetAtt Address.AllocationId
    InstanceId: !Ref Instance
```
)md"};

class DeprecatedProperty final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::Deprecated, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DeprecatedProperty)
}  // namespace stacklint
