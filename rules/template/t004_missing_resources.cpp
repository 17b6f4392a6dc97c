// T004: no resources to deploy.
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T004",
                         .name = "missing-resources",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "The template has no Resources section, or it is empty",
                         .doc = R"md(### What it finds
A template without a `Resources` section, with an empty one, or a file that is empty
altogether.

### Why it matters
`Resources` is the only section CloudFormation requires, and it needs at least one
resource: such a template is rejected. It is also a sign that the wrong file is being
deployed, or that the section's name is misspelt (`Resource:`, `resources:`).

### Bad
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Resource:
  Queue:
    Type: AWS::SQS::Queue
```

### Good
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
```
)md"};

class MissingResources final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        const Template& t = *stack.tmpl;
        const Node& root = *t.root;
        if (root.is_null()) {
            out.add(stack, {root.mark(),
                            "the template is empty; a template needs a Resources "
                            "section with at least one resource"});
            return;
        }
        if (!root.is_mapping()) return;  // T009 reports the shape
        if (t.resources_section == nullptr) {
            out.add(stack, {root.mark(),
                            "the template has no Resources section; "
                            "CloudFormation requires one with at least one "
                            "resource"});
            return;
        }
        const Node& res = t.resources_section->value;
        if (res.is_null() || (res.is_mapping() && res.entries().empty())) {
            out.add(stack, {t.resources_section->key_mark,
                            "Resources is empty; CloudFormation requires at least one resource",
                            {},
                            "Resources"});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(MissingResources)
}  // namespace stacklint
