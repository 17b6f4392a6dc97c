// Reduction of raw CloudFormation resource provider schemas to the compact
// JSONL form that stacklint ships (schemas/cfn-resource-types.jsonl).
// The format is documented in schemas/README.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stacklint::schema {

// Counts reported by reduce_schemas().
struct ReduceStats {
    std::size_t types = 0;                // lines written
    std::size_t physical_names = 0;       // lines with a "physicalNameProperty"
    std::size_t dropped_definitions = 0;  // unreferenced definitions removed
};

// Last CamelCase word of a type's last segment: "DBInstance" -> "Instance",
// "SecurityGroup" -> "Group", "NetworkACL" -> "ACL", "Queue" -> "Queue".
std::string last_word(std::string_view camel);

// The property that fixes the resource's physical name (see schemas/README.md),
// or nullopt. `raw` is a raw (or reduced) provider schema.
std::optional<std::string> derive_physical_name(const nlohmann::json& raw);

// Reduce one raw provider schema to its output object. The result's keys
// are sorted; typeName is among them. Throws std::runtime_error on a schema
// that lacks the basics (typeName, properties) or has them of the wrong type.
nlohmann::json reduce_schema(const nlohmann::json& raw, ReduceStats* stats = nullptr);

// Fn::GetAtt attribute names from a raw schema's readOnlyProperties, each with its JSON type
// (schemas/README.md, "Derived field: attributes").
nlohmann::json derive_attributes(const nlohmann::json& raw);

// Keep only the validation keywords of one schema, recursively (what reduce_schema does to
// every schema of a type).
nlohmann::json reduce_node_schema(const nlohmann::json& schema);

// Serialize a reduced object as one line (with trailing '\n') whose first
// bytes are {"typeName":"<name>", followed by the remaining keys in order.
std::string to_line(const nlohmann::json& reduced);

// Read every *.json file in `dir` (non-recursive), reduce each, and return
// the whole JSONL text: one line per type, sorted by type name (byte order).
// Throws std::runtime_error naming the file on unreadable or malformed
// input, and on duplicate type names.
std::string reduce_schemas(const std::filesystem::path& dir, ReduceStats* stats = nullptr);

}  // namespace stacklint::schema
