// T022: an Fn::Sub placeholder that resolves to nothing.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "graph/graph.hpp"
#include "graph/names.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T022",
                         .name = "sub-unknown-variable",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "An Fn::Sub placeholder names nothing the template defines",
                         .doc = R"md(### What it finds
`${Name}` inside an `Fn::Sub` string where `Name` is neither a key of the list form's own
variable map, a parameter, a resource, a pseudo parameter nor (inside `Fn::ForEach`) a loop
identifier; `${Name.Attribute}` where `Name` is not a resource; and `${AWS::NoValue}`,
which only works with `Ref`; and placeholders whose names contain anything but letters,
digits, `_`, `.` and `:` (`${VAR:-default}`, `${#list[@]}` from a shell script), which
CloudFormation refuses outright. `${!Literal}` is an escape and is never reported.

Names that resolve to nothing are not reported in SAM templates, because SAM generates
resources the template may refer to; invalid names are reported in every template.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template ("Unresolved resource dependencies", or "variable names
in Fn::Sub syntax must contain only alphanumeric characters, underscores, periods, and
colons"). The usual causes are a typo, a shell variable in a `UserData` script that should
have been escaped as `${!VAR}`, and a variable-map key that does not match the placeholder.

### Bad
```yaml
UserData:
  Fn::Base64: !Sub |
    #!/bin/bash
    for f in /etc/*.conf; do echo "${f}"; done
    /opt/aws/bin/cfn-signal --stack ${AWS::StackName} --region ${AWS::Region}
```

### Good
```yaml
UserData:
  Fn::Base64: !Sub |
    #!/bin/bash
    for f in /etc/*.conf; do echo "${!f}"; done
    /opt/aws/bin/cfn-signal --stack ${AWS::StackName} --region ${AWS::Region}
```
)md"};

// The characters CloudFormation accepts in an Fn::Sub variable name.
bool valid_name(std::string_view name) {
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return c < 0x80 && (std::isalnum(c) || c == '_' || c == ':' || c == '.');
    });
}

class SubUnknownVariable final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph) return;
        const Template& t = *stack.tmpl;
        if (rewritten_before_deploy(stack)) return;
        const bool report_unknown = unresolved_names_are_errors(stack);
        const std::vector<std::string_view> names = referable_names(t);
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::Sub) continue;
            std::string placeholder(e.target);
            if (!e.attribute.empty()) placeholder.append(".").append(e.attribute);
            if (placeholder.empty()) continue;
            // `${Other${Name}.Arn}` in a loop body: the loop writes its identifier's value into
            // the placeholder first, so only the expanded name will be judged.
            if (e.in_loop && is_templated_name(placeholder)) continue;
            std::string msg = "${";
            msg.append(placeholder).append("} in Fn::Sub ");
            if (!valid_name(placeholder)) {
                msg.append(
                       "is not a variable name CloudFormation accepts (only letters, digits, "
                       "'_', '.' and ':'), so it rejects the template; write ${!")
                    .append(placeholder)
                    .append("} if the text is meant literally");
            } else if (e.target == "AWS::NoValue") {
                msg.append(
                    "resolves to nothing: AWS::NoValue works only as Ref AWS::NoValue, to "
                    "remove a property");
            } else if (!e.attribute.empty() && (e.target_kind == TargetKind::Parameter ||
                                                e.target_kind == TargetKind::PseudoParameter)) {
                msg.append("reads an attribute of '")
                    .append(e.target)
                    .append("', which is a parameter and has none; write ${")
                    .append(e.target)
                    .append("} for its value");
            } else if (e.target_kind == TargetKind::Unknown && report_unknown) {
                msg.append("names no ")
                    .append(e.attribute.empty() ? "parameter, resource or pseudo parameter"
                                                : "resource")
                    .append(did_you_mean(e.target, names))
                    .append("; CloudFormation rejects the template. Write ${!")
                    .append(placeholder)
                    .append("} if the text is meant literally");
            } else {
                continue;
            }
            out.add(stack, {e.mark(), std::move(msg),
                            e.section == Section::Resources ? e.from : std::string_view(), e.path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(SubUnknownVariable)
}  // namespace stacklint
