// T002: a key repeated in one mapping.
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T002",
                         .name = "duplicate-key",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A mapping repeats a key",
                         .doc = R"md(### What it finds
A key that appears twice in the same mapping, reported at the last occurrence. Like
CloudFormation, stacklint keeps the last value and judges that one.

### Why it matters
The tools disagree on what a repeated key means. CloudFormation accepts the template and
silently keeps the last value (for YAML and JSON alike): the first one, which a reviewer
reading top-down sees, is not what deploys. `aws cloudformation package` and `deploy` reject
the file outright ("found duplicate key"), as do other YAML readers. A duplicated logical id
under `Resources` usually means a copy-paste that was meant to be a second resource, which
is then never created.

### Bad
```yaml
Resources:
  Logs:
    Type: AWS::S3::Bucket
  Logs:
    Type: AWS::S3::Bucket
```

### Good
```yaml
Resources:
  AccessLogs:
    Type: AWS::S3::Bucket
  AuditLogs:
    Type: AWS::S3::Bucket
```
)md"};

class DuplicateKey final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        report_load_diagnostics(stack, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DuplicateKey)
}  // namespace stacklint
