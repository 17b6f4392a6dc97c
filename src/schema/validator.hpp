// Validation of a resource's `Properties` against its AWS resource schema.
//
// The validator interprets the JSON Schema subset the reduced schemas keep (schemas/README.md)
// over the template's `Node` tree, the way CloudFormation reads a template:
// - numbers and booleans written as strings and the reverse are accepted where CloudFormation
//   converts them (`"20"` is an integer, `true` and `"true"` are booleans, `80` is a string);
// - intrinsic functions are checked for what they can return (`Ref` to a list parameter is a
//   list, `Fn::If` checks both branches, `Ref: AWS::NoValue` removes the property), and
//   anything that cannot be known is accepted silently;
// - when no alternative of a `oneOf` / `anyOf` fits, the one the value plainly means (by its
//   JSON type, the required keys that tell the alternatives apart, or strictly the fewest
//   violations) gives its own violations, each with its kind and position; otherwise one
//   violation names the alternatives. The one failing part of an `allOf` gives its own
//   violations too. There is never a cascade over several alternatives.
//
// The walk keeps its own work list (no recursion along the template), and evaluating the
// alternatives of a combinator nests at most a fixed number of levels; a step budget bounds
// the work per resource whatever the schema and the template look like.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/node.hpp"
#include "model/template.hpp"
#include "schema/registry.hpp"

namespace stacklint::schema {

enum class Issue : std::uint8_t {
    UnknownProperty,
    MissingRequired,
    WrongType,
    NotInEnum,
    PatternMismatch,
    OutOfBounds,  // string length, number range, list length
    Deprecated,
    ReadOnly,
    Combination,      // oneOf, anyOf, allOf, dependencies, if/then, requiredXor...
    Format,           // a literal value not in the property's format (formats.hpp)
    ReferenceFormat,  // a Ref/Fn::GetAtt whose result has another format than expected
    HostBits,         // a CIDR block whose host bits are set
};

struct Violation {
    Issue issue;
    Mark mark;         // the offending key or value
    std::string path;  // "Resources/Db/Properties/AllocatedStorage"
    std::string message;
    bool conditional;  // found in one branch of an Fn::If
    // For an unknown key with one clear correction (a misspelling whose right spelling the
    // mapping does not have yet): the key as written and the property it should name.
    std::string key = {};
    std::string rename_to = {};
};

// Every violation of `resource`'s properties against `schema` (the schema of its type), in
// template order. `registry` resolves `Fn::GetAtt` attributes of other resources and compiles
// patterns. For a resource written in an `Fn::ForEach` body, `loop_identifiers` are the
// enclosing loops' identifiers: values that use them (`Ref: Id`, `${Id}`, `&{Id}`) are
// unknown, and keys built from them (`${Id}Name`) are neither judged nor counted.
std::vector<Violation> validate_resource(
    const Resource& resource, const ResourceSchema& schema, const Template& tmpl,
    const Registry& registry, const std::vector<std::string_view>& loop_identifiers = {});

// The violations of one section of a SAM template's `Globals` (`Globals.Function`, the entry
// `section`) against `schema`, the keys Globals may set for that type (Registry::
// globals_schema). Paths are `Globals/Function/...`; a key Globals may not set is reported
// as SAM words it.
std::vector<Violation> validate_globals(const Entry& section, std::string_view sam_type,
                                        const ResourceSchema& schema, const Template& tmpl,
                                        const Registry& registry);

}  // namespace stacklint::schema
