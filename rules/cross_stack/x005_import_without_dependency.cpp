// X005: a stack that imports from another without being ordered after it.
#include "app_exports.hpp"

#include <map>
#include <optional>
#include <utility>

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "X005",
    .name = "import-without-dependency",
    .pack = "cross-stack",
    .severity = Severity::Warning,
    .summary = "A stack imports from another stack of the app without depending on it",
    .doc = R"md(### What it finds
In a CDK cloud assembly, an `Fn::ImportValue` of an export of another stack in the same
account and region when the importing stack does not depend on the exporting one, directly
or through other stacks, in the manifest. CDK adds the dependency itself when you pass
constructs between stacks; this finds imports written by hand (`Fn.importValue('...')`).
Reported once per pair of stacks, at the first such import, with how many there are.
Stacks whose environment is unknown (environment-agnostic) are matched only with each other,
and a stack that depends on a stack that could not be read is not judged.

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
            // (importing, exporting) deployed stacks -> the imports concerned, in order.
            std::map<std::pair<std::size_t, std::size_t>,
                     std::vector<const cross_stack::AppImport*>>
                missing;
            std::vector<std::pair<std::size_t, std::size_t>> order;
            for (const cross_stack::AppImport& i : app.imports) {
                const std::size_t from = d.index_of(*i.stack);
                if (from >= d.stacks.size()) continue;
                std::optional<std::size_t> target;
                bool ordered = false;
                for (const cross_stack::AppExport* e : app.exporters(i)) {
                    const std::size_t to = d.index_of(*e->stack);
                    if (to >= d.stacks.size()) continue;
                    if (to == from || d.may_depend(from, to)) {
                        ordered = true;
                        break;
                    }
                    if (!target) target = to;
                }
                if (ordered || !target) continue;
                auto& list = missing[{from, *target}];
                if (list.empty()) order.emplace_back(from, *target);
                list.push_back(&i);
            }
            for (const auto& pair : order) {
                const auto& imports = missing.at(pair);
                const cross_stack::AppImport& first = *imports.front();
                const std::string& from = d.stacks[pair.first]->name;
                const std::string& to = d.stacks[pair.second]->name;
                const std::string what = imports.size() == 1
                                             ? "imports '" + first.name + "'"
                                             : "has " + std::to_string(imports.size()) +
                                                   " imports (the first: '" + first.name + "')";
                out.add(*first.stack, {first.imp->call->mark(),
                                       "stack '" + from + "' " + what + " from stack '" + to +
                                           "' but does not depend on it: it may be deployed "
                                           "first and fail; add the dependency "
                                           "(stack.addDependency) or pass the construct itself",
                                       first.imp->from, first.imp->path});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ImportWithoutDependency)
}  // namespace stacklint
