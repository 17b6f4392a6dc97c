// S007: a string property does not match the pattern AWS requires.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S007",
                         .name = "pattern-mismatch",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "A string property does not match the pattern AWS requires",
                         .doc = R"md(### What it finds
A literal string that does not match the `pattern` (an ECMA-262 regular expression) of its
schema. Patterns run on RE2, in time linear in the string. Patterns RE2 cannot express are
relaxed so they never reject a string the real pattern accepts: lookaheads and lookbehinds
are dropped and backreferences match anything; the few that cannot be translated are not
checked. Dynamic references (`{{resolve:...}}`) and values given by functions are not
judged.

### Why it matters
The service rejects the value and the deployment fails, for example a name with characters
the service does not allow or an ARN in the wrong form.

### Bad
```yaml
Repository:
  Type: AWS::ECR::Repository
  Properties:
    RepositoryName: My_Repository
```

### Good
```yaml
    RepositoryName: my-repository
```
)md"};

class PatternMismatch final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::PatternMismatch, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(PatternMismatch)
}  // namespace stacklint
