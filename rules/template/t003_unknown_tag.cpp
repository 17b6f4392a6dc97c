// T003: a YAML tag that is not a CloudFormation short form.
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T003",
                         .name = "unknown-yaml-tag",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A YAML tag that CloudFormation does not know",
                         .doc = R"md(### What it finds
A local YAML tag (`!Something`) that is not one of CloudFormation's short forms: `!Ref`,
`!Condition`, `!Base64`, `!Cidr`, `!FindInMap`, `!GetAtt`, `!GetAZs`, `!ImportValue`,
`!Join`, `!Select`, `!Split`, `!Sub`, `!Transform`, `!If`, `!Equals`, `!And`, `!Or`,
`!Not`, `!ToJsonString`, `!Length`, and the rule functions of the `Rules` section
(`!Contains`, `!EachMemberEquals`, `!EachMemberIn`, `!RefAll`, `!ValueOf`, `!ValueOfAll`),
which AWS's own sample templates write as tags. Rain's tags (`!Rain::Embed`,
`!Rain::Module`) are reported as info, not as errors: they are no mistake, but
CloudFormation reads the template only once `rain pkg` has written it out (lint that output
for a full check), and because Rain rewrites it, the reference rules (T020-T045) skip such a
template. Any other unknown tag is taken for a typo: the value is read as if untagged and
every other rule still checks the template.

### Why it matters
CloudFormation rejects the template. A misspelt tag (`!GetAttr`, `!Subs`) is easy to miss
in review because it looks like the real one.

### Bad
```yaml
Value: !GetAttr Bucket.Arn
```

### Good
```yaml
Value: !GetAtt Bucket.Arn
```
)md"};

class UnknownTag final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        report_load_diagnostics(stack, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnknownTag)
}  // namespace stacklint
