#include "model/template.hpp"

#include <algorithm>
#include <array>

namespace stacklint {

namespace {

constexpr std::array kTopLevel = {"AWSTemplateFormatVersion",
                                  "Description",
                                  "Metadata",
                                  "Parameters",
                                  "Rules",
                                  "Mappings",
                                  "Conditions",
                                  "Transform",
                                  "Resources",
                                  "Outputs",
                                  "Hooks"};

constexpr std::array kResourceAttributes = {
    "Type",           "Properties",          "DependsOn",      "Condition",   "Metadata",
    "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy"};

template <std::size_t N>
bool contains(const std::array<const char*, N>& list, std::string_view key) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

constexpr std::string_view kForEach = "Fn::ForEach::";

std::vector<Named> named_entries(const Entry* section, std::vector<ForEachLoop>& loops) {
    std::vector<Named> out;
    if (section == nullptr || !section->value.is_mapping()) return out;
    out.reserve(section->value.entries().size());
    for (const Entry& e : section->value.entries()) {
        if (e.key.starts_with(kForEach)) {
            loops.push_back(ForEachLoop{section->key, e.key, e.key_mark, &e.value});
            continue;
        }
        out.push_back(Named{e.key, e.key_mark, &e.value});
    }
    return out;
}

std::string_view plain_string(const Entry* entry) {
    if (entry == nullptr || !entry->value.is_scalar()) return {};
    return entry->value.text();
}

Resource build_resource(const Entry& e) {
    Resource r;
    r.id = e.key;
    r.id_mark = e.key_mark;
    r.node = &e.value;
    if (!e.value.is_mapping()) return r;
    const Node& v = e.value;
    r.type = v.find("Type");
    r.properties = v.find("Properties");
    r.deletion_policy = v.find("DeletionPolicy");
    r.update_replace_policy = v.find("UpdateReplacePolicy");
    r.depends_on = v.find("DependsOn");
    r.condition = v.find("Condition");
    r.metadata = v.find("Metadata");
    r.type_name = plain_string(r.type);
    if (r.depends_on != nullptr) {
        const Node& d = r.depends_on->value;
        if (d.is_sequence()) {
            for (const Node& item : d.items()) {
                r.depends.push_back(
                    DependsOnRef{item.is_scalar() ? std::string_view(item.text()) : "", &item});
            }
        } else {
            r.depends.push_back(DependsOnRef{d.is_scalar() ? std::string_view(d.text()) : "", &d});
        }
    }
    if (r.metadata != nullptr) {
        if (const Node* p = r.metadata->value.get("aws:cdk:path"); p && p->is_scalar()) {
            r.cdk_path = p->text();
        }
    }
    return r;
}

// `Fn::ForEach::Name: [Identifier, Collection, {KeyTemplate: Definition, ...}]`: the
// definitions of the body, and those of loops nested in it. The loader's depth limit bounds
// the recursion.
void collect_loop_resources(const Node& loop, std::vector<std::string_view>& identifiers,
                            std::vector<LoopResource>& out) {
    if (!loop.is_sequence() || loop.items().size() != 3) return;
    const Node& identifier = loop.items()[0];
    const Node& body = loop.items()[2];
    if (!identifier.is_scalar() || !body.is_mapping()) return;
    identifiers.push_back(identifier.text());
    for (const Entry& e : body.entries()) {
        if (e.key.starts_with(kForEach)) {
            collect_loop_resources(e.value, identifiers, out);
        } else {
            out.push_back(LoopResource{build_resource(e), identifiers});
        }
    }
    identifiers.pop_back();
}

}  // namespace

const Entry* Resource::property_entry(std::string_view name) const {
    if (properties == nullptr || !properties->value.is_mapping()) return nullptr;
    return properties->value.find(name);
}

const Node* Resource::property(std::string_view name) const {
    const Entry* e = property_entry(name);
    return e ? &e->value : nullptr;
}

std::string_view Resource::deletion_policy_value() const {
    return plain_string(deletion_policy);
}

std::string_view Resource::update_replace_policy_value() const {
    return plain_string(update_replace_policy);
}

const Resource* Template::find_resource(std::string_view id) const {
    auto it = resource_index_.find(id);
    return it == resource_index_.end() ? nullptr : &resources[it->second];
}

const Named* Template::find_parameter(std::string_view name) const {
    for (const Named& p : parameters) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

bool Template::has_transform(std::string_view name) const {
    return std::find(transforms.begin(), transforms.end(), name) != transforms.end();
}

bool Template::is_transformed() const {
    if (transform == nullptr) return false;
    // A transform given by an intrinsic or an object ({Name: AWS::Include}) counts too.
    if (transforms.empty()) return true;
    return std::any_of(transforms.begin(), transforms.end(),
                       [](std::string_view t) { return t != "AWS::LanguageExtensions"; });
}

bool Template::has_macro() const {
    if (transform == nullptr) return false;
    if (transforms.empty()) return true;  // given by an intrinsic or as {Name: ..., Parameters}
    return std::any_of(transforms.begin(), transforms.end(), [](std::string_view t) {
        return t != "AWS::LanguageExtensions" && t != "AWS::Serverless-2016-10-31";
    });
}

bool is_top_level_section(std::string_view key) {
    return contains(kTopLevel, key);
}

bool is_resource_attribute(std::string_view key) {
    return contains(kResourceAttributes, key);
}

Template build_template(const Node& root) {
    Template t;
    t.root = &root;
    if (!root.is_mapping()) return t;
    t.format_version = root.find("AWSTemplateFormatVersion");
    t.description = root.find("Description");
    t.metadata = root.find("Metadata");
    t.parameters_section = root.find("Parameters");
    t.rules_section = root.find("Rules");
    t.mappings_section = root.find("Mappings");
    t.conditions_section = root.find("Conditions");
    t.transform = root.find("Transform");
    t.resources_section = root.find("Resources");
    t.outputs_section = root.find("Outputs");
    t.hooks_section = root.find("Hooks");

    if (t.transform != nullptr) {
        const Node& tr = t.transform->value;
        if (tr.is_scalar()) {
            t.transforms.push_back(tr.text());
        } else if (tr.is_sequence()) {
            for (const Node& item : tr.items()) {
                if (item.is_scalar()) t.transforms.push_back(item.text());
            }
        }
    }
    t.parameters = named_entries(t.parameters_section, t.for_each_loops);
    t.mappings = named_entries(t.mappings_section, t.for_each_loops);
    t.conditions = named_entries(t.conditions_section, t.for_each_loops);
    t.outputs = named_entries(t.outputs_section, t.for_each_loops);

    if (t.resources_section != nullptr && t.resources_section->value.is_mapping()) {
        const auto& entries = t.resources_section->value.entries();
        t.resources.reserve(entries.size());
        for (const Entry& e : entries) {
            if (e.key.starts_with(kForEach)) {
                t.for_each_loops.push_back(ForEachLoop{"Resources", e.key, e.key_mark, &e.value});
                std::vector<std::string_view> identifiers;
                collect_loop_resources(e.value, identifiers, t.loop_resources);
                continue;
            }
            t.resource_index_.emplace(e.key, t.resources.size());
            t.resources.push_back(build_resource(e));
        }
    }
    return t;
}

}  // namespace stacklint
