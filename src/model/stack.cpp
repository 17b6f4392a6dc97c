#include "model/stack.hpp"

#include <algorithm>
#include <array>

namespace stacklint {

std::string Stack::construct_path(std::string_view logical_id) const {
    if (logical_id.empty()) return {};
    if (tmpl) {
        if (const Resource* r = tmpl->find_resource(logical_id); r && !r->cdk_path.empty()) {
            return std::string(r->cdk_path);
        }
    }
    auto it = construct_paths.find(std::string(logical_id));
    return it == construct_paths.end() ? std::string() : it->second;
}

std::string Stack::origin(std::string_view logical_id) const {
    if (!cdk || logical_id.empty()) return {};
    return origin_from(construct_path(logical_id), false);
}

std::string Stack::construct_origin(std::string_view construct) const {
    if (!cdk) return {};
    return origin_from(std::string(construct), true);
}

std::string Stack::origin_from(std::string path, bool may_be_stack) const {
    if (path.empty()) return {};
    // creationStack entries sit on the resource's construct or on the L2 construct above it
    // (`Bucket/Resource` is created by `Bucket`).
    for (std::string p = std::move(path); !p.empty();) {
        // The stack's own trace says where the stack was created, not what is in it.
        if (p == cdk->construct && !may_be_stack) return {};
        if (auto it = cdk->origins.find(p); it != cdk->origins.end()) return it->second;
        if (p == cdk->construct) return {};
        const std::size_t slash = p.rfind('/');
        if (slash == std::string::npos || slash == 0) return {};
        p.resize(slash);
        may_be_stack = false;
        if (p.find('/') == std::string::npos) return {};  // reached the stack itself
    }
    return {};
}

namespace {
constexpr std::array kPlumbingTypes = {
    "AWS::CDK::Metadata",   "Custom::CDKBucketDeployment",  "Custom::S3AutoDeleteObjects",
    "Custom::LogRetention", "Custom::VpcRestrictDefaultSG", "Custom::S3BucketNotifications"};
// Construct ids of CDK's singleton providers.
constexpr std::array kPlumbingConstructs = {"LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a",
                                            "AWS679f53fac002430cb0da5b7982bd2287"};
}  // namespace

bool Stack::is_plumbing(std::string_view logical_id, std::string_view path) const {
    if (path == "Parameters/BootstrapVersion" || path.starts_with("Parameters/AssetParameters") ||
        path == "Rules/CheckBootstrapVersion" || path.starts_with("Rules/CheckBootstrapVersion/")) {
        return true;
    }
    if (logical_id.empty() || !tmpl) return false;
    const Resource* r = tmpl->find_resource(logical_id);
    if (r == nullptr) return false;
    if (std::find(kPlumbingTypes.begin(), kPlumbingTypes.end(), r->type_name) !=
        kPlumbingTypes.end()) {
        return true;
    }
    const std::string cpath = construct_path(logical_id);
    for (std::size_t start = 0; start < cpath.size();) {
        std::size_t end = cpath.find('/', start);
        if (end == std::string::npos) end = cpath.size();
        const std::string_view segment = std::string_view(cpath).substr(start, end - start);
        if (segment.starts_with("Custom::") ||
            std::find(kPlumbingConstructs.begin(), kPlumbingConstructs.end(), segment) !=
                kPlumbingConstructs.end()) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

const Stack& Stack::root() const {
    const Stack* s = this;
    while (s->parent != nullptr)
        s = s->parent;
    return *s;
}

std::vector<StackSummary::Parameter> parameters_of(const Template& t) {
    std::vector<StackSummary::Parameter> out;
    out.reserve(t.parameters.size());
    for (const Named& p : t.parameters) {
        out.push_back({std::string(p.name), p.node != nullptr && p.node->is_mapping() &&
                                                p.node->get("Default") == nullptr});
    }
    return out;
}

std::size_t Stack::resource_count() const {
    if (summary) return summary->resources;
    return tmpl ? tmpl->resources.size() : 0;
}

std::optional<std::string_view> Stack::line_text(std::uint32_t line) const {
    if (doc.source) {
        if (line == 0 || line > doc.source->line_count()) return std::nullopt;
        return doc.source->line_text(line);
    }
    if (summary) {
        const auto& q = summary->quoted;
        const auto it = std::lower_bound(
            q.begin(), q.end(), line,
            [](const StackSummary::QuotedLine& e, std::uint32_t l) { return e.line < l; });
        if (it != q.end() && it->line == line)
            return std::string_view(summary->quoted_text).substr(it->begin, it->size);
    }
    return std::nullopt;
}

void Stack::compact(const std::vector<std::uint32_t>& lines) {
    StackSummary s;
    if (tmpl) {
        s.has_template = true;
        s.has_macro = tmpl->has_macro();
        s.resources = tmpl->resources.size();
        s.parameters = parameters_of(*tmpl);
    }
    std::vector<std::uint32_t> sorted = lines;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const std::uint32_t line : sorted) {
        const auto text = line_text(line);
        if (!text) continue;
        s.quoted.push_back({line, static_cast<std::uint32_t>(s.quoted_text.size()),
                            static_cast<std::uint32_t>(text->size())});
        s.quoted_text += *text;
    }
    s.quoted.shrink_to_fit();
    s.quoted_text.shrink_to_fit();
    s.parameters.shrink_to_fit();
    // What points into the tree goes before the tree.
    memo.clear();
    graph.reset();
    sam.reset();
    tmpl.reset();
    doc.root.reset();
    doc.diagnostics.clear();
    doc.diagnostics.shrink_to_fit();
    doc.source.reset();
    summary = std::move(s);
}

std::unique_ptr<Stack> make_stack(std::string name, std::shared_ptr<const Source> source,
                                  const LoadLimits& limits) {
    auto stack = std::make_unique<Stack>();
    stack->name = std::move(name);
    stack->file = source->name();
    stack->doc = load_document(std::move(source), limits);
    if (stack->doc.root) {
        stack->tmpl = std::make_unique<Template>(build_template(*stack->doc.root));
        if (stack->tmpl->is_sam()) stack->sam = SamTransform::apply(*stack->tmpl);
        stack->graph = std::make_unique<ResourceGraph>(
            build_graph(*stack->tmpl, stack->doc.source.get(), stack->sam.get()));
    }
    return stack;
}

}  // namespace stacklint
