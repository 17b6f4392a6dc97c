#include "schema/intrinsics.hpp"

#include <algorithm>

#include "model/values.hpp"
#include "schema/formats.hpp"

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

// The formats of the property at a dotted path ("Endpoint.Address") of a type's schema.
std::vector<std::string> property_formats(const ResourceSchema& schema, std::string_view dotted) {
    const nlohmann::json* node = &schema.doc;
    while (true) {
        const std::size_t dot = dotted.find('.');
        const std::string part(dotted.substr(0, dot));
        node = schema.follow_refs(node);
        if (node == nullptr || !node->is_object()) return {};
        const auto props = node->find("properties");
        if (props == node->end() || !props->is_object()) return {};
        const auto it = props->find(part);
        if (it == props->end()) return {};
        node = &*it;
        if (dot == std::string_view::npos) break;
        dotted.remove_prefix(dot + 1);
    }
    node = schema.follow_refs(node);
    return node == nullptr ? std::vector<std::string>{} : schema_formats(*node);
}

std::string words_of(const std::vector<std::string>& formats) {
    std::string out;
    for (const std::string& f : formats) {
        const FormatInfo* info = find_format(f);
        if (!out.empty()) out += " or ";
        out += info != nullptr ? std::string(info->words) : f;
    }
    return out;
}

}  // namespace

std::vector<std::string> schema_formats(const nlohmann::json& schema) {
    if (!schema.is_object()) return {};
    if (const auto f = schema.find("format"); f != schema.end() && f->is_string())
        return {f->get<std::string>()};
    for (const char* keyword : {"anyOf", "oneOf"}) {
        const auto alternatives = schema.find(keyword);
        if (alternatives == schema.end() || !alternatives->is_array() || alternatives->empty())
            continue;
        std::vector<std::string> out;
        for (const nlohmann::json& a : *alternatives) {
            const bool format_only =
                a.is_object() && a.contains("format") && a["format"].is_string() &&
                std::all_of(a.items().begin(), a.items().end(), [](const auto& item) {
                    return item.key() == "format" || item.key() == "type";
                });
            if (!format_only) return {};
            out.push_back(a["format"].get<std::string>());
        }
        return out;
    }
    return {};
}

SourceFormats intrinsic_formats(const Node& value, const Template& tmpl, const Registry& registry) {
    const std::string_view fn = value.intrinsic_name();
    if (fn.empty()) return {};
    const Node& arg = *value.intrinsic_arg();
    if (fn == "Ref" && arg.is_scalar()) {
        const std::string& name = arg.text();
        if (const Named* param = tmpl.find_parameter(name)) {
            const Node* type = param->node != nullptr ? param->node->get("Type") : nullptr;
            if (type == nullptr || !type->is_scalar()) return {};
            const std::string_view format = parameter_format(type->text());
            if (format.empty()) return {};
            std::vector<std::string> formats{std::string(format)};
            return {formats, "Ref to parameter '" + name + "' (" + type->text() +
                                 "), which returns " + words_of(formats)};
        }
        const Resource* target = tmpl.find_resource(name);
        if (target == nullptr || target->type_name.empty()) return {};
        const std::string type(target->type_name);
        if (type == "AWS::EC2::SecurityGroup") {
            // Ref returns the group's id when VpcId is set, else its name (default VPC).
            const Node* vpc = target->property("VpcId");
            if (vpc == nullptr || is_no_value(*vpc)) {
                return {{"AWS::EC2::SecurityGroup.Name"},
                        "Ref to security group '" + name +
                            "', which returns the group's name because it has no VpcId"};
            }
            const PossibleValues pv = possible_values(*vpc);
            if (std::find(pv.values.begin(), pv.values.end(), nullptr) != pv.values.end())
                return {};  // with or without VpcId, depending on a condition
            return {{"AWS::EC2::SecurityGroup.Id"},
                    "Ref to security group '" + name + "', which returns the group's id"};
        }
        const ResourceSchema* schema = registry.find(type);
        if (schema == nullptr) return {};
        std::vector<std::string> formats;
        const auto pid = schema->doc.find("primaryIdentifier");
        if (pid != schema->doc.end() && pid->is_array() && pid->size() == 1 &&
            pid->front().is_string()) {
            const std::string& pointer = pid->front().get_ref<const std::string&>();
            constexpr std::string_view prefix = "/properties/";
            if (pointer.starts_with(prefix) &&
                pointer.find('/', prefix.size()) == std::string::npos)
                formats =
                    property_formats(*schema, std::string_view(pointer).substr(prefix.size()));
        }
        if (formats.empty()) {
            const std::string_view documented = documented_ref_format(type);
            if (documented.empty()) return {};
            formats.emplace_back(documented);
        }
        return {formats,
                "Ref to '" + name + "' (" + type + "), which returns " + words_of(formats)};
    }
    if (fn == "Fn::GetAtt") {
        const std::optional<GetAttRef> ref = parse_getatt(arg);
        if (!ref) return {};
        const Resource* target = tmpl.find_resource(ref->resource);
        if (target == nullptr || target->type_name.empty()) return {};
        const ResourceSchema* schema = registry.find(target->type_name);
        if (schema == nullptr || !schema->attributes.contains(ref->attribute)) return {};
        std::vector<std::string> formats = property_formats(*schema, ref->attribute);
        if (formats.empty()) return {};
        return {formats, "Fn::GetAtt " + ref->resource + "." + ref->attribute + ", which returns " +
                             words_of(formats)};
    }
    return {};
}

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
        fn == "Fn::ToJsonString" || fn == "Fn::Length" || fn == "Fn::GetStackOutput")
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
