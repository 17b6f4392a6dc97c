// R006: a storage stack that one delete command can remove.
#include "lint/rule.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "R006",
                         .name = "storage-stack-without-termination-protection",
                         .pack = "resilience",
                         .severity = Severity::Warning,
                         .summary = "A storage stack from a CDK app is not termination-protected",
                         .doc = R"md(### What it finds
A storage stack (see R004) from a CDK cloud assembly whose manifest does not enable
termination protection. Loose template files carry no termination-protection setting, so
the rule only speaks about stacks whose setting is known.

### Why it matters
The storage stack holds everything that cannot be recreated. Termination protection makes
CloudFormation refuse to delete the stack until someone turns it off deliberately, so a
stray `cdk destroy`, a cleanup script or a console click cannot take the data with it.
Incident reviews name it as the one setting the storage stack must have.

### Bad
```js
new StorageStack(app, 'StorageStack');
```

### Good
```js
new StorageStack(app, 'StorageStack', { terminationProtection: true });
```
)md"};

class StorageStackWithoutTerminationProtection final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        // Nested stacks share their root's protection; the root is the one to report.
        if (stack.parent != nullptr || stack.termination_protection.value_or(true)) return;
        if (!resilience::is_storage_stack(stack, ctx.options)) return;
        Report report{Mark{},
                      "storage stack '" + stack.name +
                          "' is not termination-protected: one 'cdk destroy' or console delete "
                          "removes every resource it holds that is not retained; set "
                          "terminationProtection: true on the stack"};
        // Point at the stack's artifact in manifest.json, where the setting lives.
        if (stack.cdk) {
            report.mark = stack.cdk->manifest_mark;
            report.file = stack.cdk->manifest_file;
        }
        out.add(stack, std::move(report));
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(StorageStackWithoutTerminationProtection)
}  // namespace stacklint
