// What the AWS SAM transform (`Transform: AWS::Serverless-2016-10-31`) makes of a template, as
// far as stacklint's rules need it.
//
// SAM rewrites `AWS::Serverless::*` resources into CloudFormation resources before
// CloudFormation reads the template: a function becomes an `AWS::Lambda::Function` with the
// same logical id and, unless it names a Role, an `AWS::IAM::Role` `<Function>Role` whose
// policies come from the function's `Policies` (SAM policy templates expanded); a SimpleTable
// becomes an `AWS::DynamoDB::Table`; events become permissions, event source mappings, rules
// and, without an explicit API, the implicit `ServerlessRestApi`/`ServerlessHttpApi`. The
// `Globals` section is merged into each resource first (maps merged, lists added, scalars
// replaced).
//
// `SamTransform` builds that deployed form from the template as its own document: the rules
// that judge what gets deployed (resilience, security) read `deployed()`, whose nodes keep the
// positions of the SAM text they come from, while the schema and reference rules read the
// template as written, with the names the transform generates known. Generated resources whose
// logical ids carry a hash (`<Function>Version<hash>`, `<Api>Deployment<hash>`) cannot be
// predicted; any name that starts with a SAM resource's logical id is taken as possibly
// generated. Documented in docs/architecture.md ("SAM").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/node.hpp"
#include "model/template.hpp"

namespace stacklint {

// A resource of the deployed template that the transform made.
struct SamGenerated {
    std::string id;    // logical id
    std::string type;  // CloudFormation type
    // The SAM resource it comes from; empty for the transform's own (ServerlessRestApi...).
    std::string source;
};

class SamTransform {
  public:
    // The deployed form of a SAM template (`tmpl.is_sam()`).
    static std::unique_ptr<const SamTransform> apply(const Template& tmpl);

    SamTransform(const SamTransform&) = delete;
    SamTransform& operator=(const SamTransform&) = delete;

    // The template as CloudFormation receives it (the resources stacklint models).
    const Template& deployed() const { return *deployed_; }
    // Every resource the transform adds or rewrites, in template order.
    const std::vector<SamGenerated>& generated() const { return generated_; }
    const SamGenerated* find(std::string_view id) const;
    // The SAM resource a resource of the deployed template comes from; the id itself for a
    // resource the template writes as it is, empty for the transform's own.
    std::string_view source_of(std::string_view id) const;
    // True when the transform may create a resource with this logical id: one it certainly
    // creates, one of its own (`ServerlessRestApi...`, `ServerlessDeploymentApplication`,
    // `CodeDeployServiceRole`), or a name that starts with a SAM resource's logical id (the
    // hashed and event-derived ids).
    bool may_generate(std::string_view name) const;

    enum class Reference {
        NotSam,       // the resource is no SAM resource with property references
        Available,    // `MyFunction.Alias` with AutoPublishAlias set: SAM resolves it
        Unavailable,  // `MyFunction.Alias` without AutoPublishAlias: SAM leaves it unresolved
    };
    // A SAM property reference, `Ref: Resource.Property` (`MyApi.Stage`, `MyFunction.Alias`).
    Reference property_reference(std::string_view resource, std::string_view property) const;

  private:
    SamTransform() = default;
    friend class SamBuilder;

    Node root_;
    std::optional<Template> deployed_;
    std::vector<SamGenerated> generated_;
    std::vector<std::string> sam_ids_;  // the template's SAM resources
    // resource id -> the property references SAM resolves for it
    std::vector<std::pair<std::string, std::vector<std::string>>> references_;
    std::vector<std::pair<std::string, std::vector<std::string>>> unavailable_;
};

// The `Globals` section's part for a SAM type ("Function" for AWS::Serverless::Function), or
// nullptr.
const Node* sam_globals_section(const Template& tmpl, std::string_view sam_type);

// A SAM resource's properties with the `Globals` section merged in, as the transform merges
// them (maps merged key by key with the resource's value winning, lists of the globals before
// the resource's, scalars and functions replaced; the resource's IgnoreGlobals honoured).
// Nodes keep their positions.
Node sam_merged_properties(const Template& tmpl, const Resource& resource);

}  // namespace stacklint
