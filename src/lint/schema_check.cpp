#include "lint/schema_check.hpp"

#include "fix/editor.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include "lint/memo.hpp"

#include "core/text.hpp"
#include "schema/intrinsics.hpp"

namespace stacklint {

TypeKind classify_type(std::string_view type, const schema::Registry& registry) {
    if (schema::is_custom_resource_type(type)) return TypeKind::Custom;
    // SAM's own types are validated against SAM's schema where the data has them.
    if (type.starts_with("AWS::Serverless::"))
        return registry.find(type) != nullptr ? TypeKind::Validated : TypeKind::Serverless;
    if (type.ends_with("::MODULE")) return TypeKind::Module;
    if (type == "AWS::CDK::Metadata") return TypeKind::CdkMetadata;
    if (type.find('/') != std::string_view::npos || type.ends_with(".yaml") ||
        type.ends_with(".yml") || type.ends_with(".json"))
        return TypeKind::RainModule;
    if (registry.find(type) != nullptr) return TypeKind::Validated;
    // AWS's own namespaces, in any case (`aws::s3::bucket` is a misspelling, not an extension).
    const std::string_view org = type.substr(0, type.find("::"));
    if (iequals(org, "AWS") || iequals(org, "Alexa")) return TypeKind::Unknown;
    // Org::Service::Type: three non-empty segments of letters, digits and underscores.
    std::size_t segments = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t sep = type.find("::", start);
        const std::string_view segment =
            type.substr(start, sep == std::string_view::npos ? sep : sep - start);
        const bool ok = !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_';
        });
        if (!ok) return TypeKind::Unknown;
        ++segments;
        if (sep == std::string_view::npos) break;
        start = sep + 2;
    }
    return segments == 3 ? TypeKind::ThirdParty : TypeKind::Unknown;
}

namespace {

// Resources (by their value node) holding an unknown tag (a T003 diagnostic) between their
// name and the next resource, loop or section. Sorting both sides keeps this O(n log n) for
// templates with many resources.
std::set<const Node*> resources_with_unknown_tags(const Stack& stack) {
    std::set<const Node*> out;
    std::vector<std::uint32_t> tags;
    for (const Diagnostic& d : stack.doc.diagnostics) {
        if (d.rule == "T003") tags.push_back(d.mark.line);
    }
    if (tags.empty()) return out;
    std::sort(tags.begin(), tags.end());
    const Template& tmpl = *stack.tmpl;
    const std::vector<CheckedResource> resources = checked_resources(tmpl);
    std::vector<std::uint32_t> boundaries;  // lines where a resource, loop or section starts
    boundaries.reserve(resources.size() + tmpl.for_each_loops.size() +
                       (tmpl.root->is_mapping() ? tmpl.root->entries().size() : 0));
    for (const CheckedResource& r : resources)
        boundaries.push_back(r.resource->id_mark.line);
    for (const ForEachLoop& loop : tmpl.for_each_loops)
        boundaries.push_back(loop.mark.line);
    if (tmpl.root->is_mapping()) {
        for (const Entry& e : tmpl.root->entries())
            boundaries.push_back(e.key_mark.line);
    }
    std::sort(boundaries.begin(), boundaries.end());
    for (const CheckedResource& r : resources) {
        const std::uint32_t first = r.resource->id_mark.line;
        const auto next = std::upper_bound(boundaries.begin(), boundaries.end(), first);
        const std::uint32_t end = next == boundaries.end() ? UINT32_MAX : *next;
        const auto tag = std::lower_bound(tags.begin(), tags.end(), first);
        if (tag != tags.end() && *tag < end) out.insert(r.resource->node);
    }
    return out;
}

}  // namespace

std::vector<CheckedResource> checked_resources(const Template& tmpl) {
    static const std::vector<std::string_view> kNone;
    std::vector<CheckedResource> out;
    out.reserve(tmpl.resources.size() + tmpl.loop_resources.size());
    for (const Resource& r : tmpl.resources)
        out.push_back({&r, &kNone});
    for (const LoopResource& r : tmpl.loop_resources) {
        const std::string_view type = r.resource.type_name;
        // `AWS::SQS::${Kind}`: the type itself is generated.
        if (type.find("${") != std::string_view::npos || type.find("&{") != std::string_view::npos)
            continue;
        out.push_back({&r.resource, &r.identifiers});
    }
    return out;
}

const schema::ResourceSchema* validated_schema(const Stack& stack, const Resource& resource,
                                               const schema::Registry& registry) {
    if (!stack.tmpl || stack.tmpl->has_macro() || resource.type_name.empty()) return nullptr;
    if (classify_type(resource.type_name, registry) != TypeKind::Validated) return nullptr;
    const auto& tagged = memoized<std::set<const Node*>>(
        stack, "schema.unknown-tags", [&] { return resources_with_unknown_tags(stack); });
    if (tagged.count(resource.node) > 0) return nullptr;
    return registry.find(resource.type_name);
}

namespace {

struct ResourceViolations {
    std::string_view resource;
    std::vector<schema::Violation> violations;
};

// The sections of a SAM template's Globals, each against the keys Globals may set for its type.
void validate_globals(const Stack& stack, const schema::Registry& registry,
                      std::vector<ResourceViolations>& out) {
    const Template& tmpl = *stack.tmpl;
    if (!tmpl.is_sam() || tmpl.has_macro() || !tmpl.root->is_mapping()) return;
    const Entry* globals = tmpl.root->find("Globals");
    if (globals == nullptr) return;
    ResourceViolations found{{}, {}};
    if (!globals->value.is_mapping() || globals->value.entries().empty()) {
        found.violations.push_back({schema::Issue::WrongType, globals->value.mark(), "Globals",
                                    "Globals must be a mapping of sections (Function, Api, ...) "
                                    "with at least one; the SAM transform rejects the template",
                                    false});
        out.push_back(std::move(found));
        return;
    }
    static const std::vector<std::string_view> kSections = {
        "Api",          "CapacityProvider", "Function",     "HttpApi",
        "LayerVersion", "SimpleTable",      "StateMachine", "WebSocketApi"};
    for (const Entry& section : globals->value.entries()) {
        const std::string type = "AWS::Serverless::" + section.key;
        const schema::ResourceSchema* schema = registry.globals_schema(type);
        if (schema == nullptr) {
            found.violations.push_back(
                {schema::Issue::UnknownProperty, section.key_mark, "Globals/" + section.key,
                 "Globals has no section '" + section.key + "'" +
                     did_you_mean(section.key, kSections) +
                     "; its sections are Api, CapacityProvider, Function, HttpApi, LayerVersion, "
                     "SimpleTable, StateMachine and WebSocketApi; the SAM transform rejects the "
                     "template",
                 false});
            continue;
        }
        for (schema::Violation& v :
             schema::validate_globals(section, type, *schema, tmpl, registry))
            found.violations.push_back(std::move(v));
    }
    if (!found.violations.empty()) out.push_back(std::move(found));
}

// Validates every resource of the stack once, loop bodies' included; the nine rules that
// report violations share it.
std::vector<ResourceViolations> validate_stack(const Stack& stack,
                                               const schema::Registry& registry) {
    std::vector<ResourceViolations> out;
    validate_globals(stack, registry, out);
    for (const CheckedResource& c : checked_resources(*stack.tmpl)) {
        const Resource& r = *c.resource;
        const schema::ResourceSchema* schema = validated_schema(stack, r, registry);
        if (schema == nullptr) continue;
        std::vector<schema::Violation> v =
            schema::validate_resource(r, *schema, *stack.tmpl, registry, *c.loop_identifiers);
        if (r.type_name.starts_with("AWS::Serverless::")) {
            // SAM rejects an unknown property of the resource, but reads nested settings (an
            // authorizer, an event's options) key by key and ignores the others; its schema
            // also lags behind the event sources it passes on. Only the top level is judged.
            const std::string top = "Resources/" + std::string(r.id) + "/Properties/";
            std::erase_if(v, [&](const schema::Violation& x) {
                return x.issue == schema::Issue::UnknownProperty && x.path.starts_with(top) &&
                       x.path.find('/', top.size()) != std::string::npos;
            });
        }
        if (!v.empty()) out.push_back({r.id, std::move(v)});
    }
    return out;
}

}  // namespace

void report_violations(const Stack& stack, const RuleContext& ctx, schema::Issue issue,
                       Reporter& out) {
    if (!stack.tmpl) return;
    const auto& all = memoized<std::vector<ResourceViolations>>(
        stack, "schema.violations", [&] { return validate_stack(stack, ctx.schemas); });
    for (const ResourceViolations& rv : all) {
        for (const schema::Violation& v : rv.violations) {
            if (v.issue != issue) continue;
            std::shared_ptr<const Fix> fix;
            if (!v.rename_to.empty()) {
                const Entry renamed{v.key, v.mark, Node()};
                fix = fix::make_fix(FixSafety::Safe,
                                    "rename '" + v.key + "' to '" + v.rename_to + "'",
                                    {fix::Editor(stack.doc).rename_key(renamed, v.rename_to)});
            }
            out.add(stack, Report{.mark = v.mark,
                                  .message = v.message,
                                  .resource = rv.resource,
                                  .path = v.path,
                                  .fix = std::move(fix)});
        }
    }
}

}  // namespace stacklint
