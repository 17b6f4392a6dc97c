// T041: a condition nothing refers to.
#include <vector>

#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T041",
                         .name = "unused-condition",
                         .pack = "template",
                         .severity = Severity::Warning,
                         .summary = "A condition is never referred to",
                         .doc = R"md(### What it finds
A condition in the `Conditions` section that no resource or output `Condition`, no
`Fn::If` and no other condition names.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
The condition is evaluated and does nothing. Usually a resource lost its `Condition` in
an edit and is now created everywhere, including where it was meant to be left out.

### Bad
```yaml
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Replica:
    Type: AWS::RDS::DBInstance
```

### Good
```yaml
Resources:
  Replica:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
```
)md"};

class UnusedCondition final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        std::vector<bool> used(t.conditions.size(), false);
        for (const Edge& e : stack.graph->edges()) {
            // A condition naming itself does not use it.
            if (e.target_kind != TargetKind::Condition) continue;
            if (e.section == Section::Conditions && e.from_index == e.target_index) continue;
            used[e.target_index] = true;
        }
        for (std::size_t i = 0; i < t.conditions.size(); ++i) {
            if (used[i]) continue;
            const Named& c = t.conditions[i];
            std::string msg = "condition '";
            msg.append(c.name).append(
                "' is never used (no Condition, Fn::If or other condition names it); remove it, "
                "or attach it where it was meant");
            out.add(stack, {c.mark, std::move(msg), {}, path_of({"Conditions", c.name})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnusedCondition)
}  // namespace stacklint
