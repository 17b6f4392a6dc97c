// Generation of schemas/cfn-resource-types.jsonl from the enhanced resource schemas
// (shared/schemas/cfn-lint-enhanced: AWS's schemas with enums, formats and per-region
// provider maps) and the project's own corrections. schemas/README.md describes the result.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "schemagen/reduce.hpp"
#include "schemagen/sam.hpp"

namespace stacklint::schema {

struct EnhancedStats {
    ReduceStats reduce;
    std::size_t regions = 0;              // provider maps read
    std::size_t region_only_types = 0;    // types absent from us-east-1
    std::size_t regional_types = 0;       // types absent from at least one region
    std::size_t regional_properties = 0;  // (type, property) pairs absent from some region
    std::size_t corrections = 0;          // corrections applied
    std::size_t constraints = 0;          // constraint schemas attached
    std::size_t writable_read_only = 0;   // pointers both read-only and create-only
    std::size_t raw_deprecated = 0;       // deprecated pointers taken from the raw schemas
    std::size_t raw_attributes = 0;       // Fn::GetAtt attributes taken from the raw schemas
    std::vector<std::string> skipped;     // provider entries that are no resource type
    SamStats sam;
};

// The region whose schemas are the base of every type that exists there.
inline constexpr const char* kBaseRegion = "us-east-1";

// Applies the corrections in `corrections` (tools/schemagen/corrections.json: a list of
// {"type", "op", "path", "value", "why"}) to the reduced line of their type. Throws
// std::runtime_error naming the correction when its path does not exist or its op is unknown:
// a correction that no longer applies must be noticed, not skipped.
std::size_t apply_corrections(nlohmann::json& reduced, const nlohmann::json& corrections);

// Attaches the constraint schemas listed in `constraints` (tools/schemagen/constraints.json:
// {"type", "at", "file" or "schema", "why", "source", "finds"}) that belong to the reduced
// line's type: each constraint (a file relative to the enhanced folder's `extensions/`, or a
// schema written inline from AWS's documentation) is reduced and appended to the `allOf` of
// the schema at JSON pointer `at` ("" for the resource's properties). A file whose top-level
// keys are region names holds one schema per region; they are merged (enums united). `why`,
// when given, is kept as the attached schema's "why": the reason the validator adds to the
// constraint's violations. `source` and `finds` document the entry. Throws naming the
// constraint when it no longer applies (no such path, no such file).
std::size_t attach_constraints(nlohmann::json& reduced, const nlohmann::json& constraints,
                               const std::filesystem::path& extensions_dir);

// Reads the enhanced folder and returns the JSONL text (one sorted line per resource type).
// `raw_dir`, when not empty, holds AWS's raw schemas (shared/schemas/aws-us-east-1): their
// `deprecatedProperties` are added to the enhanced ones, which leave some out (a deprecated
// property is still accepted, and must not read as unknown), and so are the attributes their
// read-only properties give that the enhanced ones lack (Fn::GetAtt reads them).
// `sam_schema`, when given, is SAM's JSON Schema (shared/schemas/sam/sam.schema.json): its
// AWS::Serverless::* types get lines of their own (schemagen/sam.hpp).
std::string generate_from_enhanced(const std::filesystem::path& enhanced_dir,
                                   const std::filesystem::path& raw_dir,
                                   const nlohmann::json& corrections,
                                   const nlohmann::json& constraints,
                                   const nlohmann::json* sam_schema, EnhancedStats* stats);

// Reads a JSON file; throws std::runtime_error naming it.
nlohmann::json read_json_file(const std::filesystem::path& path);

}  // namespace stacklint::schema
