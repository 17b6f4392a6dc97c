// R002: a versioned bucket that the stack will try, and fail, to delete.
#include "fix/editor.hpp"
#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R002",
    .name = "versioned-bucket-blocks-stack-deletion",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "A versioned S3 bucket is deleted with its stack, which fails once it holds data",
    .doc = R"md(### What it finds
A versioned `AWS::S3::Bucket` whose effective `DeletionPolicy` is `Delete` (written, or
the default when none is given) and that no auto-delete custom resource empties first
(CDK's `autoDeleteObjects: true` adds a `Custom::S3AutoDeleteObjects` resource whose
`BucketName` refers to the bucket).

### Why it matters
CloudFormation deletes only empty buckets, and a versioned bucket is empty only when it
holds no object, no old version and no delete marker. Once it has been used, deleting the
stack ends in `DELETE_FAILED`, and every later deployment is blocked until someone deletes
the stack with `--retain-resources` and cleans the bucket by hand — exactly how a real
outage went.

### Bad
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration: {Status: Enabled}
```

### Good
```yaml
Uploads:
  Type: AWS::S3::Bucket
  DeletionPolicy: Retain
  UpdateReplacePolicy: Retain
  Properties:
    VersioningConfiguration: {Status: Enabled}
```
or, when the data is disposable, let CDK empty it: `autoDeleteObjects: true` with
`removalPolicy: RemovalPolicy.DESTROY`.

### Fix
The fix (unsafe) sets `DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain`. It is not
offered in a stack R005 would then call stateless (its app has a storage stack): there the
bucket belongs in the storage stack.
)md",
    .fix = FixSafety::Unsafe};

class VersionedBucketBlocksStackDeletion final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool reads_stack(std::string_view stack_name, const RuleOptions& options) const override {
        return resilience::is_storage_name(stack_name, options);
    }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl) return;
        const auto emptied = resilience::auto_deleted_buckets(stack.deployed());
        // Evaluated only when there is something to fix (it looks at the other stacks).
        const auto fixable_in = [&] {
            return !resilience::retention_belongs_elsewhere(stack, ctx);
        };
        for (const Resource& bucket : stack.deployed().resources) {
            if (bucket.type_name != "AWS::S3::Bucket" || !resilience::versioning_enabled(bucket) ||
                emptied.count(bucket.id) > 0 || effective_deletion_policy(bucket) != "Delete") {
                continue;
            }
            const std::string how =
                bucket.deletion_policy ? "DeletionPolicy: Delete" : "no DeletionPolicy, so Delete";
            out.add(stack,
                    {resilience::deletion_policy_mark(bucket),
                     "versioned bucket '" + std::string(bucket.id) +
                         "' is deleted with its stack (" + how +
                         "), but CloudFormation deletes only empty buckets: once it holds objects "
                         "or old versions, deleting the stack ends in DELETE_FAILED and blocks "
                         "later deployments; add DeletionPolicy: Retain and UpdateReplacePolicy: "
                         "Retain, or have it emptied on delete (CDK autoDeleteObjects)",
                     bucket.id,
                     bucket.deletion_policy ? path_of({"Resources", bucket.id, "DeletionPolicy"})
                                            : path_of({"Resources", bucket.id}),
                     {},
                     {},
                     {},
                     fixable_in() ? resilience::retention_fix(stack, bucket, "Retain", "Retain")
                                  : nullptr});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(VersionedBucketBlocksStackDeletion)
}  // namespace stacklint
