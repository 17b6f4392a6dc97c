// T045: two outputs of one template export the same name.
#include <map>

#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T045",
                         .name = "duplicate-export-name",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "Two outputs export the same name",
                         .doc = R"md(### What it finds
Two outputs of one template whose `Export` `Name` is written the same way: the same
string, or the same function with the same arguments (two `!Sub "${AWS::StackName}-Vpc"`
give the same name). Outputs with different `Condition`s are not compared, since only one
of them may exist; names that contain `Fn::If` are not compared either.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
Export names are unique per account and region, so CloudFormation rejects the template.
A copied output whose name was not changed is the usual cause.

### Bad
```yaml
Outputs:
  VpcId:
    Value: !Ref Vpc
    Export: {Name: !Sub "${AWS::StackName}-Vpc"}
  SubnetIds:
    Value: !Join [",", [!Ref SubnetA, !Ref SubnetB]]
    Export: {Name: !Sub "${AWS::StackName}-Vpc"}
```

### Good
```yaml
  SubnetIds:
    Value: !Join [",", [!Ref SubnetA, !Ref SubnetB]]
    Export: {Name: !Sub "${AWS::StackName}-Subnets"}
```
)md"};

// The value written out in one canonical spelling (YAML and JSON alike); false when it
// contains Fn::If, whose value depends on a condition.
bool canonical(const Node& n, std::string& out) {
    switch (n.kind()) {
        case Node::Kind::Null:
            out += "~";
            return true;
        case Node::Kind::Scalar:
            out += '"';
            out += n.text();
            out += '"';
            return true;
        case Node::Kind::Sequence:
            out += '[';
            for (const Node& item : n.items()) {
                if (!canonical(item, out)) return false;
                out += ',';
            }
            out += ']';
            return true;
        case Node::Kind::Mapping:
            if (n.intrinsic_name() == "Fn::If") return false;
            out += '{';
            for (const Entry& e : n.entries()) {
                out += e.key;
                out += ':';
                if (!canonical(e.value, out)) return false;
                out += ',';
            }
            out += '}';
            return true;
    }
    return false;
}

class DuplicateExportName final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        // (output Condition, canonical name) -> first output
        std::map<std::pair<std::string, std::string>, std::size_t> seen;
        for (const Export& x : stack.graph->exports()) {
            if (x.output == kNoIndex || x.name.node == nullptr) continue;
            std::string name;
            if (!canonical(*x.name.node, name)) continue;
            const Named& output = t.outputs[x.output];
            const Node* condition = output.node->get("Condition");
            std::string when = condition && condition->is_scalar() ? condition->text() : "";
            auto [it, fresh] = seen.emplace(std::make_pair(when, name), x.output);
            if (fresh) continue;
            const Named& first = t.outputs[it->second];
            std::string msg = "output '";
            msg.append(output.name)
                .append("' exports the same name as output '")
                .append(first.name)
                .append("' (line ")
                .append(std::to_string(first.mark.line))
                .append(
                    "); export names are unique per account and region, so CloudFormation "
                    "rejects the template. Rename one");
            out.add(stack, {x.name.node->mark(),
                            std::move(msg),
                            {},
                            path_of({"Outputs", output.name, "Export", "Name"})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DuplicateExportName)
}  // namespace stacklint
