#include "lint/schema_check.hpp"

#include <algorithm>
#include <cstdint>

#include "core/text.hpp"
#include "schema/intrinsics.hpp"

namespace stacklint {

TypeKind classify_type(std::string_view type, const schema::Registry& registry) {
    if (schema::is_custom_resource_type(type)) return TypeKind::Custom;
    if (type.starts_with("AWS::Serverless::")) return TypeKind::Serverless;
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

// True when an unknown tag (a T003 diagnostic) sits between the resource's name and the next
// key at the resource's level or above.
bool holds_unknown_tag(const Stack& stack, const Resource& resource) {
    const std::uint32_t first = resource.id_mark.line;
    std::uint32_t end = UINT32_MAX;
    const Template& tmpl = *stack.tmpl;
    auto narrow = [&](Mark m) {
        if (m.line > first && m.line < end) end = m.line;
    };
    for (const Resource& r : tmpl.resources)
        narrow(r.id_mark);
    if (tmpl.root->is_mapping()) {
        for (const Entry& e : tmpl.root->entries())
            narrow(e.key_mark);
    }
    return std::any_of(stack.doc.diagnostics.begin(), stack.doc.diagnostics.end(),
                       [&](const Diagnostic& d) {
                           return d.rule == "T003" && d.mark.line >= first && d.mark.line < end;
                       });
}

}  // namespace

const schema::ResourceSchema* validated_schema(const Stack& stack, const Resource& resource,
                                               const schema::Registry& registry) {
    if (!stack.tmpl || stack.tmpl->has_macro() || resource.type_name.empty()) return nullptr;
    if (classify_type(resource.type_name, registry) != TypeKind::Validated) return nullptr;
    if (holds_unknown_tag(stack, resource)) return nullptr;
    return registry.find(resource.type_name);
}

void report_violations(const Stack& stack, const RuleContext& ctx, schema::Issue issue,
                       Reporter& out) {
    if (!stack.tmpl) return;
    const Template& tmpl = *stack.tmpl;
    for (const Resource& r : tmpl.resources) {
        const schema::ResourceSchema* schema = validated_schema(stack, r, ctx.schemas);
        if (schema == nullptr) continue;
        for (schema::Violation& v : schema::validate_resource(r, *schema, tmpl, ctx.schemas)) {
            if (v.issue != issue) continue;
            out.add(stack, Report{v.mark, std::move(v.message), r.id, std::move(v.path)});
        }
    }
}

}  // namespace stacklint
