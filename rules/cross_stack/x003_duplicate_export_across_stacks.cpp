// X003: two stacks of one app exporting the same name.
#include "app_exports.hpp"

#include <tuple>

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "X003",
                         .name = "duplicate-export-across-stacks",
                         .pack = "cross-stack",
                         .severity = Severity::Error,
                         .summary = "Two stacks of the CDK app export the same name",
                         .doc = R"md(### What it finds
In a CDK cloud assembly, an export name (as far as the template determines it) that
another stack of the same assembly also exports in the same account and region (the
artifacts' `environment`), reported at every export after the first. The same Stage
deployed to several accounts or regions exports the same names without conflict. Stacks
whose environment is unknown (environment-agnostic) are compared with each other, as
`cdk deploy` deploys them together, but not with stacks of a known environment. Duplicates
within one template are T045.

### Why it matters
Export names are unique per account and region. Whichever stack deploys second fails
with `Export with name X is already exported by stack Y`, and an app that deploys to one
environment cannot have both.

### Bad
Two stacks each exporting `shared-vpc-id`.

### Good
Prefix export names with the stack name (`${AWS::StackName}-VpcId`), which CDK does for
the exports it creates.
)md"};

class DuplicateExportAcrossStacks final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool is_set_rule() const override { return true; }
    void check_set(const RuleContext& ctx, Reporter& out) const override {
        for (const auto& [id, app] : cross_stack::cdk_apps(ctx.set)) {
            std::map<std::tuple<std::string_view, std::string_view, std::string_view>,
                     const cross_stack::AppExport*>
                first;
            for (const cross_stack::AppExport& e : app.exports) {
                const auto [it, inserted] = first.emplace(
                    std::tuple{std::string_view(e.env.account), std::string_view(e.env.region),
                               std::string_view(e.name)},
                    &e);
                // Same stack twice is T045's; only other stacks are ours.
                if (inserted || it->second->stack == e.stack) continue;
                const Named& output = e.stack->tmpl->outputs[e.exp->output];
                const Mark mark = e.exp->name_entry ? e.exp->name_entry->value.mark() : output.mark;
                out.add(*e.stack, {mark,
                                   "export '" + e.name + "' is also exported by stack '" +
                                       it->second->stack->name +
                                       "': export names are unique per account and region, so "
                                       "whichever stack deploys second fails; make the name "
                                       "unique, e.g. prefixed with ${AWS::StackName}",
                                   {},
                                   path_of({"Outputs", output.name, "Export", "Name"})});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DuplicateExportAcrossStacks)
}  // namespace stacklint
