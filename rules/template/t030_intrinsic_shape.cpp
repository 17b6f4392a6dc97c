// T030: an intrinsic function with the wrong number or kind of arguments, or no such function.
#include <array>

#include "core/text.hpp"
#include "graph/scope.hpp"
#include "graph/walk.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T030",
    .name = "intrinsic-function-shape",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "An intrinsic function has the wrong arguments, or does not exist",
    .doc = R"md(### What it finds
Intrinsic functions whose arguments CloudFormation cannot accept, as the AWS intrinsic
function reference describes them:

| function | takes |
|---|---|
| `Ref` | a name |
| `Fn::GetAtt` | `[Resource, Attribute]` or `Resource.Attribute` |
| `Fn::Join` | `[delimiter, list]` |
| `Fn::Select` | `[index, list]`, the index a non-negative integer within a literal list |
| `Fn::Split` | `[delimiter, string]` |
| `Fn::If` | `[condition name, value if true, value if false]` |
| `Fn::Equals` | two values |
| `Fn::And`, `Fn::Or` | 2 to 10 conditions |
| `Fn::Not` | one condition |
| `Fn::FindInMap` | `[map, top-level key, second-level key]`, plus `{DefaultValue: ...}` with AWS::LanguageExtensions |
| `Fn::GetAZs` | a region name, `""`, or a function |
| `Fn::Cidr` | `[ip block, count, bits]` |
| `Fn::Base64`, `Fn::ImportValue` | a string or a function |
| `Fn::Sub` | a string, or `[string, {variables}]` |

It also reports `Fn::` names that are not functions (`Fn::Subb`), and `Fn::Length`,
`Fn::ToJsonString` and `FindInMap`'s `DefaultValue` used without
`Transform: AWS::LanguageExtensions`. The `Rules` section's own functions
(`Fn::Contains`, `Fn::EachMemberIn`...) are accepted there. The arguments of `Fn::Transform`
belong to the macro and are not checked.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template ("Template error: every Fn::Join object requires two
parameters..."). YAML makes these easy to write: a missing dash or bracket turns
`[delimiter, list]` into a list of three strings.

### Bad
```yaml
Value: !Join [":", !Ref AWS::Region, !Ref AWS::AccountId]
```

### Good
```yaml
Value: !Join [":", [!Ref AWS::Region, !Ref AWS::AccountId]]
```
)md"};

bool is_function(const Node& n) {
    return !n.intrinsic_name().empty();
}
bool string_or_function(const Node& n) {
    return n.is_scalar() || is_function(n);
}
bool list_or_function(const Node& n) {
    return n.is_sequence() || is_function(n);
}
bool index_or_function(const Node& n) {
    if (is_function(n)) return true;
    const auto v = n.as_int();
    return v && *v >= 0;
}

std::string describe(const Node& n) {
    if (const std::string_view fn = n.intrinsic_name(); !fn.empty()) return std::string(fn);
    if (n.is_scalar()) return "a string";
    if (n.is_null()) return "nothing";
    if (n.is_mapping()) return "a mapping";
    const std::size_t size = n.items().size();
    return "a list of " + std::to_string(size) + (size == 1 ? " item" : " items");
}

bool is_rules_function(std::string_view fn) {
    static constexpr std::array kNames = {"Fn::Contains",     "Fn::EachMemberEquals",
                                          "Fn::EachMemberIn", "Fn::RefAll",
                                          "Fn::ValueOf",      "Fn::ValueOfAll"};
    return std::find(kNames.begin(), kNames.end(), fn) != kNames.end();
}

struct Context {
    bool language_extensions;
    bool in_rules;
};

std::string takes(std::string_view fn, std::string_view what, const Node& arg) {
    std::string msg(fn);
    msg.append(" takes ").append(what).append("; found ").append(describe(arg));
    return msg;
}

bool list_of(const Node& arg, std::size_t n) {
    return arg.is_sequence() && arg.items().size() == n;
}

// What is wrong with a call, or empty.
std::string problem(std::string_view fn, const Node& arg, const Context& c) {
    const auto& items = arg.items();
    if (fn == "Ref") {
        if (arg.is_scalar())
            return arg.text().empty() ? "Ref needs the name of a parameter or resource" : "";
        if (c.language_extensions && is_function(arg)) return {};
        return takes(fn, "the name of a parameter or resource", arg);
    }
    if (fn == "Fn::GetAtt") {
        if (arg.is_scalar()) {
            const std::size_t dot = arg.text().find('.');
            if (dot != std::string::npos && dot > 0 && dot + 1 < arg.text().size()) return {};
            return "Fn::GetAtt takes Resource.Attribute or [Resource, Attribute]; '" + arg.text() +
                   "' has no attribute";
        }
        const bool name_ok =
            list_of(arg, 2) && ((items[0].is_scalar() && !items[0].text().empty()) ||
                                (c.language_extensions && is_function(items[0])));
        if (name_ok && string_or_function(items[1])) return {};
        return takes(fn, "[Resource, Attribute]", arg);
    }
    if (fn == "Fn::Join") {
        if (list_of(arg, 2) && items[0].is_scalar() && list_or_function(items[1])) return {};
        return takes(fn, "[delimiter, [values...]]", arg);
    }
    if (fn == "Fn::Select") {
        if (!list_of(arg, 2) || !index_or_function(items[0]) || !list_or_function(items[1])) {
            return takes(fn, "[index, list]", arg);
        }
        const auto index = items[0].as_int();
        if (index && items[1].is_sequence() && *index >= static_cast<long long>(items[1].size())) {
            return "Fn::Select index " + std::to_string(*index) + " is past the end of a list of " +
                   std::to_string(items[1].size()) + "; indexes start at 0";
        }
        return {};
    }
    if (fn == "Fn::Split") {
        if (list_of(arg, 2) && items[0].is_scalar() && string_or_function(items[1])) return {};
        return takes(fn, "[delimiter, string]", arg);
    }
    if (fn == "Fn::If") {
        if (list_of(arg, 3) && items[0].is_scalar()) return {};
        return takes(fn, "[condition name, value if true, value if false]", arg);
    }
    if (fn == "Fn::Equals") {
        if (list_of(arg, 2)) return {};
        return takes(fn, "two values to compare", arg);
    }
    if (fn == "Fn::And" || fn == "Fn::Or") {
        if (!arg.is_sequence() || items.size() < 2 || items.size() > 10) {
            return takes(fn, "a list of 2 to 10 conditions", arg);
        }
        for (const Node& item : items) {
            if (!is_function(item)) return takes(fn, "conditions, not values", item);
        }
        return {};
    }
    if (fn == "Fn::Not") {
        if (list_of(arg, 1) && is_function(items[0])) return {};
        return takes(fn, "a list of one condition", arg);
    }
    if (fn == "Fn::FindInMap") {
        const bool with_default = arg.is_sequence() && items.size() == 4 && items[3].is_mapping() &&
                                  items[3].find("DefaultValue");
        if (!(list_of(arg, 3) || with_default) || !string_or_function(items[0]) ||
            !string_or_function(items[1]) || !string_or_function(items[2])) {
            return takes(fn, "[map name, top-level key, second-level key]", arg);
        }
        if (with_default && !c.language_extensions) {
            return "Fn::FindInMap's DefaultValue needs 'Transform: AWS::LanguageExtensions'";
        }
        return {};
    }
    if (fn == "Fn::GetAZs") {
        if (arg.is_null() || string_or_function(arg)) return {};
        return takes(fn, "a region name, \"\" or a function", arg);
    }
    if (fn == "Fn::Cidr") {
        if (list_of(arg, 3) && string_or_function(items[0]) && index_or_function(items[1]) &&
            index_or_function(items[2])) {
            return {};
        }
        return takes(fn, "[ip block, count, cidr bits]", arg);
    }
    if (fn == "Fn::Base64" || fn == "Fn::ImportValue") {
        if (string_or_function(arg)) return {};
        return takes(fn, "a string or a function", arg);
    }
    if (fn == "Fn::Sub") {
        if (arg.is_scalar()) return {};
        if (list_of(arg, 2) && items[0].is_scalar() && items[1].is_mapping()) return {};
        return takes(fn, "a string, or [string, {variables}]", arg);
    }
    if (fn == "Fn::Length" || fn == "Fn::ToJsonString") {
        if (c.language_extensions) return {};
        return std::string(fn) + " needs 'Transform: AWS::LanguageExtensions'";
    }
    if (is_intrinsic_function_name(fn)) return {};
    if (c.in_rules && is_rules_function(fn)) return {};
    static const std::vector<std::string_view> kKnown = {
        "Fn::And",    "Fn::Base64",       "Fn::Cidr",     "Fn::Equals",      "Fn::FindInMap",
        "Fn::GetAtt", "Fn::GetAZs",       "Fn::If",       "Fn::ImportValue", "Fn::Join",
        "Fn::Length", "Fn::Not",          "Fn::Or",       "Fn::Select",      "Fn::Split",
        "Fn::Sub",    "Fn::ToJsonString", "Fn::Transform"};
    std::string msg = "'";
    msg.append(fn).append("' is not an intrinsic function").append(did_you_mean(fn, kKnown));
    return msg.append("; CloudFormation rejects the template");
}

class IntrinsicShape final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        const bool le = t.has_transform("AWS::LanguageExtensions");
        auto walk_section = [&](const Entry* section, bool in_rules, bool per_resource) {
            if (section == nullptr || !section->value.is_mapping()) return;
            for (const Entry& e : section->value.entries()) {
                // A loop's body is not one resource.
                const bool loop = e.key.starts_with("Fn::ForEach::");
                const std::string_view resource =
                    per_resource && !loop ? std::string_view(e.key) : "";
                walk_nodes(e.value, section->key + "/" + e.key,
                           [&](const Node& node, const std::string& path) {
                               return visit(stack, node, path, resource, {le, in_rules}, out);
                           });
            }
        };
        walk_section(t.conditions_section, false, false);
        walk_section(t.resources_section, false, true);
        walk_section(t.outputs_section, false, false);
        walk_section(t.rules_section, true, false);
        if (t.is_sam() && t.root->is_mapping()) {
            if (const Entry* globals = t.root->find("Globals")) {
                walk_section(globals, false, false);
            }
        }
    }

  private:
    static bool visit(const Stack& stack, const Node& node, const std::string& path,
                      std::string_view resource, const Context& c, Reporter& out) {
        const std::string_view fn = node.intrinsic_name();
        if (fn.empty()) return true;
        if (fn == "Fn::Transform") return false;  // the macro's own arguments
        std::string msg = problem(fn, *node.intrinsic_arg(), c);
        if (!msg.empty()) {
            out.add(stack, {node.entries().front().key_mark, std::move(msg), resource,
                            path + "/" + std::string(fn)});
        }
        return true;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(IntrinsicShape)
}  // namespace stacklint
