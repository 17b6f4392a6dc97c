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
A key that appears twice in the same mapping, reported at the second occurrence. YAML
parsers disagree on what a repeated key means (most keep the last value silently);
stacklint keeps the first and reports the second.

### Why it matters
CloudFormation rejects templates with duplicate keys. Worse, tools that accept them
quietly drop one of the values: the resource you review is not the one you deploy. A
duplicated logical id under `Resources` usually means a copy-paste that was meant to be a
second resource.

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
