// Lines for the AWS SAM resource types (AWS::Serverless::*) from SAM's published JSON Schema
// (shared/schemas/sam/sam.schema.json, Apache-2.0), in the form of the CloudFormation lines
// (schemas/README.md): the type's `Properties` schema, and beside it its `Globals` section's
// schema (`globals`), the CloudFormation type the transform turns it into (`deployedType`)
// and that type's Fn::GetAtt attributes.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace stacklint::schema {

struct SamStats {
    std::size_t types = 0;
    std::size_t pass_through = 0;           // properties SAM passes to a CloudFormation resource
    std::size_t pass_through_resolved = 0;  // ... whose CloudFormation schema was found
};

// `cfn` maps CloudFormation type names to their reduced lines; pass-through properties (SAM
// hands them to the generated resource unchanged) take the schema of the CloudFormation
// property they become, so `Runtime`, `MemorySize` or `VpcConfig` of a function are checked as
// the Lambda function's are. Throws std::runtime_error on a SAM schema without the expected
// shape.
std::map<std::string, nlohmann::json> sam_lines(const nlohmann::json& sam_schema,
                                                const std::map<std::string, nlohmann::json>& cfn,
                                                SamStats* stats = nullptr);

// The CloudFormation type a SAM type's main resource becomes (empty for a connector).
std::string deployed_type(const std::string& sam_type);

}  // namespace stacklint::schema
