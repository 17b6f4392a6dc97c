// X004: stacks that wait for each other.
#include "app_exports.hpp"
#include "graph/cycles.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "X004",
                         .name = "cross-stack-cycle",
                         .pack = "cross-stack",
                         .severity = Severity::Error,
                         .summary = "Stacks of the CDK app depend on each other in a cycle",
                         .doc = R"md(### What it finds
In a CDK cloud assembly, a cycle among stacks: stack A must deploy after B (its manifest
says so, or it imports one of B's exports in its own account and region) and B, directly or
through other stacks, after A. Each cycle is reported once, with its full path, at the
first stack on it.

### Why it matters
No order of deployment satisfies a cycle: `cdk deploy` refuses the app, or, with
hand-written imports, the first deployment fails and the stacks can never be created from
scratch again — for example in a new region or account.

### Bad
`ApiStack` imports the table name from `DataStack`, and `DataStack` imports the API's URL
from `ApiStack`.

### Good
Move the shared piece to one side, or pass the late-bound value another way (an SSM
parameter read at run time).
)md"};

class CrossStackCycle final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool is_set_rule() const override { return true; }
    void check_set(const RuleContext& ctx, Reporter& out) const override {
        for (const auto& [id, app] : cross_stack::cdk_apps(ctx.set)) {
            const cross_stack::Deployments d = cross_stack::deployments(app);
            Adjacency next = d.depends_on;
            for (const cross_stack::AppImport& i : app.imports) {
                const std::size_t from = d.index_of(*i.stack);
                for (const cross_stack::AppExport* e : app.exporters(i)) {
                    const std::size_t to = d.index_of(*e->stack);
                    if (from != to && from < d.stacks.size() && to < d.stacks.size()) {
                        next[from].push_back(to);
                    }
                }
            }
            for (const auto& cycle : find_cycles(next, 100).cycles) {
                std::string path;
                for (std::size_t s : cycle)
                    path += d.stacks[s]->name + " → ";
                path += d.stacks[cycle.front()]->name;
                const Stack& first = *d.stacks[cycle.front()];
                Report report{first.cdk->manifest_mark,
                              "stacks wait for each other: " + path +
                                  " (by declared dependencies and imports); no deployment "
                                  "order exists, so the app cannot be deployed from scratch; "
                                  "break the cycle by moving what both need to one side"};
                report.file = first.cdk->manifest_file;
                out.add(first, std::move(report));
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(CrossStackCycle)
}  // namespace stacklint
