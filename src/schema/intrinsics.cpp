#include "schema/intrinsics.hpp"

namespace stacklint::schema {

namespace {

Shape getatt_shape(const Node& argument, const Template& tmpl, const Registry& registry) {
    const std::optional<GetAttRef> ref = parse_getatt(argument);
    if (!ref) return Shape::Unknown;
    const Resource* target = tmpl.find_resource(ref->resource);
    if (target == nullptr || target->type_name.empty()) return Shape::Unknown;
    // A nested stack's outputs are strings.
    if (target->type_name == "AWS::CloudFormation::Stack" && ref->attribute.starts_with("Outputs."))
        return Shape::Scalar;
    if (is_custom_resource_type(target->type_name)) return Shape::Unknown;
    const ResourceSchema* schema = registry.find(target->type_name);
    if (schema == nullptr) return Shape::Unknown;
    const auto attributes = schema->doc.find("attributes");
    if (attributes == schema->doc.end() || !attributes->is_object()) return Shape::Unknown;
    const auto type = attributes->find(ref->attribute);
    if (type == attributes->end() || !type->is_string()) return Shape::Unknown;
    const std::string& name = type->get_ref<const std::string&>();
    if (name == "array") return Shape::List;
    if (name == "string" || name == "integer" || name == "number" || name == "boolean")
        return Shape::Scalar;
    return Shape::Unknown;
}

Shape ref_shape(const Node& argument, const Template& tmpl) {
    if (!argument.is_scalar()) return Shape::Unknown;
    const std::string& name = argument.text();
    if (const Named* param = tmpl.find_parameter(name)) {
        const Node* type = param->node != nullptr ? param->node->get("Type") : nullptr;
        if (type == nullptr || !type->is_scalar()) return Shape::Unknown;
        return parameter_shape(type->text());
    }
    if (name == "AWS::NotificationARNs") return Shape::List;
    if (name.starts_with("AWS::")) return Shape::Scalar;  // the other pseudo parameters
    if (tmpl.find_resource(name) != nullptr) return Shape::Scalar;
    return Shape::Unknown;
}

}  // namespace

bool is_custom_resource_type(std::string_view type) {
    return type.starts_with("Custom::") || type == "AWS::CloudFormation::CustomResource";
}

Shape parameter_shape(std::string_view type) {
    if (type == "CommaDelimitedList" || type.starts_with("List<") ||
        type.starts_with("AWS::SSM::Parameter::Value<List<") ||
        type == "AWS::SSM::Parameter::Value<CommaDelimitedList>")
        return Shape::List;
    return Shape::Scalar;  // String, Number, AWS-specific single values
}

std::optional<GetAttRef> parse_getatt(const Node& argument) {
    if (argument.is_scalar()) {
        const std::string& text = argument.text();
        const std::size_t dot = text.find('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == text.size()) return std::nullopt;
        return GetAttRef{text.substr(0, dot), text.substr(dot + 1), argument.mark()};
    }
    if (!argument.is_sequence() || argument.items().size() != 2) return std::nullopt;
    const Node& resource = argument.items()[0];
    const Node& attribute = argument.items()[1];
    if (!resource.is_scalar() || !attribute.is_scalar() || attribute.text().empty())
        return std::nullopt;
    return GetAttRef{resource.text(), attribute.text(), attribute.mark()};
}

Shape intrinsic_shape(const Node& value, const Template& tmpl, const Registry& registry) {
    const std::string_view fn = value.intrinsic_name();
    if (fn.empty()) return Shape::Unknown;
    const Node& argument = *value.intrinsic_arg();
    if (fn == "Ref") return ref_shape(argument, tmpl);
    if (fn == "Fn::GetAtt") return getatt_shape(argument, tmpl, registry);
    if (fn == "Fn::Join" || fn == "Fn::Sub" || fn == "Fn::Base64" || fn == "Fn::ImportValue" ||
        fn == "Fn::ToJsonString" || fn == "Fn::Length")
        return Shape::Scalar;
    if (fn == "Fn::GetAZs" || fn == "Fn::Split" || fn == "Fn::Cidr") return Shape::List;
    if (fn == "Fn::Select" && argument.is_sequence() && argument.items().size() == 2) {
        // An item of a list of strings is a string; a literal list may hold anything.
        const Node& list = argument.items()[1];
        if (!list.intrinsic_name().empty())
            return intrinsic_shape(list, tmpl, registry) == Shape::List ? Shape::Scalar
                                                                        : Shape::Unknown;
    }
    return Shape::Unknown;
}

}  // namespace stacklint::schema
