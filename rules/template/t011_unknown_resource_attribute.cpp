// T011: a key on a resource that is not a resource attribute (a misspelt `Properties`...).
#include "core/text.hpp"
#include "fix/editor.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T011",
                         .name = "unknown-resource-attribute",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A resource has a key that is not a resource attribute",
                         .doc = R"md(### What it finds
Keys of a resource other than `Type`, `Properties`, `DependsOn`, `Condition`, `Metadata`,
`DeletionPolicy`, `UpdateReplacePolicy`, `CreationPolicy` and `UpdatePolicy` (SAM
resources may also have `Connectors` and `IgnoreGlobals`, custom resources `Version`), with
a suggestion when the key looks like a misspelling. A `Description` beside them is not
reported: CloudFormation accepts and ignores it (AWS CodeStar writes one on every resource),
and SAM drops it. `Overrides`, which belongs to Rain modules, is reported as info: a
directive of the Rain preprocessor, read by CloudFormation only once `rain pkg` has written
the template out. Templates processed by a macro are skipped: macros define attributes of
their own.

### Why it matters
CloudFormation rejects the template. The usual causes are a misspelt `Properties` or
`DeletionPolicy`, or a property indented one level too shallow so that it sits beside
`Properties` instead of inside it.

### Bad
```yaml
Bucket:
  Type: AWS::S3::Bucket
  DeletionPolcy: Retain
  Properties:
    BucketName: reports
```

### Good
```yaml
Bucket:
  Type: AWS::S3::Bucket
  DeletionPolicy: Retain
  Properties:
    BucketName: reports
```

### Fix
The fix (safe) renames the key when exactly one attribute is the closest match and the
resource does not have that attribute yet.
)md",
                         .fix = FixSafety::Safe};

const std::vector<std::string_view> kAttributes = {
    "Type",           "Properties",          "DependsOn",      "Condition",   "Metadata",
    "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy"};

class UnknownResourceAttribute final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        // A macro may define attributes of its own (`Count`, `ExplodeMap`...).
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        for (const Resource& r : stack.tmpl->resources) {
            if (!r.node->is_mapping()) continue;
            const bool sam = r.type_name.starts_with("AWS::Serverless::");
            const bool custom = r.type_name.starts_with("Custom::") ||
                                r.type_name == "AWS::CloudFormation::CustomResource";
            for (const Entry& e : r.node->entries()) {
                if (is_resource_attribute(e.key)) continue;
                // A resource-level Description is accepted and ignored: CloudFormation takes it
                // (AWS CodeStar's templates give one to every resource; the AWS CDK's
                // cfn-include reads it as a resource attribute), and the SAM transform drops it.
                if (e.key == "Description") continue;
                if (sam && (e.key == "Connectors" || e.key == "IgnoreGlobals")) continue;
                if (custom && e.key == "Version") continue;
                if (e.key == "Overrides") {
                    out.add(stack, {e.key_mark,
                                    "'Overrides' belongs to Rain modules; CloudFormation cannot "
                                    "read it until the template is packaged with 'rain pkg'",
                                    r.id, path_of({"Resources", r.id, e.key}), Severity::Info});
                    continue;
                }
                const std::string hint = did_you_mean(e.key, kAttributes);
                std::string msg = "'" + e.key + "' is not a resource attribute" + hint;
                msg += hint.empty() ? "; if it is a property, indent it under Properties"
                                    : "; CloudFormation rejects the template";
                std::shared_ptr<const Fix> fix;
                const std::string_view meant = unique_closest_match(e.key, kAttributes);
                if (!meant.empty() && r.node->find(meant) == nullptr) {
                    fix = fix::make_fix(FixSafety::Safe,
                                        "rename '" + e.key + "' to '" + std::string(meant) + "'",
                                        {fix::Editor(stack.doc).rename_key(e, meant)});
                }
                out.add(stack, {.mark = e.key_mark,
                                .message = std::move(msg),
                                .resource = r.id,
                                .path = path_of({"Resources", r.id, e.key}),
                                .fix = std::move(fix)});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnknownResourceAttribute)
}  // namespace stacklint
