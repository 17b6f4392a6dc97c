// T028: Fn::FindInMap with an unknown map, or literal keys the map lacks.
#include "core/text.hpp"
#include "graph/graph.hpp"
#include "graph/names.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T028",
    .name = "find-in-map-unknown",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "Fn::FindInMap names an unknown mapping, or a key the mapping lacks",
    .doc = R"md(### What it finds
`Fn::FindInMap [Map, TopKey, SecondKey]` where `Map` is not in the `Mappings` section, or
where a key written as a plain string is missing: a top-level key the mapping lacks, or a
second-level key missing under that top-level key. When the top-level key is computed
(`!Ref AWS::Region`), a literal second-level key is reported only if no entry of the
mapping has it. Calls with a `DefaultValue` (AWS::LanguageExtensions) are not checked for
keys.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template, or fails the deployment when the lookup is
evaluated. A region missing from a region map fails only in that region, which is easy to
miss in testing.

### Bad
```yaml
Mappings:
  Sizes:
    prod: {Instance: m6i.large}
    dev: {Instance: t3.small}
Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: !FindInMap [Sizes, production, Instance]
```

### Good
```yaml
      InstanceType: !FindInMap [Sizes, prod, Instance]
```
)md"};

std::vector<std::string_view> keys_of(const Node& mapping) {
    std::vector<std::string_view> out;
    for (const Entry& e : mapping.entries())
        out.push_back(e.key);
    return out;
}

// A key written as a plain string (not computed, not a loop template).
const Node* literal_key(const Node& key) {
    return key.is_scalar() && !is_templated_name(key.text()) ? &key : nullptr;
}

class FindInMapUnknown final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        std::vector<std::string_view> maps;
        for (const Named& m : t.mappings)
            maps.push_back(m.name);
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::FindInMap) continue;
            const std::string_view resource =
                e.section == Section::Resources ? e.from : std::string_view();
            if (e.target_kind == TargetKind::Unknown) {
                std::string msg = "Fn::FindInMap reads mapping '";
                msg.append(e.target)
                    .append("', which the Mappings section does not define")
                    .append(did_you_mean(e.target, maps))
                    .append("; CloudFormation rejects the template");
                out.add(stack, {e.mark(), std::move(msg), resource, e.path});
                continue;
            }
            if (e.target_kind != TargetKind::Mapping) continue;
            check_keys(stack, e, *t.mappings[e.target_index].node, resource, out);
        }
    }

  private:
    static void check_keys(const Stack& stack, const Edge& e, const Node& map,
                           std::string_view resource, Reporter& out) {
        const Node& args = *e.call->intrinsic_arg();
        if (!map.is_mapping() || args.items().size() != 3) return;  // DefaultValue, or T030
        const Node* top = literal_key(args.items()[1]);
        const Node* second = literal_key(args.items()[2]);
        // Where the call's arguments are: the edge's path ends in "/0" (the map name).
        const std::string base = e.path.substr(0, e.path.size() - 1);
        if (top) {
            const Node* entry = map.get(top->text());
            if (entry == nullptr) {
                std::string msg = "mapping '";
                msg.append(e.target)
                    .append("' has no top-level key '")
                    .append(top->text())
                    .append("'")
                    .append(did_you_mean(top->text(), keys_of(map)))
                    .append("; the lookup fails");
                out.add(stack, {top->mark(), std::move(msg), resource, base + "1"});
                return;
            }
            if (second && entry->is_mapping() && !entry->get(second->text())) {
                std::string msg = "mapping '";
                msg.append(e.target)
                    .append("' has no key '")
                    .append(second->text())
                    .append("' under '")
                    .append(top->text())
                    .append("'")
                    .append(did_you_mean(second->text(), keys_of(*entry)))
                    .append("; the lookup fails");
                out.add(stack, {second->mark(), std::move(msg), resource, base + "2"});
            }
            return;
        }
        if (second == nullptr) return;
        std::vector<std::string_view> seen;
        for (const Entry& top_entry : map.entries()) {
            if (!top_entry.value.is_mapping()) return;  // T031/T009 territory; stay silent
            if (top_entry.value.get(second->text())) return;
            for (const Entry& inner : top_entry.value.entries())
                seen.push_back(inner.key);
        }
        std::string msg = "no entry of mapping '";
        msg.append(e.target)
            .append("' has the key '")
            .append(second->text())
            .append("'")
            .append(did_you_mean(second->text(), seen))
            .append("; the lookup fails whatever the top-level key");
        out.add(stack, {second->mark(), std::move(msg), resource, base + "2"});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(FindInMapUnknown)
}  // namespace stacklint
