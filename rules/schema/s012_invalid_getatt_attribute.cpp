// S012: Fn::GetAtt asks a resource for an attribute its type does not have.
#include <string>
#include <vector>

#include "core/text.hpp"
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"
#include "schema/intrinsics.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S012",
                         .name = "invalid-getatt-attribute",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "Fn::GetAtt reads an attribute the resource type does not have",
                         .doc = R"md(### What it finds
`Fn::GetAtt` (the `[Resource, Attribute]` list, `!GetAtt Resource.Attribute`, or the
`Resource.Attribute` string) whose attribute is not one the target's type returns, with a
suggestion when it looks like a misspelling. The attributes are the schema's read-only
properties, dotted for nested ones (`Endpoint.Address`); because registry types also return
ordinary properties (an SQS queue's `QueueName`), any attribute naming a property that is
not write-only is accepted too. Any `Outputs.Name` of a nested
stack (`AWS::CloudFormation::Stack`) and any attribute of a custom resource is accepted;
targets that are SAM resources, modules, third-party types or not in the template at all
are left to other rules, as are attributes computed by a function.

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

struct Visit {
    const Node* node;
    std::string path;
    std::string_view resource;  // the resource whose definition holds the node, if any
};

class InvalidGetAttAttribute final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        const Template& tmpl = *stack.tmpl;
        std::vector<Visit> work;
        for (const Entry* section : {tmpl.outputs_section, tmpl.resources_section}) {
            if (section == nullptr || !section->value.is_mapping()) continue;
            for (const Entry& e : section->value.entries()) {
                const bool in_resources = section == tmpl.resources_section;
                work.push_back(Visit{&e.value, section->key + "/" + e.key,
                                     in_resources ? std::string_view(e.key) : std::string_view()});
            }
        }
        // Depth-first over the loaded tree, which is at most 256 levels deep.
        while (!work.empty()) {
            Visit v = std::move(work.back());
            work.pop_back();
            const Node& node = *v.node;
            if (node.intrinsic_name() == "Fn::GetAtt") {
                check_getatt(stack, ctx, *node.intrinsic_arg(), v, out);
                continue;
            }
            if (node.is_mapping()) {
                for (auto it = node.entries().rbegin(); it != node.entries().rend(); ++it)
                    work.push_back(Visit{&it->value, v.path + "/" + it->key, v.resource});
            } else if (node.is_sequence()) {
                for (std::size_t i = node.items().size(); i-- > 0;)
                    work.push_back(
                        Visit{&node.items()[i], v.path + "/" + std::to_string(i), v.resource});
            }
        }
    }

  private:
    static void check_getatt(const Stack& stack, const RuleContext& ctx, const Node& argument,
                             const Visit& at, Reporter& out) {
        const std::optional<schema::GetAttRef> ref = schema::parse_getatt(argument);
        if (!ref) return;
        // Names built by Fn::ForEach (`${Name}`) are not final.
        if (ref->resource.find("${") != std::string::npos ||
            ref->attribute.find("${") != std::string::npos ||
            ref->attribute.find("&{") != std::string::npos)
            return;
        const Resource* target = stack.tmpl->find_resource(ref->resource);
        if (target == nullptr || target->type_name.empty())
            return;  // a dangling reference: not ours
        if (classify_type(target->type_name, ctx.schemas) != TypeKind::Validated) return;
        if (target->type_name == "AWS::CloudFormation::Stack" &&
            ref->attribute.starts_with("Outputs."))
            return;
        const schema::ResourceSchema* schema = ctx.schemas.find(target->type_name);
        if (schema == nullptr || schema->attributes.contains(ref->attribute) ||
            names_readable_property(*schema, ref->attribute))
            return;

        std::vector<std::string_view> names;
        std::string list;
        for (const auto& [name, is_list] : schema->attributes) {
            names.push_back(name);
            list += (list.empty() ? "" : ", ") + name;
        }
        std::string msg = "Fn::GetAtt reads '" + ref->attribute + "' of resource '" +
                          ref->resource + "', but " + std::string(target->type_name);
        if (names.empty()) {
            msg += " has no attributes; CloudFormation rejects the template (use Ref instead)";
        } else {
            msg += " has no such attribute" + did_you_mean(ref->attribute, names) +
                   "; CloudFormation rejects the template. Its attributes: " + list;
        }
        out.add(stack, Report{ref->attribute_mark, std::move(msg), at.resource, at.path});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidGetAttAttribute)
}  // namespace stacklint
