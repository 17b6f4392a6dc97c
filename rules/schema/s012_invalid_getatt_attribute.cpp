// S012: Fn::GetAtt asks a resource for an attribute its type does not have.
#include <algorithm>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "graph/graph.hpp"
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S012",
                         .name = "invalid-getatt-attribute",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "Fn::GetAtt reads an attribute the resource type does not have",
                         .doc = R"md(### What it finds
`Fn::GetAtt` (the `[Resource, Attribute]` list, `!GetAtt Resource.Attribute`, or the
`Resource.Attribute` string) and `${Resource.Attribute}` placeholders of `Fn::Sub` whose
attribute is not one the target's type returns, with a suggestion when it looks like a
misspelling. The attributes are the schema's read-only properties, dotted for nested ones
(`Endpoint.Address`); because registry types also return ordinary properties (an SQS
queue's `QueueName`), any attribute naming a property that is not write-only is accepted
too. A nested stack (`AWS::CloudFormation::Stack`) returns its outputs one by one: any
`Outputs.Name` is accepted, the bare `Outputs` is not. Any attribute of a custom resource is
accepted; targets that are SAM resources, modules, third-party types, resources an
`Fn::ForEach` loop generates or not in the template at all are left to other rules, as are
attributes computed by a function. A `${Resource.Attribute}` finding points at the start
of the `Fn::Sub` string.

### Why it matters
CloudFormation rejects the template ("Template error: resource X does not support
attribute type Y in Fn::GetAtt"). Each type's attributes are listed under "Return values"
on its page of the
[resource and property types reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html);
see also [Fn::GetAtt](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html).

### Bad
```yaml
Outputs:
  BucketArn:
    Value: !GetAtt Bucket.ARN
```

### Good
```yaml
Outputs:
  BucketArn:
    Value: !GetAtt Bucket.Arn
```
)md"};

// Fn::GetAtt also returns a registry type's ordinary properties (SQS Queue `QueueName`, EC2
// Instance `AvailabilityZone`, VPC `CidrBlock` are documented return values that the schemas
// do not mark read-only). Any attribute that names a property is therefore accepted, except a
// write-only one, which CloudFormation never returns.
bool names_readable_property(const schema::ResourceSchema& schema, std::string_view attribute) {
    const nlohmann::json* node = &schema.doc;
    std::string pointer = "/properties";
    while (true) {
        const std::size_t dot = attribute.find('.');
        const std::string name(attribute.substr(0, dot));
        node = schema.follow_refs(node);
        if (node == nullptr || !node->is_object()) return false;
        const auto props = node->find("properties");
        if (props == node->end() || !props->is_object()) return false;
        const auto it = props->find(name);
        if (it == props->end()) return false;
        pointer += "/" + name;
        if (schema.write_only.contains(pointer)) return false;
        if (dot == std::string_view::npos) return true;
        node = &*it;
        attribute.remove_prefix(dot + 1);
    }
}

// Attributes named in a message; the rest are counted.
constexpr std::size_t kMaxListed = 8;

// The attribute names of a type as a template writes them: a nested stack's outputs are read
// one at a time (`Outputs.Name`), never as the list the schema's `Outputs` attribute is.
std::vector<std::string> attribute_names(std::string_view type,
                                         const schema::ResourceSchema& schema) {
    std::vector<std::string> out;
    for (const auto& [name, is_list] : schema.attributes)
        out.push_back(
            (type == "AWS::CloudFormation::Stack" || type == "AWS::Serverless::Application") &&
                    name == "Outputs"
                ? "Outputs.NAME"
                : name);
    std::sort(out.begin(), out.end());
    return out;
}

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < kMaxListed; ++i)
        out += (i == 0 ? "" : ", ") + names[i];
    if (names.size() > kMaxListed)
        out += " and " + std::to_string(names.size() - kMaxListed) + " more";
    return out;
}

class InvalidGetAttAttribute final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    // The graph holds every Fn::GetAtt and every `${Resource.Attribute}` of an Fn::Sub, with
    // the resource and the attribute already split.
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl || !stack.graph || stack.tmpl->has_macro()) return;
        for (const Edge& e : stack.graph->edges()) {
            if (e.kind != EdgeKind::GetAtt && e.kind != EdgeKind::Sub) continue;
            if (e.section != Section::Resources && e.section != Section::Outputs) continue;
            // `${Name}` (a Ref), an attribute computed by a function, and names that are not
            // resources (parameters, loop identifiers, names Fn::ForEach builds) are not ours.
            if (e.attribute.empty() || e.target_kind != TargetKind::Resource) continue;
            check_attribute(stack, ctx, e, out);
        }
    }

  private:
    // `MyFunction.Alias` without AutoPublishAlias: SAM leaves the reference as it is.
    static void report_unavailable(const Stack& stack, const Edge& e, std::string_view property,
                                   Reporter& out) {
        const Resource& target = stack.tmpl->resources[e.target_index];
        const std::string what =
            std::string(target.type_name) + " '" + std::string(target.id) + "'";
        std::string needs;
        if (property == "Alias" || property == "Version")
            needs = "it sets no AutoPublishAlias";
        else if (property == "DestinationTopic" || property == "DestinationQueue")
            needs = "it has no EventInvokeConfig destination";
        else if (property == "DomainName")
            needs = "it has no Domain";
        else
            needs = "it has no Auth.UsagePlan";
        out.add(stack,
                Report{e.kind == EdgeKind::Sub ? e.mark()
                       : e.attribute_node      ? e.attribute_node->mark()
                                               : e.mark(),
                       "'" + std::string(target.id) + "." + std::string(property) +
                           "' names a resource SAM generates for " + what + " only when " +
                           "asked to, and " + needs +
                           ": SAM leaves the reference unresolved and CloudFormation "
                           "rejects the template",
                       e.section == Section::Resources ? e.from : std::string_view(), e.path});
    }

    static void check_attribute(const Stack& stack, const RuleContext& ctx, const Edge& e,
                                Reporter& out) {
        const std::string_view attribute = e.attribute;
        if (attribute.find("${") != std::string_view::npos ||
            attribute.find("&{") != std::string_view::npos)
            return;  // built by Fn::ForEach: not final
        const Resource& target = stack.tmpl->resources[e.target_index];
        const std::string_view type = target.type_name;
        if (type.empty() || classify_type(type, ctx.schemas) != TypeKind::Validated) return;
        const schema::ResourceSchema* schema = ctx.schemas.find(type);
        if (schema == nullptr) return;
        const bool nested_stack =
            type == "AWS::CloudFormation::Stack" || type == "AWS::Serverless::Application";
        if (nested_stack && attribute.starts_with("Outputs.")) return;
        // SAM property references: `${MyApi.Stage}`, `!GetAtt MyFunction.Alias.Name`.
        if (stack.sam) {
            const std::string_view first = attribute.substr(0, attribute.find('.'));
            switch (stack.sam->property_reference(target.id, first)) {
                case SamTransform::Reference::Available:
                    return;  // what the generated resource offers is not known here
                case SamTransform::Reference::Unavailable:
                    report_unavailable(stack, e, first, out);
                    return;
                case SamTransform::Reference::NotSam:
                    break;
            }
        }

        // Fn::Sub: the template string. The placeholder's own line and column inside it would
        // be the better position, once the graph can compute it.
        const Mark mark = e.kind == EdgeKind::Sub ? e.mark()
                          : e.attribute_node      ? e.attribute_node->mark()
                                                  : e.mark();
        std::string msg = e.kind == EdgeKind::Sub ? "${" + std::string(e.target) + "." +
                                                        std::string(attribute) + "} in Fn::Sub"
                                                  : std::string("Fn::GetAtt");
        msg += " reads '" + std::string(attribute) + "' of resource '" + std::string(e.target) +
               "', but ";
        if (nested_stack && attribute == "Outputs") {
            // The schema lists `Outputs` (the list DescribeStacks returns) as an attribute,
            // but Fn::GetAtt reads one output at a time.
            msg +=
                "a nested stack's outputs are read one at a time, as 'Outputs.NAME' (NAME "
                "being an output of the nested template); CloudFormation rejects the "
                "template";
        } else {
            if (schema->attributes.contains(attribute) ||
                names_readable_property(*schema, attribute))
                return;
            const std::vector<std::string> names = attribute_names(type, *schema);
            msg += std::string(type);
            if (names.empty()) {
                msg +=
                    " has no attributes; CloudFormation rejects the template (use Ref "
                    "instead)";
            } else {
                std::vector<std::string_view> candidates(names.begin(), names.end());
                msg += " has no such attribute" + did_you_mean(attribute, candidates) +
                       "; CloudFormation rejects the template. Its attributes: " + listed(names);
            }
        }
        out.add(stack,
                Report{mark, std::move(msg),
                       e.section == Section::Resources ? e.from : std::string_view(), e.path});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidGetAttAttribute)
}  // namespace stacklint
