// S003: a resource property that its type does not have.
#include "fix/editor.hpp"
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S003",
                         .name = "unknown-property",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "A resource property that its type does not have",
                         .doc = R"md(### What it finds
A key under `Properties` (or inside a nested property) that the resource type's AWS schema
does not define, with a suggestion when it looks like a misspelling. Keys removed with
`Ref: AWS::NoValue` do not count. A YAML merge key (`<<: *defaults`) is reported as such:
CloudFormation does not expand merge keys, so `<<` reaches it as a property name.
Resources in `Fn::ForEach` bodies are checked too; keys built from the loop identifier
(`${Id}Name`) are not judged. Custom
resources, SAM resources and templates processed by a macro are not checked.

### Why it matters
CloudFormation validates properties against the resource schema and fails the deployment
on a key it does not know ("extraneous key"), usually after other resources were already
created and must be rolled back. A misspelt optional property is worse when a tool lets it
through: the setting you meant is silently missing. Property names come from the
[AWS resource and property types reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html);
the YAML that CloudFormation reads is described in
[template formats](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html).

### Bad
```yaml
Queue:
  Type: AWS::SQS::Queue
  Properties:
    VisibilityTimout: 60
```

### Good
```yaml
Queue:
  Type: AWS::SQS::Queue
  Properties:
    VisibilityTimeout: 60
```

### Fix
The fix (safe) renames the key when exactly one property is the closest match and the
mapping does not have that property yet (not in SAM `Globals`, nor for `<<`).
)md",
                         .fix = FixSafety::Safe};

class UnknownProperty final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::UnknownProperty, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnknownProperty)
}  // namespace stacklint
