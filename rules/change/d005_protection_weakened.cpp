// D005: retention or deletion protection is weakened.
#include "lint/change.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "D005",
                         .name = "protection-weakened",
                         .pack = "change",
                         .severity = Severity::Warning,
                         .summary =
                             "A retention policy, deletion protection or termination "
                             "protection is weakened",
                         .doc = R"md(### What it finds
In a stateful resource present in both versions: a `DeletionPolicy` that was `Retain`,
`RetainExceptOnCreate` or `Snapshot` and is now `Delete` (written, or by removing it); an
`UpdateReplacePolicy` that was `Retain` or `Snapshot` and now deletes; a deletion
protection flag (`DeletionProtection`, `DeletionProtectionEnabled`) that was `true` and is
now off or gone. For a CDK stack: termination protection turned off. Policies given by a
condition are not compared.

### Why it matters
Protection is removed one deployment before the accident it was there to prevent: the
change itself deletes nothing, so it passes review, and the next deletion of the stack or
replacement of the resource then destroys the data. Make the change deliberately, in its
own commit, with a suppression that says why.

### Bad
```yaml
  Orders:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Delete   # was: Retain
```

### Good
Keep the protection; when the data really is disposable, say so with a suppression and a
reason.
)md"};

bool keeps(std::string_view policy) {
    return policy == "Retain" || policy == "RetainExceptOnCreate" || policy == "Snapshot";
}

// A written policy: the attribute's plain value, "" when absent, nullopt when not a string.
std::optional<std::string_view> written(const Entry* e) {
    if (e == nullptr) return std::string_view();
    if (!e->value.is_scalar()) return std::nullopt;
    return std::string_view(e->value.text());
}

class ProtectionWeakened final : public ChangeRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_change(const StackVersions& pair, const ChangeContext&,
                      Reporter& out) const override {
        const Template& before = pair.before->deployed();
        for (const Resource& now : pair.after->deployed().resources) {
            const Resource* old = before.find_resource(now.id);
            if (old == nullptr || old->type_name != now.type_name || !holds_state(now)) continue;
            const std::string what = std::string(now.type_name) + " '" + std::string(now.id) + "'";
            const std::string path = "Resources/" + std::string(now.id);
            const auto old_deletion = effective_deletion_policy(*old);
            const auto new_deletion = effective_deletion_policy(now);
            if (old_deletion && new_deletion && keeps(*old_deletion) && *new_deletion == "Delete") {
                out.add(*pair.after,
                        {.mark = now.deletion_policy ? now.deletion_policy->key_mark : now.id_mark,
                         .message = what + " had DeletionPolicy: " + std::string(*old_deletion) +
                                    change::old_line(*old) +
                                    " and is now deleted with its data "
                                    "when the stack or the resource goes (DeletionPolicy: Delete" +
                                    (now.deletion_policy ? ")" : ", the default)"),
                         .resource = now.id,
                         .path = path + "/DeletionPolicy"});
            }
            const auto old_replace = written(old->update_replace_policy);
            const auto new_replace = written(now.update_replace_policy);
            if (old_replace && new_replace && keeps(*old_replace) && !keeps(*new_replace)) {
                out.add(*pair.after,
                        {.mark = now.update_replace_policy ? now.update_replace_policy->key_mark
                                                           : now.id_mark,
                         .message = what + " had UpdateReplacePolicy: " +
                                    std::string(*old_replace) + change::old_line(*old) +
                                    " and now a replacement deletes the old one with its data",
                         .resource = now.id,
                         .path = path + "/UpdateReplacePolicy"});
            }
            for (const std::string_view flag :
                 {"DeletionProtection", "DeletionProtectionEnabled"}) {
                const Node* was = old->property(flag);
                if (was == nullptr || was->as_bool() != true) continue;
                const Entry* e = now.property_entry(flag);
                if (e != nullptr && (e->value.as_bool() == true || !e->value.is_scalar())) continue;
                out.add(*pair.after, {.mark = e ? e->key_mark : now.id_mark,
                                      .message = what + " had " + std::string(flag) + ": true" +
                                                 change::old_line(*old) +
                                                 "; without it a stack deletion, a replacement or "
                                                 "a stray API call deletes it with its data",
                                      .resource = now.id,
                                      .path = path + "/Properties/" + std::string(flag)});
            }
        }
        if (pair.before->termination_protection == true &&
            pair.after->termination_protection == false) {
            out.add(*pair.after,
                    {.mark = pair.after->cdk ? pair.after->cdk->manifest_mark : Mark{},
                     .message = "stack '" + pair.after->name +
                                "' had termination protection; now `cdk destroy` or a stray "
                                "delete-stack call can delete it with everything it holds",
                     .file = pair.after->cdk ? pair.after->cdk->manifest_file : std::string()});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ProtectionWeakened)
}  // namespace stacklint
