// T020: a Ref to a name that is neither a parameter, a resource nor a pseudo parameter.
#include "core/text.hpp"
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T020",
                         .name = "ref-unknown-target",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A Ref names no parameter, resource or pseudo parameter",
                         .doc = R"md(### What it finds
`Ref` to a name that is not a parameter, a resource or a pseudo parameter (`AWS::Region`,
`AWS::AccountId`, `AWS::NoValue`... see the AWS pseudo parameter reference), with a
suggestion when it looks like a misspelling, and a hint when the name is a condition or a
mapping, which `Ref` cannot read. Inside an `Fn::ForEach` loop the loop's identifier is a
valid target, and names the loop generates (`Topic${Name}`, or exactly `TopicA` and `TopicB`
when the loop runs over the literal list `[A, B]`) count as defined. `Fn::ValueOf` in the
`Rules` section names a parameter too and is checked the same way.

Templates that SAM transforms are not checked: SAM generates resources the template may
refer to (`MyFunctionRole`, `ServerlessRestApi`...). Neither are templates rewritten before
deployment by a macro, `Fn::Transform` or a preprocessor such as Rain (`!Rain::Module`),
which may add any name.

### Why it matters
CloudFormation rejects the template ("Unresolved resource dependencies") before creating
anything, usually after a pipeline has already run for a while. The cause is nearly always
a typo or a resource that was renamed or deleted.

### Bad
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Dimensions:
        - Name: QueueName
          Value: !Ref Queeu
```

### Good
```yaml
      Dimensions:
        - Name: QueueName
          Value: !Ref Queue
```
)md"};

class RefUnknownTarget final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (!unresolved_names_are_errors(stack)) return;
        const std::vector<std::string_view> names = referable_names(t);
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::Ref || e.target_kind != TargetKind::Unknown) continue;
            if (e.target.empty()) continue;  // a shape error (T030)
            out.add(stack, {e.mark(), message(t, e, names),
                            e.section == Section::Resources ? e.from : std::string_view(), e.path});
        }
    }

  private:
    static bool named_in(const std::vector<Named>& entries, std::string_view name) {
        for (const Named& n : entries) {
            if (n.name == name) return true;
        }
        return false;
    }

    static std::string message(const Template& t, const Edge& e,
                               const std::vector<std::string_view>& names) {
        const bool value_of = e.call && e.call->intrinsic_name() == "Fn::ValueOf";
        std::string msg = value_of ? "Fn::ValueOf of '" : "Ref to '";
        msg.append(e.target).append("'");
        if (named_in(t.conditions, e.target)) {
            return msg.append(": '")
                .append(e.target)
                .append("' is a condition, which Ref cannot read; choose a value with Fn::If [")
                .append(e.target)
                .append(", then, else]");
        }
        if (named_in(t.mappings, e.target)) {
            return msg.append(": '").append(e.target).append(
                "' is a mapping; read its values with Fn::FindInMap");
        }
        return msg.append(" names no parameter, resource or pseudo parameter")
            .append(did_you_mean(e.target, names))
            .append("; CloudFormation rejects the template (unresolved dependency)");
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(RefUnknownTarget)
}  // namespace stacklint
