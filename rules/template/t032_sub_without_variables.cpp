// T032: Fn::Sub on a string with no placeholder at all.
#include <algorithm>

#include "fix/editor.hpp"
#include "graph/scope.hpp"
#include "graph/walk.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T032",
                         .name = "sub-without-variables",
                         .pack = "template",
                         .severity = Severity::Info,
                         .summary = "Fn::Sub is applied to a string without placeholders",
                         .doc = R"md(### What it finds
`Fn::Sub` whose string contains no `${...}` at all (not even an escaped `${!...}`), in the
string form or the list form.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
Nothing is substituted, so the plain string says the same with less to read. A `Sub`
without placeholders is also often a sign that one was lost in an edit (`${Env}` became
`Env`).

### Bad
```yaml
LogGroupName: !Sub /app/orders
```

### Good
```yaml
LogGroupName: /app/orders
```

### Fix
The fix (safe) replaces the `Fn::Sub` with its string, spelled as it was (not for a block
scalar).
)md",
                         .fix = FixSafety::Safe};

// The start of a long string, on one line.
std::string excerpt(const std::string& text) {
    constexpr std::size_t kMax = 40;
    std::string out = text.substr(0, text.find_first_of("\r\n"));
    if (out.size() > kMax || out.size() < text.size()) {
        out.resize(std::min(out.size(), kMax));
        out += "...";
    }
    return out;
}

class SubWithoutVariables final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        for (const Entry* section :
             {t.conditions_section, t.resources_section, t.outputs_section}) {
            if (section == nullptr || !section->value.is_mapping()) continue;
            for (const Entry& e : section->value.entries()) {
                const std::string_view resource =
                    section == t.resources_section && !e.key.starts_with("Fn::ForEach::")
                        ? std::string_view(e.key)
                        : "";
                walk_nodes(
                    e.value, section->key + "/" + e.key,
                    [&](const Node& n, const std::string& path) {
                        if (n.intrinsic_name() == "Fn::Transform") return false;
                        if (n.intrinsic_name() != "Fn::Sub") return true;
                        const Node& arg = *n.intrinsic_arg();
                        const Node* text = arg.is_scalar() ? &arg : nullptr;
                        if (arg.is_sequence() && !arg.items().empty() &&
                            arg.items()[0].is_scalar()) {
                            text = &arg.items()[0];
                        }
                        if (text && text->text().find("${") == std::string::npos) {
                            std::string msg = "Fn::Sub has nothing to substitute in '";
                            msg.append(excerpt(text->text()))
                                .append("'; write the plain string instead");
                            out.add(stack,
                                    {.mark = n.entries().front().key_mark,
                                     .message = std::move(msg),
                                     .resource = resource,
                                     .path = path + "/Fn::Sub",
                                     .fix = fix::make_fix(
                                         FixSafety::Safe, "write the plain string",
                                         {fix::Editor(stack.doc).replace_with_scalar(n, *text)})});
                        }
                        return true;
                    });
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(SubWithoutVariables)
}  // namespace stacklint
