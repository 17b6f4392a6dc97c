// T033: a `${...}` placeholder written in a string that no Fn::Sub reads.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "graph/names.hpp"
#include "graph/scope.hpp"
#include "graph/walk.hpp"
#include "lint/rule.hpp"
#include "load/scalar_position.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T033",
                         .name = "placeholder-outside-sub",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A ${...} placeholder is written in a string no Fn::Sub reads",
                         .doc = R"md(### What it finds
A string in a resource's properties or an output that is not the text of an `Fn::Sub` but
holds a `${...}` placeholder naming a pseudo parameter (`${AWS::Region}`), a parameter, a
resource or a resource's attribute (`${Bucket.Arn}`): typically a piece of an `Fn::Join`, or
a string whose `!Sub` was forgotten.

Multi-line strings (scripts and inline code, where `${name}` is the language's own syntax)
are judged on pseudo parameters only. Not judged: `Metadata`; names a Step Functions state
machine substitutes itself (its `DefinitionSubstitutions`); a stack set's `TemplateBody` (a
template of its own); bodies of `Fn::ForEach` loops and of `Fn::Transform`; templates
rewritten before deployment (by a macro or a preprocessor such as Rain).

### Why it matters
Only `Fn::Sub` replaces placeholders. Anywhere else CloudFormation passes the text on as
written: a bucket's domain name becomes `my-bucket.s3.${AWS::URLSuffix}`, which CloudFront
rejects, or a script runs with the literal text where a value was meant.

### Bad
```yaml
DomainName: !Join ["", [!Ref Bucket, ".s3.${AWS::URLSuffix}"]]
```

### Good
```yaml
DomainName: !Sub "${Bucket}.s3.${AWS::URLSuffix}"
```
)md"};

class PlaceholderOutsideSub final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        if (t.resources_section != nullptr && t.resources_section->value.is_mapping()) {
            for (const Entry& e : t.resources_section->value.entries()) {
                if (e.key.starts_with("Fn::ForEach::") || !e.value.is_mapping()) continue;
                const Node* props = e.value.get("Properties");
                if (props == nullptr) continue;
                const std::set<std::string, std::less<>> own = substituted_names(e.value);
                check_tree(stack, *props, "Resources/" + e.key + "/Properties", e.key, own, out);
            }
        }
        if (t.outputs_section != nullptr && t.outputs_section->value.is_mapping()) {
            for (const Entry& e : t.outputs_section->value.entries())
                check_tree(stack, e.value, "Outputs/" + e.key, {}, {}, out);
        }
    }

  private:
    // The names a Step Functions state machine replaces in its definition itself.
    static std::set<std::string, std::less<>> substituted_names(const Node& resource) {
        std::set<std::string, std::less<>> names;
        const Node* props = resource.get("Properties");
        const Node* subs = props != nullptr && props->is_mapping()
                               ? props->get("DefinitionSubstitutions")
                               : nullptr;
        if (subs != nullptr && subs->is_mapping())
            for (const Entry& e : subs->entries())
                names.insert(e.key);
        return names;
    }

    void check_tree(const Stack& stack, const Node& root, const std::string& path,
                    std::string_view resource, const std::set<std::string, std::less<>>& own,
                    Reporter& out) const {
        const Template& t = *stack.tmpl;
        walk_nodes(root, path, [&](const Node& n, const std::string& at) {
            const std::string_view fn = n.intrinsic_name();
            if (fn == "Fn::Transform" || fn.starts_with("Fn::ForEach")) return false;
            // An unknown function (`Fn::Subb`, T030): what it meant is not known.
            if (n.is_mapping() && n.entries().size() == 1 &&
                n.entries().front().key.starts_with("Fn::") &&
                !is_intrinsic_function_name(n.entries().front().key))
                return false;
            // A template in a string (a stack set's TemplateBody) is Sub-ed when it deploys.
            if (at.ends_with("/Properties/TemplateBody")) return false;
            if (fn == "Fn::Sub") {
                // The text is Fn::Sub's; only the values of its variables map are literal.
                const Node& arg = *n.intrinsic_arg();
                if (arg.is_sequence() && arg.items().size() > 1)
                    for (std::size_t i = 1; i < arg.items().size(); ++i)
                        check_tree(stack, arg.items()[i], at + "/Fn::Sub/" + std::to_string(i),
                                   resource, own, out);
                return false;
            }
            if (!n.is_scalar() || n.text().find("${") == std::string::npos) return true;
            const std::string_view text = n.text();
            const bool multiline = text.find('\n') != std::string_view::npos;
            std::optional<ScalarLocator> locate;
            for (const SubVariable& v : sub_variables(text)) {
                if (own.contains(v.name)) continue;
                const std::string_view base = v.name.substr(0, v.name.find('.'));
                const bool attribute = base.size() < v.name.size();
                std::string what;
                // In a script or a program, ${name} is the language's own: only pseudo
                // parameters are judged there.
                if (!attribute && is_pseudo_parameter(v.name))
                    what = "the pseudo parameter";
                else if (!multiline && !attribute && t.find_parameter(v.name) != nullptr)
                    what = "the parameter";
                else if (!multiline && t.find_resource(base) != nullptr)
                    what = attribute ? "an attribute of the resource" : "the resource";
                else
                    continue;
                if (!locate && stack.doc.source) locate.emplace(*stack.doc.source, n);
                const Mark mark =
                    locate ? locate->at(v.offset, text.substr(v.offset, v.name.size() + 3))
                           : n.mark();
                std::string msg = "${";
                msg.append(v.name)
                    .append("} names ")
                    .append(what)
                    .append(
                        ", but no Fn::Sub reads this string: CloudFormation keeps the text "
                        "as written; write the string with !Sub");
                if (attribute)
                    msg.append(" (or use !GetAtt ").append(v.name).append(")");
                else if (what != "the pseudo parameter" || v.name != "AWS::NoValue")
                    msg.append(" (or use !Ref ").append(v.name).append(")");
                out.add(stack, {mark, std::move(msg), resource, at});
            }
            return true;
        });
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(PlaceholderOutsideSub)
}  // namespace stacklint
