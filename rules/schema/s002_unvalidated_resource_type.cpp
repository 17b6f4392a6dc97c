// S002: a resource type whose properties stacklint cannot check.
#include <set>
#include <string>

#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S002",
                         .name = "unvalidated-resource-type",
                         .pack = "schema",
                         .severity = Severity::Info,
                         .summary = "A resource type whose properties are not validated",
                         .doc = R"md(### What it finds
Once per template and type, a resource type whose properties the schema rules cannot
check: custom resources (`Custom::*`, `AWS::CloudFormation::CustomResource`), SAM resource
types SAM's schema does not have (the others are validated against it), modules
(`...::MODULE`), Rain modules
(a file path such as `modules/bucket.yaml`, expanded by `rain pkg`) and third-party
registry types (`Org::Service::Type`), whose schemas are not shipped with
stacklint.

### Why it matters
Nothing is wrong, but a clean run says nothing about these resources' properties: a
misspelt property of a custom resource reaches its Lambda function unnoticed. See
[custom resources](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html)
and [registry extensions](https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/registry.html).

### Bad
```yaml
Seed:
  Type: Custom::SeedTable
  Properties:
    ServiceToken: !GetAtt SeedFunction.Arn
```

### Good
The same template: this is information, not a defect. Disable the rule if you do not want
it.
)md"};

std::string_view reason(TypeKind kind) {
    switch (kind) {
        case TypeKind::Custom:
            return "a custom resource takes whatever properties its provider reads";
        case TypeKind::Serverless:
            return "SAM's schema, which stacklint validates SAM resources against, does not have "
                   "it";
        case TypeKind::Module:
            return "a module expands from the CloudFormation registry at deployment";
        case TypeKind::RainModule:
            return "it names a Rain module, which 'rain pkg' expands before deployment";
        default:
            return "it is a third-party registry type whose schema stacklint does not have";
    }
}

class UnvalidatedResourceType final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        std::set<std::string_view> seen;
        for (const CheckedResource& c : checked_resources(*stack.tmpl)) {
            const Resource& r = *c.resource;
            if (r.type_name.empty()) continue;
            const TypeKind kind = classify_type(r.type_name, ctx.schemas);
            if (kind != TypeKind::Custom && kind != TypeKind::Serverless &&
                kind != TypeKind::Module && kind != TypeKind::RainModule &&
                kind != TypeKind::ThirdParty)
                continue;
            if (!seen.insert(r.type_name).second) continue;
            out.add(stack, Report{r.type->value.mark(),
                                  "properties of type '" + std::string(r.type_name) +
                                      "' (first used by resource '" + std::string(r.id) +
                                      "') are not validated: " + std::string(reason(kind)),
                                  r.id, path_of({"Resources", r.id, "Type"})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnvalidatedResourceType)
}  // namespace stacklint
