// X002: an export that nothing in the app imports.
#include "app_exports.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "X002",
                         .name = "unused-export",
                         .pack = "cross-stack",
                         .severity = Severity::Info,
                         .summary = "An export that no stack of the CDK app imports",
                         .doc = R"md(### What it finds
In a CDK cloud assembly, an output `Export` whose name no stack of the same assembly
imports in the same account and region (stacks whose environment is unknown may import it;
nothing is judged where a stack of the app that could not be read may deploy). It may be meant for stacks outside the app — then this is only a note — or it may
be left over from a reference that no longer exists.

### Why it matters
An export that another stack imports cannot be changed or removed until the import is
gone, so exports shape how freely a stack can evolve. An export nobody uses is a
constraint with no benefit; CDK leaves such exports behind on purpose when a cross-stack
reference is removed (to let the consumer deploy first), and they are easy to forget.

### Bad
An `ExportsOutputRef...` output left in a storage stack after the consuming stack stopped
using the bucket.

### Good
Remove the export once no consumer imports it (after the consumer's deployment), or keep
it deliberately for consumers outside the app.
)md"};

class UnusedExport final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool is_set_rule() const override { return true; }
    void check_set(const RuleContext& ctx, Reporter& out) const override {
        for (const auto& [id, app] : cross_stack::cdk_apps(ctx.set)) {
            for (const cross_stack::AppExport& e : app.exports) {
                if (app.may_be_imported(e)) continue;
                const Named& output = e.stack->tmpl->outputs[e.exp->output];
                const Mark mark = e.exp->name_entry ? e.exp->name_entry->value.mark() : output.mark;
                out.add(*e.stack,
                        {mark,
                         "export '" + e.name + "' of output '" + std::string(output.name) +
                             "' is imported by no stack of this app; if nothing "
                             "outside the app uses it either, remove it",
                         {},
                         path_of({"Outputs", output.name, "Export", "Name"})});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnusedExport)
}  // namespace stacklint
