// T026: a Condition attribute, Fn::If or condition function naming an undefined condition.
#include "core/text.hpp"
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T026",
    .name = "condition-unknown",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "A Condition, Fn::If or condition function names an undefined condition",
    .doc = R"md(### What it finds
A name that is not defined in the `Conditions` section, used as a resource's or an
output's `Condition`, as the first argument of `Fn::If`, or in a `Condition` function
inside another condition. Conditions an `Fn::ForEach` loop in `Conditions` generates count
as defined.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template. A condition that was renamed in one place only, or
a parameter name used where a condition name is needed, are the usual causes.

### Bad
```yaml
Conditions:
  IsProduction: !Equals [!Ref Stage, prod]
Resources:
  Replica:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
```

### Good
```yaml
  Replica:
    Type: AWS::RDS::DBInstance
    Condition: IsProduction
```
)md"};

class ConditionUnknown final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        std::vector<std::string_view> names;
        for (const Named& c : t.conditions)
            names.push_back(c.name);
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::Condition || e.target_kind != TargetKind::Unknown) continue;
            std::string msg;
            if (e.call && e.call->intrinsic_name() == "Fn::If") {
                msg = "Fn::If tests condition '";
            } else if (e.call) {
                msg = "condition '";
                msg.append(e.from).append("' refers to condition '");
            } else {
                msg = e.section == Section::Resources ? "resource '" : "output '";
                msg.append(e.from).append("' has Condition '");
            }
            msg.append(e.target).append("'");
            if (t.conditions.empty()) {
                msg.append(", but the template has no Conditions section");
            } else {
                msg.append(", which the Conditions section does not define")
                    .append(did_you_mean(e.target, names));
            }
            if (t.find_parameter(e.target)) {
                msg.append("; it is a parameter: define a condition such as !Equals [!Ref ")
                    .append(e.target)
                    .append(", value]");
            } else {
                msg.append("; CloudFormation rejects the template");
            }
            out.add(stack, {e.mark(), std::move(msg),
                            e.section == Section::Resources ? e.from : std::string_view(), e.path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ConditionUnknown)
}  // namespace stacklint
