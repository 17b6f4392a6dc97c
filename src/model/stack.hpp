// A stack: one template as CloudFormation deploys it, with what we know about it beyond the
// template itself (its CDK stack name, termination protection, construct paths).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
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

// What is kept of a loose template once its findings are made and its tree is freed
// (LintOptions::compact): the facts the set rules and the reports read.
struct StackSummary {
    bool has_template = false;  // the document parsed into a template
    bool has_macro = false;     // Template::has_macro()
    std::size_t resources = 0;
    // Its parameters in template order, and whether each must be given (no Default): for
    // X006, which matches a nested stack's Parameters with its template.
    struct Parameter {
        std::string name;
        bool required = false;
    };
    std::vector<Parameter> parameters;
    // The text of the lines its findings point at, for the code frames of the text report:
    // one string of them all, and where each line is in it, by line number.
    struct QuotedLine {
        std::uint32_t line = 0;
        std::uint32_t begin = 0;
        std::uint32_t size = 0;
    };
    std::vector<QuotedLine> quoted;
    std::string quoted_text;
};

// A template's parameters as StackSummary keeps them.
std::vector<StackSummary::Parameter> parameters_of(const Template& t);

struct Stack {
    std::string name;  // CDK stack name, or the template's file name without extension
    std::string file;  // the template's path as the user named it
    std::string path;  // the path it was read from (empty for stdin): never overwritten
    // The application the stack belongs to: the stacks deployed together. A CDK cloud
    // assembly is one app; loose templates in one directory are taken to be one app.
    std::string app;
    Document doc;
    // Absent when the document could not be parsed. The model, the graph and the CDK facts
    // are held apart from the stack so that a compacted stack is small.
    std::unique_ptr<Template> tmpl;
    // For a SAM template: what the transform makes of it (src/model/sam.hpp).
    std::shared_ptr<const SamTransform> sam;
    std::unique_ptr<ResourceGraph> graph;  // built with `tmpl`: who refers to whom

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

    std::unique_ptr<CdkStackInfo> cdk;  // set for stacks read from a cloud assembly
    const Stack* parent = nullptr;      // for a nested stack, the stack that holds it
    std::string parent_resource;        // ... and its AWS::CloudFormation::Stack logical id

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

    // Set once the stack is compacted: `doc`, `tmpl`, `sam`, `graph` and `memo` are then empty.
    std::optional<StackSummary> summary;
    // The number of resources of its template (0 without one), compacted or not.
    std::size_t resource_count() const;
    // The text of a 1-based line of its template, when known: any line while the source is
    // loaded, the quoted lines once compacted.
    std::optional<std::string_view> line_text(std::uint32_t line) const;
    // Frees the tree, the model and the source, keeping the summary; `lines` are the lines
    // to keep for code frames.
    void compact(const std::vector<std::uint32_t>& lines);

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

// Work that rules share across a whole set, computed once (see src/lint/memo.hpp).
struct SetMemo {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const void>, std::less<>> values;
};

// Everything linted in one run: rules that look across stacks see all of it.
struct LintSet {
    std::vector<std::unique_ptr<Stack>> stacks;
    std::vector<UnloadedStack> unloaded;
    // Filled while rules run, when the stacks no longer change; any thread may ask.
    std::shared_ptr<SetMemo> memo = std::make_shared<SetMemo>();
};

}  // namespace stacklint
