// M002: an inline suppression without a reason (reported with --require-reasons).
#include "config/suppress.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "M002",
    .name = "suppression-without-reason",
    .pack = "meta",
    .severity = Severity::Warning,
    .summary = "An inline suppression gives no reason (reported with --require-reasons)",
    .doc = R"md(### What it finds
An entry of a `stacklint` `ignore` list written as a bare rule id, or as a mapping without
a `reason` (or with an empty one). The command line reports it only when reasons are
required: `--require-reasons`, or `require_reasons: true` in `.stacklint.yaml`.

### Why it matters
A suppression is a decision to accept a risk the rule describes. Without the reason, a
reviewer cannot tell a considered exception ("the partner integration needs this exact
bucket name") from a quick way to make the check pass, and nobody can tell later whether
the reason still holds.

### Bad
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Metadata:
    stacklint:
      ignore: [R003]
```

### Good
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Metadata:
    stacklint:
      ignore:
        - id: R003
          reason: the partner's SFTP integration is configured with this exact name
```
)md"};

class SuppressionWithoutReason final : public SuppressionRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_suppressions(const SuppressionLedger& ledger, Reporter& out) const override {
        for (const Suppression& s : ledger.suppressions) {
            if (!s.reason.empty()) continue;
            std::string message =
                s.resource.empty()
                    ? "template-wide suppression of " + s.rule
                    : "suppression of " + s.rule + " on resource '" + std::string(s.resource) + "'";
            message += " gives no reason; write it as '{id: " + s.rule +
                       ", reason: ...}' so reviewers can judge the exception";
            out.add(*s.stack, {s.mark, std::move(message), s.resource, s.path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(SuppressionWithoutReason)
}  // namespace stacklint
