// T006: a resource without a usable Type.
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T006",
                         .name = "resource-missing-type",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A resource has no Type, or its Type is not a string",
                         .doc = R"md(### What it finds
A resource whose definition has no `Type` key, or whose `Type` is not a plain string
(a list, a mapping, an intrinsic function, an empty value). A `Type` that is a Rain module
(`Rain::Module`) is reported as info: a directive of the Rain preprocessor, read by
CloudFormation only once `rain pkg` has written the template out.

### Why it matters
CloudFormation cannot create a resource without knowing its type and rejects the
template. A missing `Type` usually means the resource's keys are indented one level too
deep or too shallow.

### Bad
```yaml
Resources:
  Queue:
    Properties:
      DelaySeconds: 5
```

### Good
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 5
```
)md"};

class ResourceMissingType final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& r : stack.tmpl->resources) {
            if (!r.node->is_mapping()) continue;  // T009 reports the shape
            const std::string path = path_of({"Resources", r.id});
            if (r.type == nullptr) {
                out.add(stack, {r.id_mark,
                                "resource '" + std::string(r.id) +
                                    "' has no Type; CloudFormation cannot create it",
                                r.id, path});
            } else if (r.type->value.get("Rain::Module") != nullptr) {
                // A preprocessor's directive, no mistake: info.
                out.add(stack, {r.type->key_mark,
                                "the Type of resource '" + std::string(r.id) +
                                    "' is a Rain module; CloudFormation cannot read it until "
                                    "the template is packaged with 'rain pkg'",
                                r.id, path + "/Type", Severity::Info});
            } else if (!r.type->value.is_scalar() || r.type->value.text().empty()) {
                // A block mapping starts at its first key, a line below: point at `Type`.
                out.add(stack,
                        {r.type->value.is_scalar() ? r.type->value.mark() : r.type->key_mark,
                         "the Type of resource '" + std::string(r.id) +
                             "' must be a resource type name such as AWS::S3::Bucket, "
                             "not " +
                             std::string(r.type->value.is_scalar() ? "an empty value"
                                                                   : r.type->value.kind_name()),
                         r.id, path + "/Type"});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ResourceMissingType)
}  // namespace stacklint
