// R008: a lifecycle rule that expires every object in the bucket.
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
(a scratch or log bucket may expire everything on purpose).

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

bool present(const Node* v) {
    return v != nullptr && !is_no_value(*v);
}

bool limited(const Node& rule) {
    const Node* prefix = rule.get("Prefix");
    if (present(prefix) && !(prefix->is_scalar() && prefix->text().empty())) return true;
    const Node* tags = rule.get("TagFilters");
    if (present(tags) && (tags->size() > 0 || !tags->intrinsic_name().empty())) return true;
    const Node* filter = rule.get("Filter");
    if (present(filter) && filter->size() > 0) return true;
    return present(rule.get("ObjectSizeGreaterThan")) || present(rule.get("ObjectSizeLessThan"));
}

class LifecycleExpirationWithoutFilter final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& bucket : stack.tmpl->resources) {
            if (bucket.type_name != "AWS::S3::Bucket") continue;
            const Node* lifecycle = bucket.property("LifecycleConfiguration");
            const Node* rules = lifecycle ? lifecycle->get("Rules") : nullptr;
            if (rules == nullptr || !rules->is_sequence()) continue;
            for (std::size_t i = 0; i < rules->items().size(); ++i) {
                const Node& rule = rules->items()[i];
                if (!rule.is_mapping() || limited(rule)) continue;
                const Node* status = rule.get("Status");
                if (status == nullptr || !possible_values(*status).all([](const Node* v) {
                        return v != nullptr && v->text() == "Enabled";
                    })) {
                    continue;
                }
                const Entry* expiration = rule.find("ExpirationInDays");
                if (expiration == nullptr || !present(&expiration->value)) {
                    expiration = rule.find("ExpirationDate");
                }
                if (expiration == nullptr || !present(&expiration->value)) continue;
                report(stack, bucket, rule, i, *expiration, out);
                break;  // once per bucket
            }
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
