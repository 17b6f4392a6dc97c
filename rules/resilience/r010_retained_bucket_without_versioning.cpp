// R010: a bucket worth keeping that one bad delete can empty for good.
#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "R010",
                         .name = "retained-bucket-without-versioning",
                         .pack = "resilience",
                         .severity = Severity::Warning,
                         .summary = "A bucket worth keeping is not versioned",
                         .doc = R"md(### What it finds
An `AWS::S3::Bucket` that holds data meant to last — it has `DeletionPolicy: Retain` or
`RetainExceptOnCreate`, or it lives in a storage stack (see R004) — without versioning
(no `VersioningConfiguration`, or `Status: Suspended`). When versioning depends on a
condition or parameter, the rule stays silent.

### Why it matters
Without versioning, a delete or an overwrite is final. In a real incident a cleanup job
deleted 6,892 objects from the wrong bucket; they came back only because versioning kept
the previous versions and removing the delete markers restored them. If you keep a bucket
when its stack goes, keep its history too.

### Bad
```yaml
Documents:
  Type: AWS::S3::Bucket
  DeletionPolicy: Retain
```

### Good
```yaml
Documents:
  Type: AWS::S3::Bucket
  DeletionPolicy: Retain
  UpdateReplacePolicy: Retain
  Properties:
    VersioningConfiguration: {Status: Enabled}
    LifecycleConfiguration:
      Rules:
        - {Id: ExpireOldVersions, Status: Enabled, NoncurrentVersionExpiration: {NoncurrentDays: 90}}
```
)md"};

class RetainedBucketWithoutVersioning final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl) return;
        const bool storage = resilience::is_storage_stack(stack, ctx.options);
        for (const Resource& bucket : stack.deployed().resources) {
            if (bucket.type_name != "AWS::S3::Bucket" ||
                resilience::versioning_may_be_enabled(bucket)) {
                continue;
            }
            const auto policy = effective_deletion_policy(bucket);
            const bool retained = policy && is_retain_policy(*policy);
            if (!retained && !storage) continue;
            const std::string why =
                retained
                    ? "is kept when its stack is deleted (DeletionPolicy: " + std::string(*policy) +
                          ")"
                    : "lives in storage stack '" + stack.name + "'";
            const Entry* versioning = bucket.property_entry("VersioningConfiguration");
            out.add(stack,
                    {versioning ? versioning->key_mark : bucket.id_mark,
                     "bucket '" + std::string(bucket.id) + "' " + why +
                         " but is not versioned: one bad delete or overwrite loses its data for "
                         "good, while versioning makes it recoverable; add "
                         "VersioningConfiguration: {Status: Enabled} (and a lifecycle rule "
                         "expiring noncurrent versions, see R001)",
                     bucket.id,
                     versioning ? path_of({"Resources", bucket.id, "Properties",
                                           "VersioningConfiguration"})
                                : path_of({"Resources", bucket.id})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(RetainedBucketWithoutVersioning)
}  // namespace stacklint
