// D004: a change to a create-only property replaces a stateful resource.
#include <vector>

#include "../resilience/support.hpp"
#include "lint/change.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "D004",
    .name = "stateful-resource-replaced",
    .pack = "change",
    .severity = Severity::Warning,
    .summary = "A change to a create-only property replaces a stateful resource",
    .doc = R"md(### What it finds
A stateful resource present in both versions whose value of a create-only property (AWS's
resource schemas list them: a table's `KeySchema`, a bucket's `BucketName`, a database's
`Engine`...) changed, was added or was removed, or whose `Type` changed. A warning; an
error when the resource keeps an explicit physical name, since then the update fails. A
value written with an intrinsic function on either side is not compared (stacklint cannot
know whether it changed), nor are conditionally create-only properties.

### Why it matters
CloudFormation cannot change such a property in place: it creates a new resource and then
deletes the old one with its data (unless `UpdateReplacePolicy` keeps it). With a fixed name
it cannot create the new one beside the old one, and the update fails. A type cannot
change at all.

### Bad
```yaml
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: orderId, KeyType: HASH}]   # was: id
```

### Good
Create the new resource beside the old one under another logical id, copy the data, and
remove the old one in a later deployment.
)md"};

bool has_intrinsic(const Node* n) {
    if (n == nullptr) return false;
    if (!n->intrinsic_name().empty()) return true;
    if (n->is_sequence()) {
        for (const Node& item : n->items())
            if (has_intrinsic(&item)) return true;
    }
    if (n->is_mapping()) {
        for (const Entry& e : n->entries())
            if (has_intrinsic(&e.value)) return true;
    }
    return false;
}

// The value at a schema pointer ("/properties/A/B") of a resource's properties, and the
// entry of its first key (for the position); nullopt when the pointer cannot be followed
// (a list wildcard, or an intrinsic in the way).
struct Found {
    const Node* value = nullptr;
    const Entry* top = nullptr;
};
std::optional<Found> at_pointer(const Resource& r, std::string_view pointer) {
    if (!pointer.starts_with("/properties/")) return std::nullopt;
    pointer.remove_prefix(std::string_view("/properties/").size());
    Found found;
    const Node* node = r.properties ? &r.properties->value : nullptr;
    while (!pointer.empty()) {
        const std::size_t slash = pointer.find('/');
        const std::string_view key = pointer.substr(0, slash);
        if (key == "*") return std::nullopt;
        if (node == nullptr) return found;  // absent
        if (!node->is_mapping() || !node->intrinsic_name().empty()) return std::nullopt;
        const Entry* e = node->find(key);
        if (found.top == nullptr) found.top = e;
        node = e ? &e->value : nullptr;
        pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash + 1);
    }
    found.value = node;
    return found;
}

class StatefulResourceReplaced final : public ChangeRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_change(const StackVersions& pair, const ChangeContext& ctx,
                      Reporter& out) const override {
        const Template& before = pair.before->deployed();
        for (const Resource& now : pair.after->deployed().resources) {
            const Resource* old = before.find_resource(now.id);
            if (old == nullptr || !holds_state(now) || !holds_state(*old)) continue;
            const std::string what = std::string(now.type_name) + " '" + std::string(now.id) + "'";
            if (old->type_name != now.type_name) {
                out.add(
                    *pair.after,
                    {.mark = now.type ? now.type->value.mark() : now.id_mark,
                     .message = std::string(old->type_name) + " '" + std::string(now.id) + "'" +
                                change::old_line(*old) + " becomes " + std::string(now.type_name) +
                                ": CloudFormation cannot change a resource's type, so the "
                                "update fails; give the new resource another logical id",
                     .resource = now.id,
                     .path = "Resources/" + std::string(now.id) + "/Type",
                     .severity = Severity::Error});
                continue;
            }
            const schema::ResourceSchema* schema = ctx.rules.schemas.find(now.type_name);
            if (schema == nullptr) continue;
            for (const std::string& pointer : schema->create_only) {
                const auto a = at_pointer(*old, pointer);
                const auto b = at_pointer(now, pointer);
                if (!a || !b || change::same_value(a->value, b->value)) continue;
                if (has_intrinsic(a->value) || has_intrinsic(b->value)) continue;
                const std::string property = pointer.substr(std::string("/properties/").size());
                // A fixed name blocks the replacement, unless the name is what changes.
                const Entry* fixed = resilience::explicit_physical_name(now, ctx.rules.schemas);
                if (fixed != nullptr && fixed->key == property) fixed = nullptr;
                std::string message = "changing " + property + " of " + what +
                                      change::old_line(*old) +
                                      " replaces it: CloudFormation creates a new one and then " +
                                      change::replacement_outcome(now);
                if (fixed != nullptr) {
                    message += "; with its fixed name (" + fixed->key +
                               ") the new one cannot be created beside the old one, so the "
                               "update fails";
                }
                out.add(*pair.after,
                        {.mark = b->top != nullptr ? b->top->key_mark : now.id_mark,
                         .message = std::move(message),
                         .resource = now.id,
                         .path = "Resources/" + std::string(now.id) + "/Properties/" + property,
                         .severity = fixed != nullptr ? Severity::Error : Severity::Warning});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StatefulResourceReplaced)
}  // namespace stacklint
