// X006: a nested stack given parameters its template does not declare, or not given one it
// requires.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/text.hpp"
#include "lint/rule.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "X006",
    .name = "nested-stack-parameters",
    .pack = "cross-stack",
    .severity = Severity::Error,
    .summary = "A nested stack's Parameters do not match the parameters of its template",
    .doc = R"md(### What it finds
An `AWS::CloudFormation::Stack` (or a SAM `AWS::Serverless::Application`) whose template is
linted in the same run, and whose `Parameters` name a parameter that template does not
declare, or leave out one it declares without a `Default`. The nested template is found
when `TemplateURL` (`Location`) is a local path that `aws cloudformation package` or
`sam package` uploads (`./network.yaml`, relative to the parent template) and that file is
linted too (name both files, or lint their directory), and in a CDK cloud assembly from the
assembly's own links. `Parameters` given by a function, a value that may be
`AWS::NoValue`, and nested templates rewritten by a macro are not judged.

### Why it matters
The parent stack deploys until it reaches the nested stack; then CloudFormation rejects it
("Parameters: [Subnets] do not exist in the template", "Parameters: [VpcId] must have
values"), and the whole parent stack rolls back. Usually a parameter renamed in the nested
template but not in its parent, or a new required parameter.

### Bad
```yaml
# parent.yaml                         # network.yaml
Network:                              Parameters:
  Type: AWS::CloudFormation::Stack      VpcCidr: {Type: String}
  Properties:                           Environment: {Type: String}
    TemplateURL: ./network.yaml
    Parameters:
      Cidr: 10.0.0.0/16                 # VpcCidr; and Environment is missing
```

### Good
```yaml
    Parameters:
      VpcCidr: 10.0.0.0/16
      Environment: prod
```
)md"};

// Where a stack's template was read from, made comparable.
std::string comparable_path(const std::filesystem::path& p) {
    std::error_code ec;
    const std::filesystem::path c = std::filesystem::weakly_canonical(p, ec);
    return ec ? p.lexically_normal().string() : c.string();
}

// A local path `aws cloudformation package` uploads: no URL, no function.
bool is_local_path(std::string_view text) {
    return !text.empty() && text.find("://") == std::string_view::npos &&
           !text.starts_with("https:") && !text.starts_with("http:") && !text.starts_with("s3:") &&
           text.find("${") == std::string_view::npos;
}

class NestedStackParameters final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool is_set_rule() const override { return true; }
    // A parent's nested-stack resources are read from its tree after every stack is loaded:
    // those whose template may be linted in the run (a local path).
    bool keeps_tree(const Stack& stack) const override {
        if (!stack.tmpl || stack.path.empty() || stack.tmpl->has_macro()) return false;
        return std::any_of(
            stack.tmpl->resources.begin(), stack.tmpl->resources.end(), [](const Resource& r) {
                const bool nested = r.type_name == "AWS::CloudFormation::Stack";
                if ((!nested && r.type_name != "AWS::Serverless::Application") ||
                    r.properties == nullptr || !r.properties->value.is_mapping())
                    return false;
                const Node* url = r.properties->value.get(nested ? "TemplateURL" : "Location");
                return url != nullptr && url->is_scalar() && is_local_path(url->text());
            });
    }
    void check_set(const RuleContext& ctx, Reporter& out) const override {
        std::map<std::string, const Stack*> by_path;
        for (const auto& s : ctx.set.stacks)
            if (!s->path.empty()) by_path.emplace(comparable_path(s->path), s.get());
        for (const auto& p : ctx.set.stacks) {
            const Stack& parent = *p;
            if (parent.excluded || !parent.tmpl || parent.tmpl->has_macro()) continue;
            for (const Resource& r : parent.tmpl->resources) {
                const bool stack = r.type_name == "AWS::CloudFormation::Stack";
                const bool application = r.type_name == "AWS::Serverless::Application";
                if ((!stack && !application) || r.properties == nullptr ||
                    !r.properties->value.is_mapping())
                    continue;
                const Stack* child = find_child(ctx, by_path, parent, r, stack);
                if (child == nullptr) continue;
                const std::optional<std::vector<StackSummary::Parameter>> declared =
                    judged_parameters(*child);
                if (declared) judge(parent, r, *child, *declared, out);
            }
        }
    }

  private:
    static const Stack* find_child(const RuleContext& ctx,
                                   const std::map<std::string, const Stack*>& by_path,
                                   const Stack& parent, const Resource& r, bool stack) {
        // A CDK nested stack: the assembly links it.
        for (const auto& s : ctx.set.stacks)
            if (s->parent == &parent && s->parent_resource == r.id) return s.get();
        const Node* url = r.properties->value.get(stack ? "TemplateURL" : "Location");
        if (url == nullptr || !url->is_scalar() || parent.path.empty() ||
            !is_local_path(url->text()))
            return nullptr;
        const std::filesystem::path file =
            std::filesystem::path(parent.path).parent_path() / url->text();
        const auto it = by_path.find(comparable_path(file));
        return it == by_path.end() || it->second == &parent ? nullptr : it->second;
    }

    // The parameters a nested template declares, read from its model or, for a loose template
    // already compacted, from its summary; nullopt when it is not judged (no template, or a
    // macro rewrites it).
    static std::optional<std::vector<StackSummary::Parameter>> judged_parameters(
        const Stack& child) {
        if (child.summary) {
            if (!child.summary->has_template || child.summary->has_macro) return std::nullopt;
            return child.summary->parameters;
        }
        if (!child.tmpl || child.tmpl->has_macro()) return std::nullopt;
        return parameters_of(*child.tmpl);
    }

    static void judge(const Stack& parent, const Resource& r, const Stack& child,
                      const std::vector<StackSummary::Parameter>& parameters, Reporter& out) {
        const Entry* given = r.properties->value.find("Parameters");
        if (given != nullptr && !given->value.is_mapping()) return;  // a function: unknown
        if (given != nullptr && is_generated_mapping(given->value)) return;
        const std::string name = std::filesystem::path(child.file).filename().string();
        const std::string path = "Resources/" + std::string(r.id) + "/Properties/Parameters";

        std::vector<std::string_view> declared;
        declared.reserve(parameters.size());
        for (const auto& p : parameters)
            declared.emplace_back(p.name);
        if (given != nullptr) {
            for (const Entry& e : given->value.entries()) {
                if (std::find(declared.begin(), declared.end(), e.key) != declared.end()) continue;
                out.add(parent, {e.key_mark,
                                 "nested stack '" + std::string(r.id) + "' is given parameter '" +
                                     e.key + "', which its template " + name + " does not declare" +
                                     did_you_mean(e.key, declared) +
                                     ": CloudFormation rejects the nested stack (\"Parameters: [" +
                                     e.key + "] do not exist in the template\")",
                                 r.id, path + "/" + e.key});
            }
        }
        std::vector<std::string> missing;
        for (const auto& p : parameters) {
            if (!p.required) continue;
            const Entry* e = given != nullptr ? given->value.find(p.name) : nullptr;
            if (e == nullptr) missing.push_back(p.name);
            // A value that may be AWS::NoValue may leave the parameter out: not judged.
        }
        if (missing.empty()) return;
        std::string list;
        for (std::size_t i = 0; i < missing.size(); ++i)
            list += (i == 0 ? "" : ", ") + missing[i];
        const Mark at = given != nullptr ? given->key_mark : r.id_mark;
        out.add(parent,
                {at,
                 "nested stack '" + std::string(r.id) + "' is not given " +
                     (missing.size() == 1
                          ? "parameter '" + list + "', which its template " + name + " requires"
                          : "parameters " + list + ", which its template " + name + " requires") +
                     " (no Default): CloudFormation rejects the nested stack (\"Parameters: [" +
                     list + "] must have values\")",
                 r.id, path});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(NestedStackParameters)
}  // namespace stacklint
