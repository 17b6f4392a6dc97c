// D001: a stateful resource is gone from the new version of its template.
#include "lint/change.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "D001",
                         .name = "stateful-resource-removed",
                         .pack = "change",
                         .severity = Severity::Error,
                         .summary = "A stateful resource is removed from the template",
                         .doc = R"md(### What it finds
A resource of a stateful type (`rules/data/stateful-types.txt`: buckets, tables, databases,
file systems, queues, streams, log groups, secrets, keys...) that the previous version of
the template has and the new one does not, when it was neither renamed (D002) nor moved to
another stack of the app (D003). An error when its effective `DeletionPolicy` is `Delete`
(the data goes), a warning otherwise (it is kept, or snapshotted, but no stack manages it
any more). Reported at the new template's `Resources` key, with the old line.

### Why it matters
CloudFormation deletes a resource that leaves the template on the next deployment. An
edit that drops a table from a template (a bad merge, a refactor that moved it elsewhere
on purpose but not in this stack) destroys its data, and a retained one lingers unmanaged:
with a fixed name, putting it back later fails while the old one exists.

### Bad
```yaml
# before                           # after
Resources:                         Resources:
  Orders:                            Api:
    Type: AWS::DynamoDB::Table         Type: AWS::Serverless::Function
  Api:                                 ...
    Type: AWS::Serverless::Function
```

### Good
Keep the resource, or set `DeletionPolicy: Retain` in a deployment before removing it, and
remove it once the data is no longer needed.
)md"};

class StatefulResourceRemoved final : public ChangeRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_change(const StackVersions& pair, const ChangeContext& ctx,
                      Reporter& out) const override {
        const Template& after = pair.after->deployed();
        for (const Resource& old : pair.before->deployed().resources) {
            if (!holds_state(old) || after.find_resource(old.id) != nullptr) continue;
            if (change::renamed_to(pair, old) != nullptr) continue;           // D002
            if (change::moved_to(ctx, pair, old).first != nullptr) continue;  // D003
            std::string message =
                std::string(old.type_name) + " '" + std::string(old.id) + "'" +
                change::old_line(old) + " is no longer in the template: the next deployment " +
                change::deletion_outcome(old) + change::cdk_logical_id_hint(*pair.after);
            out.add(*pair.after,
                    {.mark = change::resources_mark(*pair.after),
                     .message = std::move(message),
                     .resource = {},
                     .path = "Resources/" + std::string(old.id),
                     .severity = change::deletes_data(old) ? Severity::Error : Severity::Warning});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StatefulResourceRemoved)
}  // namespace stacklint
