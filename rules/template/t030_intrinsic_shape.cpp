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
| `Fn::Join` | `[delimiter, list]`, the delimiter a string (not a number) |
| `Fn::Select` | `[index, list]`, the index a whole number from 0, within a literal list |
| `Fn::Split` | `[delimiter, string]`, the delimiter a string |
| `Fn::If` | `[condition name, value if true, value if false]` |
| `Fn::Equals` | two values |
| `Fn::And`, `Fn::Or` | 2 to 10 conditions |
| `Fn::Not` | one condition |
| `Fn::FindInMap` | `[map, top-level key, second-level key]`, plus `{DefaultValue: ...}` with AWS::LanguageExtensions |
| `Fn::GetAZs` | a region name, `""` (the stack's region), or a function such as `Ref` |
| `Fn::Cidr` | `[ip block, count, bits]`, count and bits whole numbers |
| `Fn::Base64`, `Fn::ImportValue` | a string or a function |
| `Fn::GetStackOutput` | a mapping of `StackName` and `OutputName` (required), `Region` and `RoleArn`, each a string or a function |
| `Fn::Sub` | a string, or `[string, {variables}]` whose values are strings or functions |

A wrong number of arguments is reported at the function; an argument of the wrong kind
(`!Select [-1, List]`, `!If [[IsProd], a, b]`, a list as a `Fn::Sub` variable's value) at
that argument, saying which one it is and what it must be. `"Fn::GetAZs": null`, which
some converters write for YAML's `!GetAZs ''`, is not judged: CloudFormation documents a
region name or `""`, and does not say what it makes of null.

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

// A plain scalar that YAML and JSON read as a number: `-12`, `3.5`, `1e3`.
bool is_number(const Node& n) {
    if (!n.is_scalar() || n.quoted()) return false;
    std::string_view t = n.text();
    if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t from = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
        return i - from;
    };
    std::size_t n_digits = digits();
    if (i < t.size() && t[i] == '.') {
        ++i;
        n_digits += digits();
    }
    if (n_digits == 0) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == t.size();
}
// A plain scalar that is a number or a boolean rather than a string.
bool is_non_string_scalar(const Node& n) {
    return n.is_scalar() && !n.quoted() && (is_number(n) || n.as_bool().has_value());
}
bool string_like(const Node& n) {
    return n.is_scalar() && !is_non_string_scalar(n);
}

std::string describe(const Node& n) {
    if (const std::string_view fn = n.intrinsic_name(); !fn.empty()) return std::string(fn);
    if (n.is_scalar()) {
        constexpr std::size_t kShown = 40;
        const std::string& t = n.text();
        if (is_number(n)) return "the number " + t;
        if (n.as_bool() && !n.quoted()) return "the boolean " + t;
        if (t.empty()) return "an empty string";
        if (t.size() > kShown || t.find_first_of("\r\n") != std::string::npos) return "a string";
        return "'" + t + "'";
    }
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

// What is wrong with a call: the message, and the argument at fault (nullptr: the call as a
// whole, reported at the function's name).
struct Problem {
    std::string message;
    const Node* at = nullptr;

    explicit operator bool() const { return !message.empty(); }
};

Problem takes(std::string_view fn, std::string_view what, const Node& arg) {
    std::string msg(fn);
    msg.append(" takes ").append(what).append("; found ").append(describe(arg));
    if ((fn == "Fn::Not" || fn == "Fn::And" || fn == "Fn::Or") && is_function(arg)) {
        msg.append(" outside a list (write [").append(arg.intrinsic_name()).append(" ...])");
    }
    return {std::move(msg), nullptr};
}

// `fn`'s argument `which` ("delimiter (its first item)") must be `what`.
Problem argument(std::string_view fn, std::string_view which, std::string_view what,
                 const Node& item) {
    std::string msg(fn);
    msg.append("'s ").append(which).append(" must be ").append(what).append("; found ");
    msg.append(describe(item));
    return {std::move(msg), &item};
}

bool list_of(const Node& arg, std::size_t n) {
    return arg.is_sequence() && arg.items().size() == n;
}

// An index or count: a non-negative whole number, or a function that returns one.
Problem whole_number(std::string_view fn, std::string_view which, const Node& item) {
    if (is_function(item)) return {};
    const auto v = item.as_int();
    if (v && *v >= 0) return {};
    if (v) {
        return {std::string(fn) + "'s " + std::string(which) + " must be 0 or more; found " +
                    std::to_string(*v),
                &item};
    }
    return argument(fn, which, "a whole number", item);
}

Problem sub_problem(const Node& arg) {
    constexpr std::string_view fn = "Fn::Sub";
    if (arg.is_scalar()) return {};
    if (!arg.is_sequence() || arg.items().empty() || arg.items().size() > 2) {
        return takes(fn, "a string, or [string, {variables}]", arg);
    }
    const auto& items = arg.items();
    if (!items[0].is_scalar()) {
        return argument(fn, "string (its first item)", "the text to substitute into", items[0]);
    }
    if (items.size() == 1) return takes(fn, "a string, or [string, {variables}]", arg);
    if (!items[1].is_mapping()) {
        return argument(fn, "variables (its second item)", "a mapping of names to values",
                        items[1]);
    }
    if (is_function(items[1])) return {};
    for (const Entry& v : items[1].entries()) {
        const Node& value = v.value;
        if (value.is_sequence() || (value.is_mapping() && !is_function(value))) {
            return {"Fn::Sub variable '" + v.key +
                        "' must be a string or a function that returns one; found " +
                        describe(value),
                    &value};
        }
    }
    return {};
}

// What is wrong with a call, or nothing.
Problem problem(std::string_view fn, const Node& arg, const Context& c) {
    const auto& items = arg.items();
    if (fn == "Ref") {
        if (arg.is_scalar()) {
            if (arg.text().empty()) return {"Ref needs the name of a parameter or resource"};
            return {};
        }
        if (c.language_extensions && is_function(arg)) return {};
        return takes(fn, "the name of a parameter or resource", arg);
    }
    if (fn == "Fn::GetAtt") {
        if (arg.is_scalar()) {
            const std::size_t dot = arg.text().find('.');
            if (dot != std::string::npos && dot > 0 && dot + 1 < arg.text().size()) return {};
            return {"Fn::GetAtt takes Resource.Attribute or [Resource, Attribute]; '" + arg.text() +
                    "' has no attribute"};
        }
        if (!list_of(arg, 2)) return takes(fn, "[Resource, Attribute]", arg);
        const bool name_ok = (items[0].is_scalar() && !items[0].text().empty()) ||
                             (c.language_extensions && is_function(items[0]));
        if (!name_ok) {
            return argument(fn, "resource (its first item)", "a logical id", items[0]);
        }
        if (!string_or_function(items[1])) {
            return argument(fn, "attribute (its second item)", "a name", items[1]);
        }
        return {};
    }
    if (fn == "Fn::Join") {
        if (!list_of(arg, 2)) return takes(fn, "[delimiter, [values...]]", arg);
        if (!string_like(items[0])) {
            return argument(fn, "delimiter (its first item)", "a string", items[0]);
        }
        if (!list_or_function(items[1])) {
            return argument(fn, "values (its second item)",
                            "a list, or a function that returns one", items[1]);
        }
        return {};
    }
    if (fn == "Fn::Select") {
        if (!list_of(arg, 2)) return takes(fn, "[index, list]", arg);
        if (Problem p = whole_number(fn, "index (its first item)", items[0])) return p;
        if (!list_or_function(items[1])) {
            return argument(fn, "list (its second item)", "a list, or a function that returns one",
                            items[1]);
        }
        const auto index = items[0].as_int();
        if (index && items[1].is_sequence() && *index >= static_cast<long long>(items[1].size())) {
            return {"Fn::Select index " + std::to_string(*index) +
                        " is past the end of a list of " + std::to_string(items[1].size()) +
                        "; indexes start at 0",
                    &items[0]};
        }
        return {};
    }
    if (fn == "Fn::Split") {
        if (!list_of(arg, 2)) return takes(fn, "[delimiter, string]", arg);
        if (!string_like(items[0])) {
            return argument(fn, "delimiter (its first item)", "a string", items[0]);
        }
        if (!string_or_function(items[1])) {
            return argument(fn, "source (its second item)",
                            "a string, or a function that returns one", items[1]);
        }
        return {};
    }
    if (fn == "Fn::If") {
        if (!list_of(arg, 3))
            return takes(fn, "[condition name, value if true, value if false]", arg);
        if (!items[0].is_scalar()) {
            return argument(fn, "condition (its first item)", "the name of a condition", items[0]);
        }
        return {};
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
            if (!is_function(item)) {
                return argument(fn, "items", "conditions (Fn::Equals, Condition...)", item);
            }
        }
        return {};
    }
    if (fn == "Fn::Not") {
        if (!list_of(arg, 1)) return takes(fn, "a list of one condition", arg);
        if (!is_function(items[0])) {
            return argument(fn, "item", "a condition (Fn::Equals, Condition...)", items[0]);
        }
        return {};
    }
    if (fn == "Fn::FindInMap") {
        const bool with_default = arg.is_sequence() && items.size() == 4 && items[3].is_mapping() &&
                                  items[3].find("DefaultValue");
        if (!list_of(arg, 3) && !with_default) {
            return takes(fn, "[map name, top-level key, second-level key]", arg);
        }
        static constexpr std::array kWhich = {"map name (its first item)",
                                              "top-level key (its second item)",
                                              "second-level key (its third item)"};
        for (std::size_t i = 0; i < kWhich.size(); ++i) {
            if (!string_or_function(items[i])) {
                return argument(fn, kWhich[i], "a string, or a function that returns one",
                                items[i]);
            }
        }
        if (with_default && !c.language_extensions) {
            return {"Fn::FindInMap's DefaultValue needs 'Transform: AWS::LanguageExtensions'",
                    &items[3]};
        }
        return {};
    }
    if (fn == "Fn::GetAZs") {
        // JSON converters write `!GetAZs ''` as null; what CloudFormation makes of null is not
        // documented, so it is not judged.
        if (arg.is_null() || string_like(arg) || is_function(arg)) return {};
        return takes(fn, "a region name, \"\" for the stack's region, or Ref", arg);
    }
    if (fn == "Fn::Cidr") {
        if (!list_of(arg, 3)) return takes(fn, "[ip block, count, cidr bits]", arg);
        if (!string_or_function(items[0])) {
            return argument(fn, "ip block (its first item)", "a CIDR block such as 10.0.0.0/16",
                            items[0]);
        }
        if (Problem p = whole_number(fn, "count (its second item)", items[1])) return p;
        if (Problem p = whole_number(fn, "cidr bits (its third item)", items[2])) return p;
        return {};
    }
    if (fn == "Fn::Base64" || fn == "Fn::ImportValue") {
        if (string_or_function(arg)) return {};
        return takes(fn, "a string or a function", arg);
    }
    if (fn == "Fn::GetStackOutput") {
        if (!arg.is_mapping() || is_function(arg))
            return takes(
                fn, "a mapping with StackName, OutputName and optionally Region and RoleArn", arg);
        for (const Entry& e : arg.entries()) {
            if (e.key != "StackName" && e.key != "OutputName" && e.key != "Region" &&
                e.key != "RoleArn") {
                return {std::string(fn) +
                            " takes StackName, OutputName, Region and RoleArn, not '" + e.key +
                            "'" +
                            did_you_mean(e.key, {"StackName", "OutputName", "Region", "RoleArn"}),
                        &e.value};
            }
            if (!string_or_function(e.value))
                return argument(fn, e.key, "a string, or a function that returns one", e.value);
        }
        for (const char* key : {"StackName", "OutputName"}) {
            if (arg.get(key) == nullptr)
                return {std::string(fn) + " needs " + key +
                        "; CloudFormation rejects the template"};
        }
        return {};
    }
    if (fn == "Fn::Sub") return sub_problem(arg);
    if (fn == "Fn::Length" || fn == "Fn::ToJsonString") {
        if (c.language_extensions) return {};
        return {std::string(fn) + " needs 'Transform: AWS::LanguageExtensions'"};
    }
    if (is_intrinsic_function_name(fn)) return {};
    if (c.in_rules && is_rules_function(fn)) return {};
    static const std::vector<std::string_view> kKnown = {
        "Fn::And",    "Fn::Base64",       "Fn::Cidr",      "Fn::Equals",        "Fn::FindInMap",
        "Fn::GetAtt", "Fn::GetAZs",       "Fn::If",        "Fn::ImportValue",   "Fn::Join",
        "Fn::Length", "Fn::Not",          "Fn::Or",        "Fn::Select",        "Fn::Split",
        "Fn::Sub",    "Fn::ToJsonString", "Fn::Transform", "Fn::GetStackOutput"};
    std::string msg = "'";
    msg.append(fn).append("' is not an intrinsic function").append(did_you_mean(fn, kKnown));
    if (is_rules_function(fn)) msg.append(" outside the Rules section, where rule functions work");
    return {msg.append("; CloudFormation rejects the template")};
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
        Problem p = problem(fn, *node.intrinsic_arg(), c);
        if (p) {
            const Mark at =
                p.at && p.at->mark().valid() ? p.at->mark() : node.entries().front().key_mark;
            out.add(stack, {at, std::move(p.message), resource, path + "/" + std::string(fn)});
        }
        return true;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(IntrinsicShape)
}  // namespace stacklint
