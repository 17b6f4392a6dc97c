// C001: what CDK itself warned about during synthesis.
#include "lint/rule.hpp"

#include <cstdint>
#include <cstdio>

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "C001",
                         .name = "cdk-annotation",
                         .pack = "cdk",
                         .severity = Severity::Warning,
                         .summary = "An error, warning or info message CDK attached to a construct",
                         .doc = R"md(### What it finds
The annotations CDK records in a cloud assembly while synthesizing — `aws:cdk:error`,
`aws:cdk:warning` and `aws:cdk:info` metadata, added by CDK itself or by
`Annotations.of(construct).addError/addWarning/addWarningV2/addInfo` — reported at the
construct they belong to: the resource in the synthesized template when the construct has
one, else the entry in the stack's metadata file, with the construct path of the stack or
construct (the property path is then the metadata key, the annotation's type and a hash of
its message, so that each annotation keeps its own fingerprint). The finding's severity is
the annotation's level (error, warning, info).

### Why it matters
`cdk synth` prints these once and moves on; in CI they scroll past unread, and
`cdk deploy` deploys anyway unless `--strict` is given. Reporting them with everything
else makes them part of the gate, where they can be fixed or deliberately suppressed.

### Bad
```
[Warning at /FrontendStack/AssetsBucket] Bucket has an explicit name ...
```

### Good
Fix what the annotation says, or acknowledge it in code
(`Annotations.of(x).acknowledgeWarning(id)`) or in stacklint's configuration.
)md"};

Severity level_of(std::string_view level) {
    if (level == "error") return Severity::Error;
    if (level == "info") return Severity::Info;
    return Severity::Warning;
}

class CdkAnnotationRule final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.cdk || !stack.tmpl) return;
        for (const CdkAnnotation& a : stack.cdk->annotations) {
            const Resource* at = resource_of(stack, a.construct);
            const std::string message = "CDK " + a.level + " on " + a.construct + ": " + a.message;
            if (at != nullptr) {
                out.add(stack, {at->id_mark, message, at->id, path_of({"Resources", at->id}),
                                level_of(a.level)});
            } else {
                // On the stack or a construct without resources: the construct path leads,
                // and the property path tells annotations of one construct apart.
                Report report{a.mark, message, {}, metadata_path(a), level_of(a.level), a.file};
                report.construct = a.construct;
                out.add(stack, std::move(report));
            }
        }
    }

  private:
    // "/Prod/Service/aws:cdk:warning/1f2e3d4c": the metadata key, the annotation's type and a
    // hash of its message (FNV-1a), so that the fingerprint survives moved lines but two
    // messages on one construct stay two findings.
    static std::string metadata_path(const CdkAnnotation& a) {
        std::uint32_t hash = 2166136261u;
        for (unsigned char c : a.message) {
            hash ^= c;
            hash *= 16777619u;
        }
        char hex[9];
        std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(hash));
        return "/" + a.construct + "/aws:cdk:" + a.level + "/" + hex;
    }

    // The resource the annotated construct stands for: the one whose construct path is the
    // construct's own or lies right under it (`Bucket` -> `Bucket/Resource`).
    static const Resource* resource_of(const Stack& stack, const std::string& construct) {
        const Resource* below = nullptr;
        for (const Resource& r : stack.tmpl->resources) {
            const std::string path = stack.construct_path(r.id);
            if (path == construct) return &r;
            if (below == nullptr && path.size() > construct.size() && path.starts_with(construct) &&
                path[construct.size()] == '/' &&
                path.find('/', construct.size() + 1) == std::string::npos) {
                below = &r;
            }
        }
        return below;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(CdkAnnotationRule)
}  // namespace stacklint
