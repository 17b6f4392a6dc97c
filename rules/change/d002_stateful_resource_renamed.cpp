// D002: a stateful resource's logical id changed (a rename: delete and create).
#include "../resilience/support.hpp"
#include "lint/change.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "D002",
                         .name = "stateful-resource-renamed",
                         .pack = "change",
                         .severity = Severity::Error,
                         .summary = "A stateful resource gets a new logical id",
                         .doc = R"md(### What it finds
A stateful resource of the new version whose logical id the previous version does not
have, while the previous version had exactly one resource of the same type with the same
properties that is now gone: the same resource, renamed. Reported at the new logical id.

### Why it matters
CloudFormation knows a resource by its logical id. A new id is a new resource: the next
deployment creates an empty one and deletes the old one with its data (or, with `Retain`,
leaves it unmanaged). With an explicit physical name the create fails, because the old
resource still holds the name. In a CDK app this happens silently when a construct moves
under another parent or gets another id: its logical id is derived from its path.

### Bad
```yaml
# before                           # after
  OrdersTable:                       Orders:
    Type: AWS::DynamoDB::Table         Type: AWS::DynamoDB::Table
```

### Good
Keep the logical id. In the CDK, `overrideLogicalId()` pins the old id, and `cdk refactor`
moves deployed resources to their new ids without replacing them.
)md"};

class StatefulResourceRenamed final : public ChangeRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_change(const StackVersions& pair, const ChangeContext& ctx,
                      Reporter& out) const override {
        for (const Resource& old : pair.before->deployed().resources) {
            const Resource* renamed = change::renamed_to(pair, old);
            if (renamed == nullptr) continue;
            std::string message = std::string(old.type_name) + " '" + std::string(old.id) + "'" +
                                  change::old_line(old) + " is now '" + std::string(renamed->id) +
                                  "': a new logical id is a new resource, so the next deployment "
                                  "creates an empty one and " +
                                  change::deletion_outcome(old, "the old one");
            if (const Entry* name =
                    resilience::explicit_physical_name(*renamed, ctx.rules.schemas)) {
                message += "; and with its fixed name (" + name->key +
                           ") the create fails while the old one holds it";
            }
            message += change::cdk_logical_id_hint(*pair.after);
            out.add(*pair.after, {.mark = renamed->id_mark,
                                  .message = std::move(message),
                                  .resource = renamed->id,
                                  .path = "Resources/" + std::string(renamed->id)});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StatefulResourceRenamed)
}  // namespace stacklint
