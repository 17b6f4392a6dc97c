// T027: conditions that refer to themselves through other conditions.
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T027",
                         .name = "condition-cycle",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A condition refers to itself through other conditions",
                         .doc = R"md(### What it finds
Conditions that, through `Condition` functions inside `Fn::And`, `Fn::Or` or `Fn::Not`,
end up depending on themselves. Each cycle is reported once, with its full path, at the
first of its conditions in template order.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation cannot evaluate such a condition and rejects the template.

### Bad
```yaml
Conditions:
  IsProd: !And [!Equals [!Ref Stage, prod], !Condition HasReplica]
  HasReplica: !Or [!Condition IsProd, !Equals [!Ref Replicas, "2"]]
```

### Good
```yaml
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  HasReplica: !Or [!Condition IsProd, !Equals [!Ref Replicas, "2"]]
```
)md"};

class ConditionCycle final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        const ResourceGraph& g = *stack.graph;
        for (const Cycle& c : g.condition_cycles()) {
            const std::size_t next = c.size() > 1 ? c[1] : c[0];
            const Edge* first = nullptr;
            for (const Edge& e : g.edges()) {
                if (e.section == Section::Conditions && e.kind == EdgeKind::Condition &&
                    e.from_index == c[0] && e.target_index == next &&
                    e.target_kind == TargetKind::Condition) {
                    first = &e;
                    break;
                }
            }
            if (first == nullptr) continue;
            std::string path;
            for (std::size_t i : c)
                path.append(t.conditions[i].name).append(" → ");
            path.append(t.conditions[c[0]].name);
            std::string msg = "condition '";
            msg.append(t.conditions[c[0]].name)
                .append("' refers to itself: ")
                .append(path)
                .append("; CloudFormation cannot evaluate it and rejects the template");
            out.add(stack, {first->mark(), std::move(msg), {}, first->path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ConditionCycle)
}  // namespace stacklint
