// D003: a stateful resource moves to another stack of the app.
#include "../resilience/support.hpp"
#include "lint/change.hpp"
#include "model/facts.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "D003",
    .name = "stateful-resource-moved-between-stacks",
    .pack = "change",
    .severity = Severity::Error,
    .summary = "A stateful resource moves from one stack of the app to another",
    .doc = R"md(### What it finds
A stateful resource that leaves one stack of an app (a CDK cloud assembly, or the templates
of one directory) while another stack of the app gains a resource of the same type with the
same logical id or the same construct path below the stack. Reported where it is now.

### Why it matters
Stacks do not hand resources to each other. The deployment of the old stack deletes the
resource (with its data, unless `DeletionPolicy` keeps it) and the new stack creates an
empty one; with an explicit physical name that create fails as long as the old one exists.
Moving a construct between CDK stacks does exactly this.

### Bad
Moving `new Table(this, 'Orders')` from `ApiStack` to `StorageStack` in one deployment.

### Good
Retain the resource in the old stack first (`DeletionPolicy: Retain`), deploy, remove it
there, and import it into the new stack (`cdk import`, or a resource import change set); or
use `cdk refactor`.
)md"};

class StatefulResourceMoved final : public ChangeRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_change(const StackVersions& pair, const ChangeContext& ctx,
                      Reporter& out) const override {
        for (const Resource& old : pair.before->deployed().resources) {
            const auto [moved, stack] = change::moved_to(ctx, pair, old);
            if (moved == nullptr) continue;
            std::string message = std::string(old.type_name) + " '" + std::string(old.id) +
                                  "' moves from stack '" + pair.after->name + "'" +
                                  change::old_line(old) + " to stack '" + stack->name + "' as '" +
                                  std::string(moved->id) + "': deploying '" + pair.after->name +
                                  "' " + change::deletion_outcome(old, "the old one") + ", and '" +
                                  stack->name + "' creates a new, empty one";
            if (const Entry* name = resilience::explicit_physical_name(*moved, ctx.rules.schemas)) {
                message += "; with its fixed name (" + name->key +
                           ") that create fails while the old one exists";
            }
            out.add(*stack, {.mark = moved->id_mark,
                             .message = std::move(message),
                             .resource = moved->id,
                             .path = "Resources/" + std::string(moved->id)});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StatefulResourceMoved)
}  // namespace stacklint
