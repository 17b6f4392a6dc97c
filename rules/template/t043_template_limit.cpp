// T043: a template beyond CloudFormation's hard quotas.
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T043",
                         .name = "template-limit-exceeded",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "The template exceeds a CloudFormation quota",
                         .doc = R"md(### What it finds
Templates beyond the quotas on the AWS "CloudFormation quotas" page:

| quota | value |
|---|---|
| resources | 500 |
| parameters | 200 |
| mappings | 200 |
| outputs | 200 |
| logical id of a resource, parameter, mapping or output | 255 characters |
| template body uploaded through Amazon S3 | 1 MB |
| `Description` | 1,024 bytes |

Counts are of what is written: SAM and `Fn::ForEach` only add to them. Templates
rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor such as Rain)
are checked for size only, since they may add or remove entries.

### Why it matters
CloudFormation rejects the template; no quota increase exists for these. Split the stack
(nested stacks, or several stacks that share values through exports or SSM parameters).

### Bad
A stack that grew to 520 resources.

### Good
The same resources in a parent stack and two nested stacks of about 260 each.
)md"};

constexpr std::size_t kMaxResources = 500;
constexpr std::size_t kMaxParameters = 200;
constexpr std::size_t kMaxMappings = 200;
constexpr std::size_t kMaxOutputs = 200;
constexpr std::size_t kMaxLogicalId = 255;
constexpr std::size_t kMaxBodyBytes = std::size_t{1024} * 1024;
constexpr std::size_t kMaxDescriptionBytes = 1024;

class TemplateLimit final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        const Template& t = *stack.tmpl;
        const std::size_t bytes = stack.doc.source ? stack.doc.source->bytes().size() : 0;
        if (bytes > kMaxBodyBytes) {
            out.add(stack, {Mark{1, 1},
                            "the template is " + std::to_string(bytes) +
                                " bytes; CloudFormation accepts at most 1 MB (1,048,576 bytes) "
                                "even from S3. Split it into nested stacks",
                            {},
                            {}});
        }
        if (t.description && t.description->value.is_scalar() &&
            t.description->value.text().size() > kMaxDescriptionBytes) {
            out.add(stack,
                    {t.description->key_mark,
                     "the Description is " + std::to_string(t.description->value.text().size()) +
                         " bytes; CloudFormation accepts at most 1,024",
                     {},
                     "Description"});
        }
        if (rewritten_before_deploy(stack)) return;
        count(stack, t.resources_section, t.resources.size(), kMaxResources, "resources", out);
        count(stack, t.parameters_section, t.parameters.size(), kMaxParameters, "parameters", out);
        count(stack, t.mappings_section, t.mappings.size(), kMaxMappings, "mappings", out);
        count(stack, t.outputs_section, t.outputs.size(), kMaxOutputs, "outputs", out);
        for (const Resource& r : t.resources)
            long_id(stack, "resource", "Resources", r.id, r.id_mark, r.id, out);
        for (const Named& p : t.parameters)
            long_id(stack, "parameter", "Parameters", p.name, p.mark, {}, out);
        for (const Named& m : t.mappings)
            long_id(stack, "mapping", "Mappings", m.name, m.mark, {}, out);
        for (const Named& o : t.outputs)
            long_id(stack, "output", "Outputs", o.name, o.mark, {}, out);
    }

  private:
    static void count(const Stack& stack, const Entry* section, std::size_t n, std::size_t max,
                      std::string_view what, Reporter& out) {
        if (section == nullptr || n <= max) return;
        std::string msg = "the template declares ";
        msg.append(std::to_string(n))
            .append(" ")
            .append(what)
            .append("; CloudFormation allows at most ")
            .append(std::to_string(max))
            .append(". Split the stack (nested stacks, or stacks that share values)");
        out.add(stack, {section->key_mark, std::move(msg), {}, section->key});
    }

    static void long_id(const Stack& stack, std::string_view what, std::string_view section,
                        std::string_view id, Mark mark, std::string_view resource, Reporter& out) {
        if (id.size() <= kMaxLogicalId) return;
        std::string msg(what);
        msg.append(" name is ")
            .append(std::to_string(id.size()))
            .append(" characters long; CloudFormation allows at most 255");
        out.add(stack, {mark, std::move(msg), resource, path_of({section, id})});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(TemplateLimit)
}  // namespace stacklint
