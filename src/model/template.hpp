// CloudFormation semantics over a loaded `Node` tree: the sections of a template and its
// resources, each keeping the node (and so the position) it came from.
//
// The model is lenient: it records what is there and leaves judging to the rules, so a
// template with a broken part still yields everything that can be read.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/node.hpp"

namespace stacklint {

// A named entry of a top-level section (a parameter, a condition, an output...).
struct Named {
    std::string_view name;
    Mark mark;         // of the name
    const Node* node;  // its value
};

struct DependsOnRef {
    std::string_view target;  // empty when the entry is not a string
    const Node* node;
};

struct Resource {
    std::string_view id;
    Mark id_mark;
    const Node* node = nullptr;  // the resource's whole value

    // Each attribute's entry (key + value), or nullptr when absent.
    const Entry* type = nullptr;
    const Entry* properties = nullptr;
    const Entry* deletion_policy = nullptr;
    const Entry* update_replace_policy = nullptr;
    const Entry* depends_on = nullptr;
    const Entry* condition = nullptr;
    const Entry* metadata = nullptr;

    // `Type` when it is a string, else empty.
    std::string_view type_name;
    std::vector<DependsOnRef> depends;
    // The `aws:cdk:path` metadata the CDK CLI adds, or empty.
    std::string_view cdk_path;

    // A property of `Properties` by name, or nullptr.
    const Node* property(std::string_view name) const;
    const Entry* property_entry(std::string_view name) const;
    // `DeletionPolicy` / `UpdateReplacePolicy` as written when it is a plain string, else empty.
    std::string_view deletion_policy_value() const;
    std::string_view update_replace_policy_value() const;
};

// One `Fn::ForEach::Name` loop in `Resources` or `Outputs` (AWS::LanguageExtensions): it
// generates entries but is not one itself.
struct ForEachLoop {
    std::string_view section;
    std::string_view key;
    Mark mark;
    const Node* node;
};

// A resource written in the body of an `Fn::ForEach` loop in `Resources` (nested loops
// included), as the body writes it: `id` is the key template (`Queue${Name}`), and the
// identifiers of the enclosing loops stand for values known only when the loop expands.
struct LoopResource {
    Resource resource;
    std::vector<std::string_view> identifiers;  // outermost loop first
};

struct Template {
    const Node* root = nullptr;  // the whole document (a mapping, or whatever the file held)

    // Each top-level section's entry, or nullptr when absent.
    const Entry* format_version = nullptr;
    const Entry* description = nullptr;
    const Entry* metadata = nullptr;
    const Entry* parameters_section = nullptr;
    const Entry* rules_section = nullptr;
    const Entry* mappings_section = nullptr;
    const Entry* conditions_section = nullptr;
    const Entry* transform = nullptr;
    const Entry* resources_section = nullptr;
    const Entry* outputs_section = nullptr;
    const Entry* hooks_section = nullptr;

    std::vector<std::string_view> transforms;  // names given by `Transform` (string or list)
    std::vector<Named> parameters;
    std::vector<Named> mappings;
    std::vector<Named> conditions;
    std::vector<Named> outputs;
    std::vector<Resource> resources;
    std::vector<ForEachLoop> for_each_loops;
    // The resources those loops' bodies write, in document order. Not part of `resources`:
    // rules that want them (the schema rules) ask for them.
    std::vector<LoopResource> loop_resources;

    const Resource* find_resource(std::string_view id) const;
    const Named* find_parameter(std::string_view name) const;
    bool has_transform(std::string_view name) const;
    // True when a transform other than AWS::LanguageExtensions rewrites the template before
    // CloudFormation sees it (SAM, Include, macros): rules that need the final shape stay quiet.
    bool is_transformed() const;
    bool is_sam() const { return has_transform("AWS::Serverless-2016-10-31"); }
    // True when a transform whose output nobody can predict (a macro, AWS::Include) applies:
    // even the template's structure may be rewritten.
    bool has_macro() const;

  private:
    friend Template build_template(const Node& root);
    std::unordered_map<std::string_view, std::size_t> resource_index_;
};

// The sections CloudFormation accepts at the top level of a template.
bool is_top_level_section(std::string_view key);
// The attributes CloudFormation accepts on a resource.
bool is_resource_attribute(std::string_view key);

Template build_template(const Node& root);

}  // namespace stacklint
