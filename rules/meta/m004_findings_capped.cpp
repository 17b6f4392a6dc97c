// M004: findings left out because one rule found more than kMaxFindingsPerRule in a stack.
#include <string>

#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "M004",
                         .name = "findings-capped",
                         .pack = "meta",
                         .severity = Severity::Info,
                         .summary = "A rule found more problems in one template than are reported",
                         .doc = R"md(### What it finds
A template in which one rule found more than 2,000 problems. stacklint keeps the first
2,000 findings of each rule per template (stack) and reports how many more there were,
once per rule, at the first one left out.

### Why it matters
A template that size is far beyond CloudFormation's quotas (500 resources), usually
generated. Without a cap, a 100,000-resource template gives a finding per resource per
rule: gigabytes of memory and a report nobody reads. With it, memory and output stay
bounded, and the count says how much is left once the shown findings are fixed.

### Bad
A generated template with 100,000 buckets that each set `BucketName`: R003 reports the
first 2,000, and M004 says that 98,000 more were left out.

### Good
A template within CloudFormation's quotas, split into nested stacks where it grows.
)md"};

class FindingsCapped final : public CappedFindingsRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_capped(const std::vector<DroppedFindings>& dropped, Reporter& out) const override {
        for (const DroppedFindings& d : dropped) {
            std::string msg(d.rule);
            msg.append(" found ")
                .append(std::to_string(d.count))
                .append(" more problems in this template than the ")
                .append(std::to_string(kMaxFindingsPerRule))
                .append(" it reports (stacklint keeps at most ")
                .append(std::to_string(kMaxFindingsPerRule))
                .append(
                    " findings of one rule per template, so memory and output stay "
                    "bounded); the first one left out is here");
            Report r{d.first, std::move(msg), {}, std::string(d.rule)};
            r.file = d.file;
            out.add(*d.stack, std::move(r));
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(FindingsCapped)
}  // namespace stacklint
