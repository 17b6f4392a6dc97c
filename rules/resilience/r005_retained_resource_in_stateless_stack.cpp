// R005: a retained resource in a stack that does not own state.
#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R005",
    .name = "retained-resource-in-stateless-stack",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "A resource with DeletionPolicy Retain lives in a stateless stack",
    .doc = R"md(### What it finds
When an app has at least one storage stack (see R004 for what an app is and how a storage
stack is recognised), a resource with `DeletionPolicy: Retain` or `RetainExceptOnCreate`
in the app's other stacks. When
the resource also has an explicit physical name, the message says so.

### Why it matters
`Retain` keeps the resource when its stack is deleted — and then no stack tracks it. In a
stateless stack, which is deleted and recreated as a matter of course, that leaves
orphans behind: they cost money, nobody owns them, and a named one (a bucket, a table)
makes the next deploy of the same stack fail because the name is taken. In a real
incident, retained buckets in an operations stack were left behind by every successful
delete.

### Bad
```yaml
# OperationsStack
Reports:
  Type: AWS::S3::Bucket
  DeletionPolicy: Retain
  Properties:
    BucketName: acme-ops-reports
```

### Good
Move the bucket to the storage stack (keeping `Retain` there), or, if its contents are
disposable, drop the `Retain` and the name.
)md"};

class RetainedResourceInStatelessStack final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    // The app's storage stacks are loaded before its other templates are linted.
    bool reads_stack(std::string_view stack_name, const RuleOptions& options) const override {
        return resilience::is_storage_name(stack_name, options);
    }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl || resilience::is_storage_stack(stack, ctx.options) ||
            resilience::storage_stacks_of_app(stack, ctx).empty()) {
            return;
        }
        for (const Resource& r : stack.deployed().resources) {
            const auto policy = effective_deletion_policy(r);
            if (r.deletion_policy == nullptr || !policy || !is_retain_policy(*policy)) continue;
            std::string message = std::string(r.type_name) + " '" + std::string(r.id) +
                                  "' has DeletionPolicy: " + std::string(*policy) +
                                  " in stateless stack '" + stack.name +
                                  "': deleting the stack leaves it behind, tracked by no "
                                  "stack";
            if (const Entry* name = resilience::explicit_physical_name(r, ctx.schemas)) {
                message += ", and its fixed name (" + name->key +
                           ") then makes the next deploy of this stack fail";
            }
            message +=
                "; move it to the storage stack, or drop Retain if its data is "
                "disposable";
            out.add(stack, {r.deletion_policy->key_mark, std::move(message), r.id,
                            path_of({"Resources", r.id, "DeletionPolicy"})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(RetainedResourceInStatelessStack)
}  // namespace stacklint
