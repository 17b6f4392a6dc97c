// S022: SAM resource types or a Globals section in a template without the SAM transform.
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S022",
    .name = "sam-without-transform",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "SAM resource types or Globals in a template without the SAM transform",
    .doc = R"md(### What it finds
`AWS::Serverless::*` resources, or a `Globals` section, in a template whose `Transform` does
not name `AWS::Serverless-2016-10-31` (as a string, or in its list).

### Why it matters
Only the SAM transform knows these: without it CloudFormation rejects the template
("Unrecognized resource types: [AWS::Serverless::Function]", "Invalid template property or
properties [Globals]"). It happens when a template is split, or copied from a SAM project
into plain CloudFormation.

### Bad
```yaml
Globals:
  Function:
    Runtime: python3.13
Resources:
  Handler:
    Type: AWS::Serverless::Function
```

### Good
```yaml
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.13
Resources:
  Handler:
    Type: AWS::Serverless::Function
```
)md"};

class SamWithoutTransform final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->is_sam() || stack.tmpl->has_macro()) return;
        const Template& tmpl = *stack.tmpl;
        if (tmpl.root->is_mapping()) {
            if (const Entry* globals = tmpl.root->find("Globals")) {
                out.add(stack, Report{.mark = globals->key_mark,
                                      .message = "'Globals' is a section of SAM templates, but "
                                                 "the template has no 'Transform: "
                                                 "AWS::Serverless-2016-10-31'; CloudFormation "
                                                 "rejects it (invalid template property Globals)",
                                      .path = "Globals"});
            }
        }
        for (const Resource& r : tmpl.resources) {
            if (!r.type_name.starts_with("AWS::Serverless::") || r.type == nullptr) continue;
            out.add(stack, Report{.mark = r.type->value.mark(),
                                  .message = "resource '" + std::string(r.id) + "' is of SAM's " +
                                             "type " + std::string(r.type_name) +
                                             ", but the template has no 'Transform: "
                                             "AWS::Serverless-2016-10-31'; CloudFormation rejects "
                                             "it (unrecognized resource type)",
                                  .resource = r.id,
                                  .path = path_of({"Resources", r.id, "Type"})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(SamWithoutTransform)
}  // namespace stacklint
