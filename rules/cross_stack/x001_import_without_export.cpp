// X001: an Fn::ImportValue that no stack of the app exports.
#include "app_exports.hpp"
#include "core/text.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "X001",
    .name = "import-without-export",
    .pack = "cross-stack",
    .severity = Severity::Error,
    .summary = "Fn::ImportValue of a name that no stack of the CDK app exports",
    .doc = R"md(### What it finds
In a CDK cloud assembly, an `Fn::ImportValue` whose name is known from the template (a
literal, or an `Fn::Sub` of `AWS::StackName`, `AWS::Region`, `AWS::AccountId`...) that no
stack of the same assembly exports in the importing stack's account and region (from the
artifacts' `environment`; a stack whose environment is unknown may deploy anywhere). Names
computed from parameters or other resources are not judged; nor is anything while a stack
of the app that may deploy there could not be read, or exports a name only deployment
decides. Loose template files are not judged at all: their exports may live in stacks
deployed outside the run.

### Why it matters
CloudFormation resolves imports when it deploys: a name that nothing exports fails the
deployment of the importing stack (`No export named X found`), after everything before it
in the app has already been deployed. Usually a typo, a renamed stack, or an export that
was removed while something still used it.

### Bad
```js
Fn.importValue('StorageStack:DocumentsBucketNme');
```

### Good
Pass the bucket as a construct property and let CDK create the export and the import, or
import exactly the name the other stack exports.
)md"};

class ImportWithoutExport final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    bool is_set_rule() const override { return true; }
    void check_set(const RuleContext& ctx, Reporter& out) const override {
        for (const auto& [id, app] : cross_stack::cdk_apps(ctx.set)) {
            for (const cross_stack::AppImport& i : app.imports) {
                if (app.may_be_exported(i)) continue;
                std::vector<std::string_view> names;
                for (const auto& e : app.exports) {
                    if (cross_stack::may_be_same(e.env, i.env)) names.push_back(e.name);
                }
                const bool elsewhere = app.exports_by_name.count(i.name) > 0;
                out.add(*i.stack,
                        {i.imp->call->mark(),
                         "Fn::ImportValue of '" + i.name + "', which no stack of this app exports" +
                             (elsewhere ? " in this stack's account and region (only in another)"
                                        : did_you_mean(i.name, names)) +
                             ": deploying stack '" + cross_stack::deployed_stack(*i.stack).name +
                             "' fails with \"No export named " + i.name + " found\"",
                         i.imp->from, i.imp->path});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ImportWithoutExport)
}  // namespace stacklint
