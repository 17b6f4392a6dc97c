// T009: a part of the template has the wrong shape (a list where a mapping belongs...).
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T009",
    .name = "invalid-template-structure",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "A template, section, resource or Properties block has the wrong shape",
    .doc = R"md(### What it finds
Parts of a template that must be mappings but are not: the template itself, the
`Parameters`, `Mappings`, `Conditions`, `Resources`, `Outputs`, `Rules` and `Metadata`
sections, each parameter, mapping, resource and output, and a resource's `Properties`;
and a `Description` that is not a string.

### Why it matters
CloudFormation rejects such a template outright. The usual cause is YAML indentation or a
stray `-` that turned a mapping into a list, which is hard to see by eye.

### Bad
```yaml
Resources:
  - Queue:
      Type: AWS::SQS::Queue
```

### Good
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
```
)md"};

class TemplateStructure final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        const Template& t = *stack.tmpl;
        const Node& root = *t.root;
        if (!root.is_mapping()) {
            if (!root.is_null()) {  // an empty file is T004's
                out.add(stack, {root.mark(),
                                "a template must be a mapping of sections such as "
                                "Resources; this file holds " +
                                    std::string(root.kind_name())});
            }
            return;
        }
        for (const Entry* section :
             {t.parameters_section, t.mappings_section, t.conditions_section, t.resources_section,
              t.outputs_section, t.rules_section, t.metadata}) {
            if (section == nullptr) continue;
            const Node& v = section->value;
            // An empty section (`Outputs:` with nothing under it) is T004's business for
            // Resources and harmless elsewhere.
            if (v.is_mapping() || v.is_null()) continue;
            out.add(stack, {v.mark(),
                            "the " + section->key + " section must be a mapping, not " +
                                std::string(v.kind_name()),
                            {},
                            section->key});
        }
        if (t.description != nullptr && !t.description->value.is_scalar()) {
            out.add(stack, {t.description->value.mark(),
                            "Description must be a string, not " +
                                std::string(t.description->value.kind_name()),
                            {},
                            "Description"});
        }
        entries_must_be_mappings(stack, t.parameters, "Parameters", "parameter", out);
        entries_must_be_mappings(stack, t.mappings, "Mappings", "mapping", out);
        entries_must_be_mappings(stack, t.outputs, "Outputs", "output", out);
        for (const Resource& r : t.resources) {
            const std::string path = path_of({"Resources", r.id});
            if (!r.node->is_mapping()) {
                out.add(stack, {r.node->is_null() ? r.id_mark : r.node->mark(),
                                "resource '" + std::string(r.id) +
                                    "' must be a mapping with Type and Properties, not " +
                                    std::string(r.node->kind_name()),
                                r.id, path});
                continue;
            }
            if (r.properties != nullptr) {
                const Node& p = r.properties->value;
                if (!p.is_mapping() && !p.is_null() && p.intrinsic_name().empty()) {
                    out.add(stack, {p.mark(),
                                    "Properties of '" + std::string(r.id) +
                                        "' must be a mapping, not " + std::string(p.kind_name()),
                                    r.id, path + "/Properties"});
                }
            }
        }
    }

  private:
    static void entries_must_be_mappings(const Stack& stack, const std::vector<Named>& entries,
                                         std::string_view section, std::string_view what,
                                         Reporter& out) {
        for (const Named& n : entries) {
            if (n.node->is_mapping()) continue;
            out.add(stack, {n.node->is_null() ? n.mark : n.node->mark(),
                            std::string(what) + " '" + std::string(n.name) +
                                "' must be a mapping, not " + std::string(n.node->kind_name()),
                            {},
                            path_of({section, n.name})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(TemplateStructure)
}  // namespace stacklint
