// Lazy registry of CloudFormation resource type schemas.
//
// The data is the JSONL text produced by tools/schemagen (schemas/README.md
// describes it): one line per resource type, sorted by type name, each line
// starting with {"typeName":"<name>",. The registry keeps the raw bytes,
// binary-searches them by line on lookup and decodes a type's line the first
// time it is asked for, so constructing a registry costs nothing and a lint
// run pays only for the types its templates use.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/pattern.hpp"

namespace stacklint::schema {

// One resource type, decoded once on first use and immutable afterwards.
struct ResourceSchema {
    std::string type_name;
    // The reduced line: properties, definitions, required, additionalProperties,
    // oneOf/anyOf/allOf, the pointer lists, physicalNameProperty, attributes, the region
    // fields (absentRegions, regionalProperties) and, for SAM types, globals and
    // deployedType (schemas/README.md).
    nlohmann::json doc;
    // The property that fixes the physical name ("BucketName"), if known.
    std::optional<std::string> physical_name_property;
    // Fn::GetAtt attribute names ("Arn", "Endpoint.Address") -> is a list.
    std::map<std::string, bool, std::less<>> attributes;
    // JSON pointers as in the schema, e.g. "/properties/Endpoint/Address".
    std::set<std::string, std::less<>> read_only, create_only, conditional_create_only, write_only,
        deprecated;

    // Resolve a local reference such as "#/definitions/Tag" (any JSON pointer
    // into doc after '#'); nullptr if absent or not local.
    const nlohmann::json* resolve_ref(std::string_view ref) const;
    // Follow "$ref" chains from `schema` to a schema without "$ref"; nullptr on a
    // dangling or cyclic reference. Returns `schema` itself if it has no "$ref".
    const nlohmann::json* follow_refs(const nlohmann::json* schema) const;
    // The schema of a top-level property (not dereferenced); nullptr if absent.
    const nlohmann::json* property(std::string_view top_level_name) const;
};

class Registry {
  public:
    // Wraps `jsonl` without copying or parsing it: O(1). The bytes must
    // outlive the registry (e.g. data embedded in the binary, or a mapped file).
    explicit Registry(std::string_view jsonl) noexcept;
    // Reads a JSONL file into a registry that owns its bytes (no parsing).
    // Throws std::runtime_error if the file cannot be read.
    static Registry from_file(const std::filesystem::path& path);

    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // The schema of `type_name`, or nullptr if the data has no such type.
    // Binary search over the lines, then decode and cache; later calls return
    // the same pointer, valid for the registry's lifetime. Thread-safe.
    // Throws std::runtime_error on malformed data (e.g. a truncated line).
    const ResourceSchema* find(std::string_view type_name) const;

    // Every type name in file order (sorted). Scans all lines; meant for
    // "did you mean" suggestions, not for the lookup path.
    std::vector<std::string_view> type_names() const;

    std::size_t size_bytes() const noexcept { return data_.size(); }
    // How many types have been decoded so far.
    std::size_t cached_count() const;

    // For a SAM type (AWS::Serverless::Function): the schema of its `Globals` section
    // (`Globals.Function`), as a resource schema whose `properties` are the keys Globals may
    // set; nullptr when the type has none. Decoded on first use and cached. Thread-safe.
    const ResourceSchema* globals_schema(std::string_view sam_type) const;

    // A schema `pattern` compiled on first use and cached, like the types; nullptr when it
    // cannot be compiled (such a pattern is never checked). Thread-safe.
    const Pattern* pattern(std::string_view ecma) const;

  private:
    struct Owning {};
    Registry(Owning, std::string bytes) noexcept;

    // The line holding `type_name` (without its '\n'), or nullopt.
    std::optional<std::string_view> find_line(std::string_view type_name) const;

    std::string owned_;  // empty unless made by from_file
    std::string_view data_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<const ResourceSchema>, std::less<>> cache_;
    mutable std::map<std::string, std::unique_ptr<const ResourceSchema>, std::less<>> globals_;
    mutable std::mutex pattern_mutex_;
    mutable std::map<std::string, std::unique_ptr<const Pattern>, std::less<>> patterns_;
};

}  // namespace stacklint::schema
