// X005: a stack that imports from another without being ordered after it.
#include "app_exports.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "X005",
    .name = "import-without-dependency",
    .pack = "cross-stack",
    .severity = Severity::Warning,
    .summary = "A stack imports from another stack of the app without depending on it",
    .doc = R"md(### What it finds
In a CDK cloud assembly, an `Fn::ImportValue` of an export of another stack when the
importing stack does not depend on the exporting one, directly or through other stacks,
in the manifest. CDK adds the dependency itself when you pass constructs between stacks;
this finds imports written by hand (`Fn.importValue('...')`).

### Why it matters
`cdk deploy --all` deploys stacks in dependency order, and in parallel where there is
none. Without the dependency, the importing stack may deploy first — the import then fails
on a fresh environment — and a change to the export is not ordered before its consumers.

### Bad
```js
new ApiStack(app, 'ApiStack');   // uses Fn.importValue('DataStack-TableName')
new DataStack(app, 'DataStack');
```

### Good
```js
const api = new ApiStack(app, 'ApiStack');
api.addDependency(data);          // or pass data.table as a property
```
)md"};

class ImportWithoutDependency final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool is_set_rule() const override { return true; }
    void check_set(const RuleContext& ctx, Reporter& out) const override {
        for (const auto& [id, app] : cross_stack::cdk_apps(ctx.set)) {
            const cross_stack::Deployments d = cross_stack::deployments(app);
            for (const cross_stack::AppImport& i : app.imports) {
                const std::size_t from = d.index_of(*i.stack);
                for (auto [it, end] = app.exports_by_name.equal_range(i.name); it != end; ++it) {
                    const std::size_t to = d.index_of(*it->second->stack);
                    if (from == to || from >= d.stacks.size() || to >= d.stacks.size() ||
                        d.depends(from, to)) {
                        continue;
                    }
                    out.add(*i.stack, {i.imp->call->mark(),
                                       "stack '" + d.stacks[from]->name + "' imports '" + i.name +
                                           "' from stack '" + d.stacks[to]->name +
                                           "' but does not depend on it: it may be deployed "
                                           "first and fail; add the dependency "
                                           "(stack.addDependency) or pass the construct itself",
                                       i.imp->from, i.imp->path});
                    break;
                }
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ImportWithoutDependency)
}  // namespace stacklint
