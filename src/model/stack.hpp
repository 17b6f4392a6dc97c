// A stack: one template as CloudFormation deploys it, with what we know about it beyond the
// template itself (its CDK stack name, termination protection, construct paths).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.hpp"
#include "load/loader.hpp"
#include "model/sam.hpp"
#include "model/template.hpp"

namespace stacklint {

// A message CDK attached to a construct during synthesis (Annotations.of(x).addWarning...).
struct CdkAnnotation {
    std::string level;  // "error", "warning" or "info"
    std::string message;
    std::string construct;  // construct path, without the leading '/'
    std::string file;       // the metadata file it was read from
    Mark mark;              // its position there
};

// What a CDK cloud assembly says about a stack beyond its template.
struct CdkStackInfo {
    std::string artifact_id;  // for a nested stack, its root's
    // The stack's own construct path ("Prod/Service", "Api/Queue" for a nested stack), when
    // the metadata tells it.
    std::string construct;
    std::string manifest_file;  // manifest.json as the user would name it
    Mark manifest_mark;         // the artifact's entry (or its terminationProtection key)
    std::vector<std::string> dependencies;  // artifact ids of stacks deployed before it
    std::string account;  // from the artifact's environment (aws://ACCOUNT/REGION), if known
    std::string region;
    // The stack's tags (`properties.tags`), which CloudFormation also applies to its
    // resources and nested stacks.
    std::map<std::string, std::string> tags;
    std::vector<CdkAnnotation> annotations;
    // Construct path -> the user's source location that created it ("lib/x.ts:42:5"), from
    // aws:cdk:creationStack metadata (synthesized with CDK_DEBUG=true).
    std::unordered_map<std::string, std::string> origins;
};

struct Stack {
    std::string name;  // CDK stack name, or the template's file name without extension
    std::string file;  // the template's path as the user named it
    std::string path;  // the path it was read from (empty for stdin): never overwritten
    // The application the stack belongs to: the stacks deployed together. A CDK cloud
    // assembly is one app; loose templates in one directory are taken to be one app.
    std::string app;
    Document doc;
    std::optional<Template> tmpl;  // absent when the document could not be parsed
    // For a SAM template: what the transform makes of it (src/model/sam.hpp).
    std::shared_ptr<const SamTransform> sam;
    std::optional<ResourceGraph> graph;  // built with `tmpl`: who refers to whom

    std::optional<bool> termination_protection;  // known for CDK stacks
    // A template of a cloud assembly that configuration excludes: no rule reports on it, but
    // the rules that look across stacks still see what it exports and imports.
    bool excluded = false;
    // Logical id -> CDK construct path, from assembly metadata (resources' own
    // `aws:cdk:path` metadata is read from the template).
    std::unordered_map<std::string, std::string> construct_paths;

    // Work that several rules share for this stack, computed by the first that needs it (see
    // src/lint/memo.hpp). Template rules of one stack run on one thread, set rules after them.
    mutable std::map<std::string, std::shared_ptr<const void>, std::less<>> memo;

    std::optional<CdkStackInfo> cdk;  // set for stacks read from a cloud assembly
    const Stack* parent = nullptr;    // for a nested stack, the stack that holds it
    std::string parent_resource;      // ... and its AWS::CloudFormation::Stack logical id

    // The construct path of a resource, or empty when unknown.
    std::string construct_path(std::string_view logical_id) const;
    // The user's source location that created the resource, or empty when unknown.
    std::string origin(std::string_view logical_id) const;
    // The same for a construct that is no resource (a stack, or a construct without one).
    std::string construct_origin(std::string_view construct) const;
    // CDK plumbing that is not the user's to fix: AWS::CDK::Metadata, the BootstrapVersion
    // parameter and CheckBootstrapVersion rule, asset parameters, and the custom resources
    // CDK adds for its own features (bucket deployments, auto-delete, log retention, emptying
    // a VPC's default security group, bucket notifications) with their providers. `path` is
    // the finding's property path.
    bool is_plumbing(std::string_view logical_id, std::string_view path) const;
    // The outermost stack of a nested-stack chain (itself when not nested).
    const Stack& root() const;
    // The template as CloudFormation deploys it: after the SAM transform for a SAM template,
    // else the template itself. Rules that judge what gets deployed (resilience, security)
    // read this one. Only for stacks with a template.
    const Template& deployed() const { return sam ? sam->deployed() : *tmpl; }

  private:
    std::string origin_from(std::string construct, bool may_be_stack) const;
};

// Loads a stack from a source; never throws for bad content.
std::unique_ptr<Stack> make_stack(std::string name, std::shared_ptr<const Source> source,
                                  const LoadLimits& limits);

// A stack a CDK cloud assembly declares but that could not be loaded: its artifact is
// malformed or its template cannot be read (a tool error says why). Rules that look across an
// app's stacks must not judge the names it might export or import.
struct UnloadedStack {
    std::string app;
    std::string artifact_id;
    std::string name;     // stack name or artifact id, when known
    std::string account;  // its environment, when the manifest gives it
    std::string region;
};

// Everything linted in one run: rules that look across stacks see all of it.
struct LintSet {
    std::vector<std::unique_ptr<Stack>> stacks;
    std::vector<UnloadedStack> unloaded;
};

}  // namespace stacklint
