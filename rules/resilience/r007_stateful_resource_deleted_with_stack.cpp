// R007: data that goes when the stack goes, or when the resource is replaced.
#include "fix/editor.hpp"
#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R007",
    .name = "stateful-resource-deleted-with-stack",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "A stateful resource is deleted with its stack, or on replacement",
    .doc = R"md(### What it finds
Two cases, one finding per resource:
- a stateful resource (`rules/data/stateful-types.txt`) whose effective `DeletionPolicy`
  is `Delete` — written, or the default: every type defaults to `Delete` except
  `AWS::RDS::DBCluster` and an `AWS::RDS::DBInstance` outside a cluster, which default to
  `Snapshot`. S3 buckets are left to R002 here (CloudFormation cannot delete a bucket
  that holds data) unless a CDK auto-delete custom resource empties them first, and RDS
  instances in a cluster are skipped (the cluster holds the data);
- a stateful resource kept on deletion (`Retain`, `RetainExceptOnCreate`, `Snapshot`,
  written or default) without an `UpdateReplacePolicy`, S3 buckets included: a
  replacement still deletes the old resource, because `UpdateReplacePolicy` defaults to
  `Delete`.

### Why it matters
Deleting a stack, or removing a resource from the template, deletes the resource and its
data. A replacement — triggered by changing a property such as a table's key schema or a
database's engine — deletes the old resource after creating the new one, whatever the
`DeletionPolicy` says.

### Bad
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties: {...}
```

### Good
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  DeletionPolicy: Retain
  UpdateReplacePolicy: Retain
  Properties: {...}
```

### Fix
The fix (unsafe) sets `DeletionPolicy: Retain` (and `UpdateReplacePolicy: Retain` unless it
already keeps the resource), or adds the missing `UpdateReplacePolicy` matching the
`DeletionPolicy`. Retain is not added in a stack R005 would then call stateless (its app
has a storage stack): there the resource belongs in the storage stack.
)md",
    .fix = FixSafety::Unsafe};

class StatefulResourceDeletedWithStack final : public Rule {
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
        for (const Resource& r : stack.deployed().resources) {
            if (!holds_state(r)) continue;
            const bool auto_deleted = emptied.count(r.id) > 0;
            const auto policy = effective_deletion_policy(r);
            if (!policy) continue;
            // A bucket deleted with its stack is R002's: CloudFormation cannot delete it while
            // it holds data, unless an auto-delete resource empties it first.
            const bool left_to_r002 = r.type_name == "AWS::S3::Bucket" && !auto_deleted;
            const std::string what = std::string(r.type_name) + " '" + std::string(r.id) + "'";
            const std::string path = r.deletion_policy
                                         ? path_of({"Resources", r.id, "DeletionPolicy"})
                                         : path_of({"Resources", r.id});
            if (*policy == "Delete") {
                if (left_to_r002) continue;
                std::string message =
                    what + " is deleted with its stack (" +
                    (r.deletion_policy ? "DeletionPolicy: Delete"
                                       : "no DeletionPolicy, so Delete") +
                    (auto_deleted ? ", and a CDK auto-delete resource empties it first" : "") +
                    "): deleting the stack or removing the resource from the template destroys "
                    "its data; set DeletionPolicy: Retain (or Snapshot where the type supports "
                    "it) and a matching UpdateReplacePolicy";
                // Retain suits every type; UpdateReplacePolicy keeps what it already says
                // unless that is Delete too.
                const std::string_view replace = r.update_replace_policy == nullptr ||
                                                         r.update_replace_policy_value() == "Delete"
                                                     ? "Retain"
                                                     : "";
                out.add(stack, {.mark = resilience::deletion_policy_mark(r),
                                .message = std::move(message),
                                .resource = r.id,
                                .path = path,
                                .fix = fixable_in()
                                           ? resilience::retention_fix(stack, r, "Retain", replace)
                                           : nullptr});
            } else if (r.update_replace_policy == nullptr) {
                const std::string keep = *policy == "Snapshot" ? "Snapshot" : "Retain";
                // CloudFormation deletes only empty buckets: an old one that holds data is
                // left behind when the delete after a replacement fails.
                const std::string loss =
                    r.type_name == "AWS::S3::Bucket"
                        ? "still makes CloudFormation delete the old bucket instead of keeping "
                          "it (an empty one goes; one that holds data fails to delete and is "
                          "left behind, tracked by no stack)"
                        : "still deletes the old one with its data";
                out.add(stack,
                        {resilience::deletion_policy_mark(r),
                         what + " survives stack deletion (DeletionPolicy " + std::string(*policy) +
                             (r.deletion_policy ? "" : ", the default") +
                             ") but has no UpdateReplacePolicy: a change that replaces it " + loss +
                             "; add UpdateReplacePolicy: " + keep,
                         r.id,
                         path,
                         {},
                         {},
                         {},
                         resilience::retention_fix(stack, r, "", keep)});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StatefulResourceDeletedWithStack)
}  // namespace stacklint
