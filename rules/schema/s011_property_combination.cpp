// S011: properties break a oneOf/anyOf/allOf/dependencies constraint of the schema.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S011",
    .name = "invalid-property-combination",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "Properties break a oneOf/anyOf/allOf/dependencies constraint of the schema",
    .doc = R"md(### What it finds
A resource or nested property that matches none of the alternatives of a `oneOf`/`anyOf`,
fails an `allOf`, sets more than one of properties that exclude each other, or sets a
property without the properties it `dependencies` on. It is one finding naming the
alternatives, not one per violation inside each. When the value plainly means one
alternative (only it takes a list, say, or the key that tells the alternatives apart is
there), that alternative's own violations are reported instead, by their own rules: a
DynamoDB `KeySchema` item without `KeyType` is S004, an S3 `PartitionedPrefix` with an
unknown `PartitionDateSource` is S006. Alternatives whose outcome depends on functions,
conditions or parameters are not judged.

### Why it matters
The deployment fails. These constraints encode "set exactly one of A or B" and "C needs D"
rules from the service's API.

### Bad
```yaml
StackSet:
  Type: AWS::CloudFormation::StackSet
  Properties:
    StackSetName: baseline
    PermissionModel: SELF_MANAGED
    TemplateURL: https://example-bucket.s3.amazonaws.com/baseline.yaml
    TemplateBody: "{}"
```

### Good
```yaml
StackSet:
  Type: AWS::CloudFormation::StackSet
  Properties:
    StackSetName: baseline
    PermissionModel: SELF_MANAGED
    TemplateURL: https://example-bucket.s3.amazonaws.com/baseline.yaml
```
)md"};

class PropertyCombination final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::Combination, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(PropertyCombination)
}  // namespace stacklint
