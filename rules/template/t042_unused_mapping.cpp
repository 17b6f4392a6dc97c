// T042: a mapping no Fn::FindInMap reads.
#include <vector>

#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T042",
                         .name = "unused-mapping",
                         .pack = "template",
                         .severity = Severity::Warning,
                         .summary = "A mapping is never read",
                         .doc = R"md(### What it finds
A mapping in the `Mappings` section that no `Fn::FindInMap` names. When some
`Fn::FindInMap` computes its map name (`!FindInMap [!Ref Table, ...]`), any mapping may be
the one read and none is reported.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
Dead data that readers still study and keep up to date (region maps of AMI ids are the
classic case), or the trace of a lookup replaced by a hard-coded value.

### Bad
```yaml
Mappings:
  RegionAmi:
    us-east-1: {Ami: ami-0abc}
Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
```

### Good
```yaml
      ImageId: !FindInMap [RegionAmi, !Ref AWS::Region, Ami]
```
)md"};

class UnusedMapping final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        const ResourceGraph& g = *stack.graph;
        if (rewritten_before_deploy(stack) || g.has_dynamic_map_name()) return;
        std::vector<bool> used(t.mappings.size(), false);
        for (const Edge& e : g.edges()) {
            if (e.target_kind == TargetKind::Mapping) used[e.target_index] = true;
        }
        for (std::size_t i = 0; i < t.mappings.size(); ++i) {
            const Named& m = t.mappings[i];
            if (used[i] || !m.node->is_mapping()) continue;
            std::string msg = "mapping '";
            msg.append(m.name).append(
                "' is never read (no Fn::FindInMap names it); remove it, or look up the value "
                "that was hard-coded instead");
            out.add(stack, {m.mark, std::move(msg), {}, path_of({"Mappings", m.name})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnusedMapping)
}  // namespace stacklint
