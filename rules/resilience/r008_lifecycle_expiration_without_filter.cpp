// R008: a lifecycle rule that expires every object in the bucket.
#include <optional>

#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "model/values.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "R008",
                         .name = "lifecycle-expiration-without-filter",
                         .pack = "resilience",
                         .severity = Severity::Warning,
                         .summary = "An S3 lifecycle rule expires every object in the bucket",
                         .doc = R"md(### What it finds
An enabled lifecycle rule with `ExpirationInDays` or `ExpirationDate` and nothing that
limits it — no `Prefix` (or an empty one), no `TagFilters`, no object-size bounds. Warning
when the bucket is retained or versioned (it holds data meant to last), info otherwise
(a scratch or log bucket may expire everything on purpose). Reported only when every
possible deployment has such a rule: an expiration, a status or a whole rule that depends
on a condition (`Fn::If`, `AWS::NoValue`) counts only when every branch expires
everything, and a `Prefix` given by a parameter may be a limit.

### Why it matters
Such a rule deletes every current object once it reaches the age, including objects
someone added later for a different purpose. An unfiltered rule is the lifecycle
equivalent of the cleanup job that listed a whole bucket and deleted thousands of objects.

### Bad
```yaml
LifecycleConfiguration:
  Rules:
    - Id: CleanUp
      Status: Enabled
      ExpirationInDays: 7
```

### Good
```yaml
LifecycleConfiguration:
  Rules:
    - Id: CleanUpTmp
      Status: Enabled
      Prefix: tmp/
      ExpirationInDays: 7
```
)md"};

// Whether something limits the rule (one possible literal shape of it) to part of the
// bucket, or may: a value a function gives (a parameter for `Prefix`) may be a limit.
bool may_be_limited(const Node& rule) {
    if (const Node* prefix = rule.get("Prefix");
        prefix && !(prefix->is_scalar() && prefix->text().empty())) {
        return true;
    }
    if (const Node* tags = rule.get("TagFilters");
        tags && !(tags->is_sequence() && tags->items().empty())) {
        return true;
    }
    // `Filter` is the S3 API's spelling, not a CloudFormation property (S003 reports it):
    // what it would limit is not for this rule to guess.
    if (rule.get("Filter") != nullptr) return true;
    return rule.get("ObjectSizeGreaterThan") != nullptr ||
           rule.get("ObjectSizeLessThan") != nullptr;
}

// A rule that certainly expires every object of the bucket.
struct ExpiringRule {
    const Node* rule;
    std::size_t index;
    const Entry* expiration;
};

// The first such rule of one possible LifecycleConfiguration (nullptr: none), if any.
std::optional<ExpiringRule> expiring_rule(const Node* lifecycle) {
    if (lifecycle == nullptr || !is_literal_mapping(*lifecycle)) return std::nullopt;
    const Node* rules = lifecycle->get("Rules");
    if (rules == nullptr || !rules->is_sequence()) return std::nullopt;
    for (std::size_t i = 0; i < rules->items().size(); ++i) {
        const Node& rule = rules->items()[i];
        if (!is_literal_mapping(rule) || may_be_limited(rule)) continue;
        const Node* status = rule.get("Status");
        if (status == nullptr || !status->is_scalar() || status->text() != "Enabled") continue;
        const Entry* expiration = rule.find("ExpirationInDays");
        if (expiration == nullptr) expiration = rule.find("ExpirationDate");
        if (expiration != nullptr) return ExpiringRule{&rule, i, expiration};
    }
    return std::nullopt;
}

class LifecycleExpirationWithoutFilter final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& bucket : stack.deployed().resources) {
            if (bucket.type_name != "AWS::S3::Bucket") continue;
            const Node* lifecycle = bucket.property("LifecycleConfiguration");
            if (lifecycle == nullptr) continue;
            // Only when every possible configuration has such a rule; the first (as written,
            // every condition true) is the one reported.
            const PossibleTrees configs = possible_trees(*lifecycle);
            std::optional<ExpiringRule> first;
            bool always = !configs.unknown;
            for (const Node* config : configs.values) {
                const std::optional<ExpiringRule> found = expiring_rule(config);
                if (!found) always = false;
                if (!always) break;
                if (!first) first = found;
            }
            if (always && first)
                report(stack, bucket, *first->rule, first->index, *first->expiration, out);
        }
    }

  private:
    static void report(const Stack& stack, const Resource& bucket, const Node& rule, std::size_t i,
                       const Entry& expiration, Reporter& out) {
        const auto policy = effective_deletion_policy(bucket);
        const bool keeps_data =
            (policy && is_retain_policy(*policy)) || resilience::versioning_enabled(bucket);
        const Node* id = rule.get("Id");
        const std::string name =
            id && id->is_scalar() ? "'" + id->text() + "'" : "#" + std::to_string(i + 1);
        std::string when;
        if (expiration.key == "ExpirationInDays" && expiration.value.as_int()) {
            when = " after " + expiration.value.text() + " days";
        } else if (expiration.key == "ExpirationDate" && expiration.value.is_scalar()) {
            when = " on " + expiration.value.text();
        }
        out.add(stack, {expiration.key_mark,
                        "lifecycle rule " + name + " of bucket '" + std::string(bucket.id) +
                            "' expires every object in the bucket" + when +
                            " (no Prefix or TagFilters limit it): whatever else is stored there "
                            "is deleted too; limit it, e.g. Prefix: tmp/",
                        bucket.id,
                        path_of({"Resources", bucket.id, "Properties", "LifecycleConfiguration",
                                 "Rules", std::to_string(i), expiration.key}),
                        keeps_data ? Severity::Warning : Severity::Info});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(LifecycleExpirationWithoutFilter)
}  // namespace stacklint
