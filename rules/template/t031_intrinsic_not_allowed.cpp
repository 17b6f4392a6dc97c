// T031: an intrinsic function where CloudFormation does not evaluate one.
#include <algorithm>
#include <array>

#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "graph/walk.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T031",
    .name = "intrinsic-not-allowed-here",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "An intrinsic function is used where CloudFormation does not allow it",
    .doc = R"md(### What it finds
Intrinsic functions in places CloudFormation does not evaluate them, or where what they
would need is not known yet:

- anything in `Parameters` (a `Default` must be a literal value) or in `Mappings`;
- `Ref` or any function in `DependsOn`, which takes logical ids as plain strings;
- a function as a resource's or an output's `Condition`, which must name a condition;
- in `Conditions`: any function but those CloudFormation evaluates there. The AWS
  condition functions page lists the condition functions (`Fn::And`, `Fn::Equals`,
  `Fn::Not`, `Fn::Or`, `Condition`), `Ref` and `Fn::FindInMap`. `Fn::Join`, `Fn::Select`,
  `Fn::Split` and `Fn::Sub` are not on that list, but CloudFormation evaluates them in
  conditions too (`!Equals [!Join ["", !Ref Subnets], ""]` is the usual test for an empty
  list parameter, and AWS's own linter accepts these four in `Fn::Equals` for that reason),
  so they are not reported, nor are `Fn::Length` and `Fn::ToJsonString` of
  AWS::LanguageExtensions. Reported are `Fn::If` (it works only in resources and outputs),
  `Fn::GetAtt`, `Fn::GetAZs`, `Fn::Base64`, `Fn::Cidr` and `Fn::ImportValue`, and `Ref`
  or `Fn::Sub` placeholders naming a resource: conditions are evaluated before any
  resource exists, from parameters, pseudo parameters, mappings and other conditions;
- `Fn::ImportValue` whose name depends on a resource of the stack.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template, or (for `DependsOn`) the intended ordering silently
does not exist. The AWS documentation of each section and of `Fn::ImportValue` lists what
may appear there.

### Bad
```yaml
Resources:
  Service:
    Type: AWS::ECS::Service
    DependsOn: !Ref Listener
```

### Good
```yaml
  Service:
    Type: AWS::ECS::Service
    DependsOn: Listener
```
)md"};

class IntrinsicNotAllowed final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        literal_section(stack, t.parameters_section, "parameter", out);
        literal_section(stack, t.mappings_section, "mapping", out);
        for (const Resource& r : t.resources) {
            if (r.depends_on) {
                walk_nodes(r.depends_on->value, path_of({"Resources", r.id, "DependsOn"}),
                           [&](const Node& n, const std::string& path) {
                               const std::string_view fn = n.intrinsic_name();
                               if (fn.empty()) return true;
                               std::string msg =
                                   "DependsOn takes logical ids as plain strings; "
                                   "CloudFormation does not evaluate ";
                               msg.append(fn).append(" here. Write the resource's name");
                               out.add(stack, {n.mark(), std::move(msg), r.id, path});
                               return false;
                           });
            }
            if (r.condition && !r.condition->value.is_scalar()) {
                out.add(stack, {r.condition->value.mark(), condition_message(r.condition->value),
                                r.id, path_of({"Resources", r.id, "Condition"})});
            }
        }
        for (const Named& o : t.outputs) {
            if (!o.node->is_mapping()) continue;
            const Node* c = o.node->get("Condition");
            if (c && !c->is_scalar()) {
                out.add(stack, {c->mark(),
                                condition_message(*c),
                                {},
                                path_of({"Outputs", o.name, "Condition"})});
            }
        }
        in_conditions(stack, out);
        resource_dependent(stack, out);
    }

  private:
    static std::string condition_message(const Node& value) {
        std::string msg = "Condition must be the name of a condition, not ";
        const std::string_view fn = value.intrinsic_name();
        if (!fn.empty()) {
            msg.append(fn);
        } else {
            msg.append(value.is_sequence() ? "a list" : value.is_null() ? "nothing" : "a mapping");
        }
        return msg.append("; define the logic in the Conditions section and name it here");
    }

    // Parameters and mappings hold literal values only.
    static void literal_section(const Stack& stack, const Entry* section, std::string_view what,
                                Reporter& out) {
        if (section == nullptr || !section->value.is_mapping()) return;
        for (const Entry& e : section->value.entries()) {
            walk_nodes(e.value, section->key + "/" + e.key,
                       [&](const Node& n, const std::string& path) {
                           const std::string_view fn = n.intrinsic_name();
                           if (fn.empty()) return true;
                           std::string msg(what);
                           msg.append(" '").append(e.key).append("' uses ").append(fn);
                           msg.append(what == "parameter"
                                          ? "; parameter attributes such as Default must be "
                                            "literal values, CloudFormation does not evaluate "
                                            "functions there"
                                          : "; mappings hold literal values only, CloudFormation "
                                            "does not evaluate functions there");
                           out.add(stack, {n.mark(), std::move(msg), {}, path});
                           return false;
                       });
        }
    }

    // The functions CloudFormation evaluates in the Conditions section (see the doc).
    static bool evaluated_in_conditions(std::string_view fn) {
        static constexpr std::array kAllowed = {
            "Fn::And", "Fn::Equals",    "Fn::Not",         "Fn::Or",     "Condition",
            "Ref",     "Fn::FindInMap", "Fn::Join",        "Fn::Select", "Fn::Split",
            "Fn::Sub", "Fn::Length",    "Fn::ToJsonString"};
        return std::find(kAllowed.begin(), kAllowed.end(), fn) != kAllowed.end();
    }

    static void in_conditions(const Stack& stack, Reporter& out) {
        const Template& t = *stack.tmpl;
        for (const Named& c : t.conditions) {
            walk_nodes(*c.node, path_of({"Conditions", c.name}),
                       [&](const Node& n, const std::string& path) {
                           const std::string_view fn = n.intrinsic_name();
                           // Names that are no function at all are T030's.
                           if (fn.empty() || evaluated_in_conditions(fn) ||
                               !is_intrinsic_function_name(fn)) {
                               return true;
                           }
                           std::string msg = "condition '";
                           msg.append(c.name).append("' uses ").append(fn);
                           if (fn == "Fn::If") {
                               msg.append(
                                   ", which the Conditions section does not allow; combine "
                                   "conditions with Fn::And, Fn::Or and Fn::Not");
                           } else if (fn == "Fn::GetAtt") {
                               msg.append(
                                   "; conditions are evaluated before any resource exists, so "
                                   "they cannot read resource attributes");
                           } else {
                               msg.append(
                                   ", which CloudFormation does not evaluate in the Conditions "
                                   "section; conditions may use Ref, Fn::FindInMap, Fn::Join, "
                                   "Fn::Select, Fn::Split, Fn::Sub and the condition functions");
                           }
                           out.add(stack, {n.mark(), std::move(msg), {}, path});
                           return false;
                       });
        }
        for (const Edge& e : stack.graph->edges()) {
            if (e.section != Section::Conditions || e.target_kind != TargetKind::Resource) continue;
            if (e.kind != EdgeKind::Ref && e.kind != EdgeKind::Sub) continue;
            std::string msg = "condition '";
            msg.append(e.from)
                .append("' refers to resource '")
                .append(e.target)
                .append(
                    "'; conditions are evaluated before any resource exists and may use "
                    "only parameters, pseudo parameters, mappings and other conditions");
            out.add(stack, {e.mark(), std::move(msg), {}, e.path});
        }
    }

    // Fn::ImportValue names are resolved before the stack's resources exist.
    static void resource_dependent(const Stack& stack, Reporter& out) {
        for (const Edge& e : stack.graph->edges()) {
            if (e.target_kind != TargetKind::Resource || e.kind == EdgeKind::DependsOn) continue;
            if (e.path.find("/Fn::ImportValue") == std::string::npos) continue;
            std::string msg = "the name given to Fn::ImportValue depends on resource '";
            msg.append(e.target).append(
                "'; CloudFormation does not allow that. Build the name from parameters and "
                "pseudo parameters");
            out.add(stack, {e.mark(), std::move(msg),
                            e.section == Section::Resources ? e.from : std::string_view(), e.path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(IntrinsicNotAllowed)
}  // namespace stacklint
