// T023: DependsOn names something that is not another resource of the template.
#include "core/text.hpp"
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T023",
    .name = "depends-on-unknown-resource",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "DependsOn names an unknown resource, a parameter, or the resource itself",
    .doc = R"md(### What it finds
An entry of a resource's `DependsOn` that is not the logical id of another resource in the
template: a misspelt or deleted resource, a parameter, or the resource itself. Names an
`Fn::ForEach` loop generates count as resources. Also a `DependsOn` that is neither a
logical id nor a list of them, such as a mapping (`DependsOn: {Queue: true}`) or a list
inside the list; intrinsic functions there are T031's.

Unknown names are not reported in SAM templates: SAM
generates resources (`MyApiProdStage`, `MyFunctionRole`...) that `DependsOn` often names.
A resource that depends on itself is reported in every template.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template: an unknown name is an unresolved dependency, and a
resource that waits for itself is a circular dependency.

### Bad
```yaml
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Loader:
    Type: Custom::Loader
    DependsOn: [Tabel]
```

### Good
```yaml
  Loader:
    Type: Custom::Loader
    DependsOn: [Table]
```
)md"};

class DependsOnUnknown final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        const bool report_unknown = unresolved_names_are_errors(stack);
        std::vector<std::string_view> resources;
        for (const Resource& r : t.resources) {
            resources.push_back(r.id);
            if (r.depends_on) check_shape(stack, r, out);
        }
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::DependsOn || e.target.empty()) continue;
            std::string msg = "DependsOn '";
            msg.append(e.target).append("'");
            if (e.target_kind == TargetKind::Resource && e.target_index == e.from_index) {
                msg.append(": resource '")
                    .append(e.from)
                    .append(
                        "' cannot wait for itself; CloudFormation reports a circular "
                        "dependency. Remove the entry");
            } else if (e.target_kind == TargetKind::Parameter ||
                       e.target_kind == TargetKind::PseudoParameter) {
                msg.append(
                    " is a parameter; DependsOn lists logical ids of resources, so "
                    "CloudFormation rejects the template");
            } else if (e.target_kind == TargetKind::Unknown && report_unknown) {
                msg.append(" is not a resource of this template")
                    .append(did_you_mean(e.target, resources))
                    .append("; CloudFormation rejects the template");
            } else {
                continue;
            }
            out.add(stack, {e.mark(), std::move(msg), e.from, e.path});
        }
    }

  private:
    // A DependsOn value that no edge came from: a mapping, or a list or mapping in the list.
    // Functions are T031's, a mapping a loop fills is known only once it is expanded.
    static void check_shape(const Stack& stack, const Resource& r, Reporter& out) {
        auto wrong = [](const Node& n) {
            return n.is_sequence() ||
                   (n.is_mapping() && n.intrinsic_name().empty() && !is_generated_mapping(n));
        };
        const Node& v = r.depends_on->value;
        const std::string path = path_of({"Resources", r.id, "DependsOn"});
        auto report = [&](const Node& n, const std::string& where) {
            std::string msg = "DependsOn takes the logical id of a resource, or a list of them; ";
            msg.append(where)
                .append(" is ")
                .append(n.kind_name())
                .append(", so CloudFormation rejects the template");
            out.add(stack, {n.mark(), std::move(msg), r.id, path});
        };
        if (v.is_mapping() && wrong(v)) {
            report(v, "this");
        } else if (v.is_sequence()) {
            for (const Node& item : v.items()) {
                if (wrong(item)) report(item, "this entry");
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DependsOnUnknown)
}  // namespace stacklint
