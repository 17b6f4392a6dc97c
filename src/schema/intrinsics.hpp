// What intrinsic functions return, as far as the template and the schemas tell: enough to
// check a property's JSON type without evaluating anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/node.hpp"
#include "model/template.hpp"
#include "schema/registry.hpp"

namespace stacklint::schema {

enum class Shape : std::uint8_t {
    Unknown,  // cannot tell (a mapping lookup, a custom resource's attribute...)
    Scalar,   // one string, number or boolean
    List,     // a list
};

// The shape of the value an intrinsic function (`{Ref: X}`, `{Fn::Join: ...}`) returns.
// `Ref` to a `List<...>`/`CommaDelimitedList` parameter is a list; `Fn::GetAtt` follows
// the attribute's type in the schemas; `Fn::If` and anything unknown give `Unknown`.
Shape intrinsic_shape(const Node& value, const Template& tmpl, const Registry& registry);

// The shape of what `Ref` to a parameter of type `type` gives.
Shape parameter_shape(std::string_view type);

// What a `Ref` or `Fn::GetAtt` returns, as formats (formats.hpp): one, or several when it
// depends on something the template leaves open. Empty when unknown.
struct SourceFormats {
    std::vector<std::string> formats;
    // How the result comes about, for messages: "Ref to security group 'Sg', which has no
    // VpcId, returns its name".
    std::string explanation;
};
SourceFormats intrinsic_formats(const Node& value, const Template& tmpl, const Registry& registry);

// The formats a schema names: its own `format`, or those of an `anyOf`/`oneOf` whose
// alternatives are each only a format (KMS key ARN, key id or alias name). Empty otherwise.
std::vector<std::string> schema_formats(const nlohmann::json& schema);

// `Fn::GetAtt` as written: `[Res, Attr]`, what `!GetAtt Res.Attr` loads as, or the string
// `Res.Attr`. nullopt when the form is malformed or the attribute is itself computed.
struct GetAttRef {
    std::string resource;
    std::string attribute;  // "Arn", "Endpoint.Address", "Outputs.BucketName"
    Mark attribute_mark;    // of the attribute (of the whole string in the one-string form)
};
std::optional<GetAttRef> parse_getatt(const Node& argument);

// Types whose properties are the author's own (custom resources): any property and any
// `Fn::GetAtt` attribute is fine.
bool is_custom_resource_type(std::string_view type);

}  // namespace stacklint::schema
