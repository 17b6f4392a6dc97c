// T025: a DependsOn entry that a Ref, GetAtt or Sub in the properties already implies.
#include <algorithm>
#include <vector>

#include "fix/editor.hpp"
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T025",
    .name = "depends-on-redundant",
    .pack = "template",
    .severity = Severity::Info,
    .summary = "A DependsOn entry is already implied by a reference in the properties",
    .doc = R"md(### What it finds
A `DependsOn` entry naming a resource that the same resource's `Properties` already refer
to with `Ref`, `Fn::GetAtt` or an `Fn::Sub` placeholder outside any `Fn::If` branch.
CloudFormation orders resources by those references on its own. SAM resources
(`AWS::Serverless::*`) are skipped: SAM moves some of their properties into other
resources, so the reference may not stay where it is written. So are resources the CDK
synthesized, whose `DependsOn` the CDK writes on purpose: every stack of a cloud assembly
(nested stacks included, whether or not it was synthesized with path metadata), and
resources with `aws:cdk:path` metadata elsewhere. An entry listed twice is reported once,
at its first occurrence; the repeat is T024's.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
Nothing breaks, but the explicit entry outlives the reference: when the property stops
referring to the other resource, the stale `DependsOn` keeps serialising creation and
deletion for no reason, and readers cannot tell which dependencies are real.

### Bad
```yaml
  Function:
    Type: AWS::Lambda::Function
    DependsOn: Role
    Properties:
      Role: !GetAtt Role.Arn
```

### Good
```yaml
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
```

### Fix
The fix (safe) removes the entry, or the whole `DependsOn` when every entry is implied.
)md",
    .fix = FixSafety::Safe};

// "Properties/Role" from "Resources/Fn/Properties/Role/Fn::GetAtt/0": where a person would look.
std::string_view property_of(std::string_view path, std::string_view id) {
    const std::size_t prefix = std::string_view("Resources/").size() + id.size() + 1;
    if (path.size() <= prefix) return path;
    path.remove_prefix(prefix);
    for (std::size_t at = 0; at != std::string_view::npos; at = path.find('/', at + 1)) {
        const std::string_view rest = path.substr(at == 0 ? 0 : at + 1);
        if (rest.starts_with("Fn::") || rest.starts_with("Ref/") || rest == "Ref") {
            return path.substr(0, at);
        }
    }
    return path;
}

class DependsOnRedundant final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        // The CDK writes these entries on purpose and its users cannot remove them. A stack of
        // a cloud assembly is the CDK's even when synthesized without path metadata.
        if (stack.root().cdk) return;
        const Template& t = *stack.tmpl;
        const ResourceGraph& g = *stack.graph;
        for (std::size_t i = 0; i < t.resources.size(); ++i) {
            const Resource& r = t.resources[i];
            // SAM may move the reference elsewhere; the CDK writes these entries on purpose and
            // its users cannot remove them.
            if (r.type_name.starts_with("AWS::Serverless::") ||
                !stack.construct_path(r.id).empty()) {
                continue;
            }
            const auto& mine = g.resource_edges(i);
            std::vector<std::size_t> listed;  // DependsOn targets seen so far
            std::vector<std::pair<const Edge*, std::string>> redundant;
            for (std::size_t d : mine) {
                const Edge& dep = g.edges()[d];
                if (dep.kind != EdgeKind::DependsOn || dep.target_kind != TargetKind::Resource ||
                    dep.target_index == i) {
                    continue;
                }
                // A repeated entry is T024's; this rule speaks of the first only.
                if (std::find(listed.begin(), listed.end(), dep.target_index) != listed.end()) {
                    continue;
                }
                listed.push_back(dep.target_index);
                const Edge* implied = nullptr;
                for (std::size_t r : mine) {
                    const Edge& ref = g.edges()[r];
                    if (ref.kind == EdgeKind::DependsOn || ref.kind == EdgeKind::Condition ||
                        ref.part != "Properties" || ref.conditional ||
                        ref.target_kind != TargetKind::Resource ||
                        ref.target_index != dep.target_index) {
                        continue;
                    }
                    implied = &ref;
                    break;
                }
                if (implied == nullptr) continue;
                std::string msg = "DependsOn '";
                msg.append(dep.target)
                    .append("' is implied: ")
                    .append(property_of(implied->path, t.resources[i].id))
                    .append(" already refers to it with ")
                    .append(to_string(implied->kind))
                    .append(" (line ")
                    .append(std::to_string(implied->mark().line))
                    .append("); the entry can go");
                redundant.emplace_back(&dep, std::move(msg));
            }
            // Every entry implied (repeats included, which T024 removes at the same time): each
            // fix removes the whole DependsOn, and one of them applies.
            const Node* listed_node = t.resources[i].node;
            const Entry* depends_on =
                listed_node->is_mapping() ? listed_node->find("DependsOn") : nullptr;
            const bool all =
                depends_on != nullptr && depends_on->value.is_sequence() &&
                std::all_of(depends_on->value.items().begin(), depends_on->value.items().end(),
                            [&](const Node& item) {
                                return std::any_of(
                                    redundant.begin(), redundant.end(), [&](const auto& r) {
                                        return item.is_scalar() && item.text() == r.first->target;
                                    });
                            });
            for (auto& [dep, msg] : redundant) {
                const auto fix = fix::make_fix(
                    FixSafety::Safe, "remove '" + std::string(dep->target) + "' from DependsOn",
                    {fix::Editor(stack.doc).remove_from_list(*listed_node, "DependsOn", dep->node,
                                                             all)});
                out.add(stack, {.mark = dep->mark(),
                                .message = std::move(msg),
                                .resource = t.resources[i].id,
                                .path = dep->path,
                                .fix = fix});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DependsOnRedundant)
}  // namespace stacklint
