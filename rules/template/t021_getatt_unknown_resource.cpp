// T021: Fn::GetAtt on a name that is not a resource (unknown, or a parameter).
#include "core/text.hpp"
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T021",
    .name = "getatt-unknown-resource",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "Fn::GetAtt reads an attribute of something that is not a resource",
    .doc = R"md(### What it finds
`Fn::GetAtt` (list form, `!GetAtt Name.Attribute`, or the `"Name.Attribute"` string) whose
first part is not a resource of the template: a misspelt or deleted resource, a parameter
or a pseudo parameter. Whether the attribute exists for the resource's type is checked by
the schema rules, not here.

Names that resolve to nothing are not reported in SAM templates (SAM generates resources
such as `MyFunctionRole`); a parameter or pseudo parameter is reported in every template.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template. Parameters and pseudo parameters have values, not
attributes: `Ref` returns the value.

### Bad
```yaml
Parameters:
  KeyArn:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt KeyArn.Arn
```

### Good
```yaml
              KMSMasterKeyID: !Ref KeyArn
```
)md"};

class GetAttUnknownResource final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        const bool report_unknown = unresolved_names_are_errors(stack);
        std::vector<std::string_view> resources;
        for (const Resource& r : t.resources)
            resources.push_back(r.id);
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::GetAtt || e.target.empty()) continue;
            std::string msg = "Fn::GetAtt reads '";
            msg.append(e.target).append("'");
            switch (e.target_kind) {
                case TargetKind::Parameter:
                    msg.append(", a parameter: parameters have a value but no attributes; use Ref ")
                        .append(e.target);
                    break;
                case TargetKind::PseudoParameter:
                    msg.append(", a pseudo parameter, which has no attributes; use Ref ")
                        .append(e.target);
                    break;
                case TargetKind::Unknown:
                    if (!report_unknown) continue;
                    msg.append(", which is not a resource of this template")
                        .append(did_you_mean(e.target, resources))
                        .append("; CloudFormation rejects the template");
                    break;
                default:
                    continue;
            }
            out.add(stack, {e.mark(), std::move(msg),
                            e.section == Section::Resources ? e.from : std::string_view(), e.path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(GetAttUnknownResource)
}  // namespace stacklint
