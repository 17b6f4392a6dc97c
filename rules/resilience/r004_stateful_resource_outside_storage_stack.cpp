// R004: state that lives outside the storage stack.
#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "R004",
                         .name = "stateful-resource-outside-storage-stack",
                         .pack = "resilience",
                         .severity = Severity::Warning,
                         .summary = "A stateful resource lives outside the storage stack",
                         .doc = R"md(### What it finds
When an app has at least one storage stack, every stateful resource (bucket, table,
database, file system, key, secret... — the list is `rules/data/stateful-types.txt`) in the
app's other stacks. An RDS instance that belongs to a cluster (or may, under a condition)
is not counted: the cluster holds the data.

An app is the set of stacks deployed together: all stacks of a CDK cloud assembly, or the
templates linted from one directory. A stack is a storage stack when the `storage_stacks`
option's name globs match it; without that option, when a word of its name is `storage`,
`stateful`, `data` or `database` (or a plural), or starts with `persist`, in any case, or
when its CDK manifest enables termination protection. Words are split at CamelCase humps
and at anything but a letter (`-`, `_`, `.`, `/`, digits): `MediaDataStack`, `data-stack`
and `app-db-persistence` are storage stacks, `metadata-api` and `update-service` are not
(name such stacks in `storage_stacks`). A nested stack of a storage stack is a storage
stack too: it is deployed and deleted with its parent. With no storage stack in the app
the rule is silent: a single-stack app has nowhere better to put its state.

### Why it matters
Stateless stacks are redeployed, rolled back, destroyed and recreated all the time. A
bucket or table in one of them is lost with the stack, or orphaned when the stack fails
and then blocks the next deploy with its name. The fix that teams settle on after such an
incident is one long-lived, termination-protected storage stack that owns all state; the
other stacks receive buckets and tables as cross-stack references.

### Bad
```yaml
# FrontendStack
Assets:
  Type: AWS::S3::Bucket
```

### Good
```yaml
# StorageStack
Assets:
  Type: AWS::S3::Bucket
Outputs:
  AssetsBucketName:
    Value: !Ref Assets
    Export: {Name: AssetsBucketName}
# FrontendStack uses !ImportValue AssetsBucketName
```
)md"};

std::string names_of(const std::vector<const Stack*>& stacks) {
    std::string names;
    for (std::size_t i = 0; i < stacks.size(); ++i) {
        if (i == 3) return names + ", ...";
        names += (names.empty() ? "'" : ", '") + stacks[i]->name + "'";
    }
    return names;
}

class StatefulResourceOutsideStorageStack final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    // The app's storage stacks are loaded before its other templates are linted.
    bool reads_stack(std::string_view stack_name, const RuleOptions& options) const override {
        return resilience::is_storage_name(stack_name, options);
    }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl || resilience::is_storage_stack(stack, ctx.options)) return;
        const std::vector<const Stack*>& storage = resilience::storage_stacks_of_app(stack, ctx);
        if (storage.empty()) return;
        const std::string names = names_of(storage);
        for (const Resource& r : stack.deployed().resources) {
            if (!holds_state(r)) continue;
            out.add(stack, {r.id_mark,
                            "stateful " + std::string(r.type_name) + " '" + std::string(r.id) +
                                "' lives in stack '" + stack.name +
                                "', outside the storage stack (" + names +
                                "): when this stack fails or is deleted, its data is lost "
                                "or orphaned; move it to the storage stack and pass it in "
                                "as a cross-stack reference",
                            r.id, path_of({"Resources", r.id})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StatefulResourceOutsideStorageStack)
}  // namespace stacklint
