// A stack: one template as CloudFormation deploys it, with what we know about it beyond the
// template itself (its CDK stack name, termination protection, construct paths).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.hpp"
#include "load/loader.hpp"
#include "model/template.hpp"

namespace stacklint {

struct Stack {
    std::string name;  // CDK stack name, or the template's file name without extension
    std::string file;  // the template's path as the user named it
    Document doc;
    std::optional<Template> tmpl;        // absent when the document could not be parsed
    std::optional<ResourceGraph> graph;  // built with `tmpl`: who refers to whom

    std::optional<bool> termination_protection;  // known for CDK stacks
    // Logical id -> CDK construct path, from assembly metadata (resources' own
    // `aws:cdk:path` metadata is read from the template).
    std::unordered_map<std::string, std::string> construct_paths;

    // The construct path of a resource, or empty when unknown.
    std::string construct_path(std::string_view logical_id) const;
};

// Loads a stack from a source; never throws for bad content.
std::unique_ptr<Stack> make_stack(std::string name, std::shared_ptr<const Source> source,
                                  const LoadLimits& limits);

// Everything linted in one run: rules that look across stacks see all of it.
struct LintSet {
    std::vector<std::unique_ptr<Stack>> stacks;
};

}  // namespace stacklint
