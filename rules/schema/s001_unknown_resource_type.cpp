// S001: a resource type that does not exist.
#include <string>
#include <vector>

#include "core/text.hpp"
#include "fix/editor.hpp"
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S001",
                         .name = "unknown-resource-type",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "A resource type that CloudFormation does not know",
                         .doc = R"md(### What it finds
A `Type` in AWS's namespaces (`AWS::`, `Alexa::`) that is not in the CloudFormation
registry's resource schemas, or a type name that is not of the form `Org::Service::Type`,
with a suggestion when it looks like a misspelling (`AWS::S3::Buckets` → `AWS::S3::Bucket`).
Custom resources (`Custom::*`, `AWS::CloudFormation::CustomResource`), SAM resources
(`AWS::Serverless::*`), third-party registry types (`Org::Service::Type`), modules
(`...::MODULE`) and Rain modules (a file path) are not errors (S002 notes them), and neither is the CDK's
`AWS::CDK::Metadata`. Resources in `Fn::ForEach` bodies are checked too, unless the loop
builds the type itself (`AWS::SQS::${Kind}`). Templates processed by a macro are skipped: a
macro may define types of its own.

### Why it matters
CloudFormation rejects the template ("Unrecognized resource types"). The list of types is
the [resource and property types reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html).

### Bad
```yaml
Bucket:
  Type: AWS::S3::Buckets
```

### Good
```yaml
Bucket:
  Type: AWS::S3::Bucket
```

### Fix
The fix (safe) writes the closest known type when exactly one is closest.
)md",
                         .fix = FixSafety::Safe};

class UnknownResourceType final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        std::vector<std::string_view> names;  // read only when a type is unknown
        for (const CheckedResource& c : checked_resources(*stack.tmpl)) {
            const Resource& r = *c.resource;
            if (r.type_name.empty()) continue;  // T006
            if (classify_type(r.type_name, ctx.schemas) != TypeKind::Unknown) continue;
            if (names.empty()) names = ctx.schemas.type_names();
            const std::string hint = did_you_mean(r.type_name, names);
            std::string msg = "resource '" + std::string(r.id) + "' has type '" +
                              std::string(r.type_name) + "', which CloudFormation does not know" +
                              hint + "; it rejects the template";
            if (hint.empty()) msg += " (check the type's spelling in the resource type reference)";
            std::shared_ptr<const Fix> fix;
            const std::string_view meant = unique_closest_match(r.type_name, names);
            if (!meant.empty() && r.type->value.is_scalar()) {
                fix = fix::make_fix(FixSafety::Safe,
                                    "change the type to '" + std::string(meant) + "'",
                                    {fix::Editor(stack.doc).replace_scalar(
                                        r.type->value.mark(), r.type->value.text(), meant)});
            }
            out.add(stack, Report{.mark = r.type->value.mark(),
                                  .message = std::move(msg),
                                  .resource = r.id,
                                  .path = path_of({"Resources", r.id, "Type"}),
                                  .fix = std::move(fix)});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnknownResourceType)
}  // namespace stacklint
