// R001: a versioned bucket whose old versions are never expired.
#include "lint/rule.hpp"
#include "model/values.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R001",
    .name = "versioned-bucket-without-noncurrent-expiration",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "A versioned S3 bucket has no enabled lifecycle rule expiring old versions",
    .doc = R"md(### What it finds
An `AWS::S3::Bucket` with `VersioningConfiguration.Status: Enabled` and no *enabled*
lifecycle rule with `NoncurrentVersionExpiration` (or the legacy
`NoncurrentVersionExpirationInDays`) that covers the whole bucket. A rule with
`Status: Disabled` does not count; a rule limited by `Prefix`, `TagFilters` or an object
size covers only part of the bucket, and the message says so. When versioning or the rule
depends on a condition or a parameter, stacklint stays silent unless every possibility is
a problem.

### Why it matters
With versioning on, every overwrite and every delete keeps the old version. Nothing removes
them: storage grows without bound, and CloudFormation cannot delete a bucket that still
holds versions. In a real incident a bucket re-uploaded 40 files a few times a day until
it held 8,137 versions and 307 delete markers; deleting its stack ended in
`DELETE_FAILED` and blocked every later deployment.

### Bad
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled
```

### Good
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled
    LifecycleConfiguration:
      Rules:
        - Id: ExpireOldVersions
          Status: Enabled
          NoncurrentVersionExpiration:
            NoncurrentDays: 30
```
)md"};

constexpr std::string_view kFix =
    "add LifecycleConfiguration: {Rules: [{Id: ExpireOldVersions, Status: Enabled, "
    "NoncurrentVersionExpiration: {NoncurrentDays: 30}}]}";

bool present(const Node* v) {
    return v != nullptr && !is_no_value(*v);
}

// What limits a lifecycle rule to part of the bucket, described for a message; empty when
// the rule covers every object.
std::string scope_of(const Node& rule) {
    if (const Node* prefix = rule.get("Prefix"); present(prefix)) {
        if (!prefix->is_scalar()) return "a prefix";
        if (!prefix->text().empty()) return "prefix '" + prefix->text() + "'";
    }
    if (const Node* tags = rule.get("TagFilters"); present(tags) && tags->size() > 0) return "tags";
    if (present(rule.get("ObjectSizeGreaterThan")) || present(rule.get("ObjectSizeLessThan"))) {
        return "object size";
    }
    if (const Node* filter = rule.get("Filter"); present(filter) && filter->size() > 0) {
        return "a filter";
    }
    return {};
}

std::string rule_name(const Node& rule, std::size_t index) {
    const Node* id = rule.get("Id");
    return id != nullptr && id->is_scalar() ? "'" + id->text() + "'"
                                            : "#" + std::to_string(index + 1);
}

class VersionedBucketWithoutNoncurrentExpiration final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& bucket : stack.tmpl->resources) {
            if (bucket.type_name != "AWS::S3::Bucket" || !resilience::versioning_enabled(bucket)) {
                continue;
            }
            check_bucket(stack, bucket, out);
        }
    }

  private:
    static void check_bucket(const Stack& stack, const Resource& bucket, Reporter& out) {
        std::string scoped;    // a matching rule limited to part of the bucket
        std::string disabled;  // a matching rule that is switched off
        if (const Node* lifecycle = bucket.property("LifecycleConfiguration")) {
            if (!lifecycle->is_mapping()) return;  // given by a function: cannot be known
            const Node* rules = lifecycle->get("Rules");
            if (rules != nullptr && !rules->is_sequence()) return;
            for (std::size_t i = 0; rules != nullptr && i < rules->items().size(); ++i) {
                const PossibleValues candidates = possible_values(rules->items()[i]);
                if (candidates.unknown) return;
                for (const Node* rule : candidates.values) {
                    if (rule == nullptr || !rule->is_mapping()) continue;
                    if (!present(rule->get("NoncurrentVersionExpiration")) &&
                        !present(rule->get("NoncurrentVersionExpirationInDays"))) {
                        continue;
                    }
                    // A rule without Status is invalid (the schema rules say so); not ours.
                    const Node* status = rule->get("Status");
                    if (status == nullptr) return;
                    const PossibleValues s = possible_values(*status);
                    const bool may_be_enabled = s.unknown || s.any([](const Node* v) {
                        return v && v->text() == "Enabled";
                    });
                    if (!may_be_enabled) {
                        disabled = rule_name(*rule, i);
                        continue;
                    }
                    const std::string scope = scope_of(*rule);
                    if (scope.empty()) return;  // the whole bucket is covered
                    scoped =
                        "rule " + rule_name(*rule, i) + " expires old versions only for " + scope;
                }
            }
        }
        const Entry* versioning = bucket.property_entry("VersioningConfiguration");
        const std::string id(bucket.id);
        std::string message;
        if (!scoped.empty()) {
            message = "versioned bucket '" + id + "': " + scoped +
                      "; every other object keeps all its old versions forever, and CloudFormation "
                      "cannot delete the bucket while it holds them; add a rule for the whole "
                      "bucket: {Id: ExpireOldVersions, Status: Enabled, "
                      "NoncurrentVersionExpiration: {NoncurrentDays: 30}}";
        } else if (!disabled.empty()) {
            message = "versioned bucket '" + id + "': lifecycle rule " + disabled +
                      " would expire old versions but its Status is Disabled, so none ever "
                      "expire and CloudFormation cannot delete the bucket while it holds them; "
                      "set Status: Enabled";
        } else {
            message = "versioned bucket '" + id +
                      "' has no lifecycle rule expiring noncurrent versions: every overwrite and "
                      "delete keeps an old version forever, storage grows without bound and "
                      "CloudFormation cannot delete the bucket while it holds them; " +
                      std::string(kFix);
        }
        out.add(stack,
                {versioning->key_mark, std::move(message), bucket.id,
                 path_of({"Resources", bucket.id, "Properties", "VersioningConfiguration"})});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(VersionedBucketWithoutNoncurrentExpiration)
}  // namespace stacklint
