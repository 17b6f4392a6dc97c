// What the schema rules (rules/schema/, S001-S012) share: which resources the AWS schemas
// validate, and the validator's violations of one kind reported as findings.
#pragma once

#include <string_view>
#include <vector>

#include "lint/rule.hpp"
#include "schema/validator.hpp"

namespace stacklint {

enum class TypeKind {
    Validated,    // in the schemas: its properties are checked
    Custom,       // Custom::*, AWS::CloudFormation::CustomResource: properties are the author's
    Serverless,   // AWS::Serverless::* (SAM): rewritten by the transform before deployment
    Module,       // Org::Service::Name::MODULE: expanded from the CloudFormation registry
    RainModule,   // a file path (`modules/bucket.yaml`): a Rain module, expanded by `rain pkg`
    ThirdParty,   // Org::Service::Type outside AWS's namespaces: a registry extension
    CdkMetadata,  // AWS::CDK::Metadata: accepted by CloudFormation, no schema, nothing to check
    Unknown,      // an AWS:: (or Alexa::) type that does not exist, or a malformed name
};

TypeKind classify_type(std::string_view type, const schema::Registry& registry);

// A resource the schema rules check: one of the template's, or one written in an
// `Fn::ForEach` body whose Type is static (then `loop_identifiers` name the enclosing loops'
// identifiers, whose values are unknown).
struct CheckedResource {
    const Resource* resource;
    const std::vector<std::string_view>* loop_identifiers;
};

// The template's resources, then those of its Fn::ForEach bodies, in document order each.
std::vector<CheckedResource> checked_resources(const Template& tmpl);

// The schema `resource` is validated against, or nullptr: types the schemas do not cover,
// every resource of a template that a macro rewrites (its final shape is unknown), and a
// resource holding a value with a tag CloudFormation does not know (`!Rain::S3`: a
// pre-processor's directive, whose result is unknown; T003 reports the tag).
const schema::ResourceSchema* validated_schema(const Stack& stack, const Resource& resource,
                                               const schema::Registry& registry);

// Validates every resource of the stack and reports the violations of kind `issue`.
void report_violations(const Stack& stack, const RuleContext& ctx, schema::Issue issue,
                       Reporter& out);

}  // namespace stacklint
