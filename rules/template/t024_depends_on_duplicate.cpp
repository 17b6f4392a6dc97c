// T024: the same resource listed twice in one DependsOn.
#include <set>

#include "fix/editor.hpp"
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T024",
                         .name = "depends-on-duplicate",
                         .pack = "template",
                         .severity = Severity::Warning,
                         .summary = "A resource is listed twice in one DependsOn",
                         .doc = R"md(### What it finds
A `DependsOn` list that names the same resource more than once. The second and later
entries are reported.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
The repeat adds nothing, and it often hides the name that was meant instead: a list edited
by copy and paste that should have named another resource leaves that resource unordered.

### Bad
```yaml
  Service:
    Type: AWS::ECS::Service
    DependsOn: [Listener, Listener]
```

### Good
```yaml
  Service:
    Type: AWS::ECS::Service
    DependsOn: [Listener, ListenerRule]
```

### Fix
The fix (safe) removes the repeated entry.
)md",
                         .fix = FixSafety::Safe};

class DependsOnDuplicate final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const ResourceGraph& g = *stack.graph;
        // Edges of one DependsOn are adjacent; loop templates have no index, so key by name.
        std::set<std::pair<std::string_view, std::string_view>> seen;
        for (const Edge& e : g.edges()) {
            if (e.kind != EdgeKind::DependsOn || e.target.empty()) continue;
            if (seen.emplace(e.from, e.target).second) continue;
            std::string msg = "'";
            msg.append(e.target)
                .append("' is already listed in the DependsOn of resource '")
                .append(e.from)
                .append("'; remove the repeat, or name the resource that was meant");
            std::shared_ptr<const Fix> fix;
            if (e.from_index < stack.tmpl->resources.size()) {
                fix = fix::make_fix(
                    FixSafety::Safe, "remove the repeated '" + std::string(e.target) + "'",
                    {fix::Editor(stack.doc).remove_from_list(
                        *stack.tmpl->resources[e.from_index].node, "DependsOn", e.node)});
            }
            out.add(stack, {.mark = e.mark(),
                            .message = std::move(msg),
                            .resource = e.from,
                            .path = e.path,
                            .fix = std::move(fix)});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DependsOnDuplicate)
}  // namespace stacklint
