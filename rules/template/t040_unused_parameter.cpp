// T040: a parameter nothing refers to.
#include <vector>

#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T040",
                         .name = "unused-parameter",
                         .pack = "template",
                         .severity = Severity::Warning,
                         .summary = "A parameter is never referred to",
                         .doc = R"md(### What it finds
A parameter that no `Ref` or `Fn::Sub` placeholder uses anywhere in the template
(resources, outputs, conditions, rules, SAM `Globals`, `Fn::ForEach` collections).
Mentions in `Metadata` (such as `AWS::CloudFormation::Interface` parameter groups) do not
count: they label the parameter but do not use its value. A macro may use the
parameter.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
Every deployment must still supply a value, and a reader believes it changes something.
An unused parameter is often the trace of a reference that was lost in an edit: a
hard-coded value where the parameter was meant.

### Bad
```yaml
Parameters:
  RetentionDays:
    Type: Number
    Default: 14
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 14
```

### Good
```yaml
      RetentionInDays: !Ref RetentionDays
```
)md"};

class UnusedParameter final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        std::vector<bool> used(t.parameters.size(), false);
        for (const Edge& e : stack.graph->edges()) {
            if (e.target_kind == TargetKind::Parameter) used[e.target_index] = true;
        }
        for (std::size_t i = 0; i < t.parameters.size(); ++i) {
            const Named& p = t.parameters[i];
            if (used[i] || !p.node->is_mapping()) continue;  // a malformed one is T009's
            std::string msg = "parameter '";
            msg.append(p.name).append(
                "' is never used (no Ref or ${...} names it); remove it, or use it where its "
                "value was meant");
            out.add(stack, {p.mark, std::move(msg), {}, path_of({"Parameters", p.name})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnusedParameter)
}  // namespace stacklint
