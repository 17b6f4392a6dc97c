// R001: a versioned bucket whose old versions are never expired.
#include <optional>
#include <string>

#include "fix/editor.hpp"
#include "lint/rule.hpp"
#include "model/values.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R001",
    .name = "versioned-bucket-without-noncurrent-expiration",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "A versioned S3 bucket has no enabled lifecycle rule expiring old versions",
    .doc = R"md(### What it finds
An `AWS::S3::Bucket` with `VersioningConfiguration.Status: Enabled` and no *enabled*
lifecycle rule with `NoncurrentVersionExpiration` (or the legacy
`NoncurrentVersionExpirationInDays`) that covers the whole bucket. A rule with
`Status: Disabled` does not count; a rule limited by `Prefix`, `TagFilters` or an object
size covers only part of the bucket, and the message says so. When versioning, the
lifecycle configuration or any part of a rule depends on a condition (`Fn::If` at any
level, `AWS::NoValue`) or a parameter, stacklint stays silent unless every possibility is
a problem: a `Prefix` limits a rule only when it is non-empty in every case (one given by a
parameter may be empty).

### Why it matters
With versioning on, every overwrite and every delete keeps the old version. Nothing removes
them: storage grows without bound, and CloudFormation cannot delete a bucket that still
holds versions. In a real incident a bucket re-uploaded 40 files a few times a day until
it held 8,137 versions and 307 delete markers; deleting its stack ended in
`DELETE_FAILED` and blocked every later deployment.

### Bad
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled
```

### Good
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled
    LifecycleConfiguration:
      Rules:
        - Id: ExpireOldVersions
          Status: Enabled
          NoncurrentVersionExpiration:
            NoncurrentDays: 30
```

### Fix
The fix (unsafe: from then on old versions are deleted after 30 days) adds the rule of the
Good example to the bucket's `Rules`, or a `LifecycleConfiguration` holding it after the
versioning. None is offered when a condition decides the lifecycle configuration.
)md",
    .fix = FixSafety::Unsafe};

constexpr std::string_view kFix =
    "add LifecycleConfiguration: {Rules: [{Id: ExpireOldVersions, Status: Enabled, "
    "NoncurrentVersionExpiration: {NoncurrentDays: 30}}]}";

// What limits a lifecycle rule (one possible literal shape of it) to part of the bucket,
// described for a message: empty when the rule covers every object, nullopt when that
// depends on a value that cannot be known (a prefix given by a parameter may be empty).
std::optional<std::string> scope_of(const Node& rule) {
    if (const Node* prefix = rule.get("Prefix")) {
        if (!prefix->is_scalar()) return std::nullopt;
        if (!prefix->text().empty()) return "prefix '" + prefix->text() + "'";
    }
    if (const Node* tags = rule.get("TagFilters")) {
        if (!tags->is_sequence()) return std::nullopt;
        if (!tags->items().empty()) return "tags";
    }
    if (rule.get("ObjectSizeGreaterThan") != nullptr || rule.get("ObjectSizeLessThan") != nullptr) {
        return "object size";
    }
    // `Filter` is the S3 API's spelling, not a CloudFormation property (S003 reports it):
    // what it would limit is not for this rule to guess.
    if (rule.get("Filter") != nullptr) return std::nullopt;
    return std::string();
}

std::string rule_name(const Node& rule, std::size_t index) {
    const Node* id = rule.get("Id");
    return id != nullptr && id->is_scalar() ? "'" + id->text() + "'"
                                            : "#" + std::to_string(index + 1);
}

// What is wrong with one possible LifecycleConfiguration (nullptr: none) of a versioned
// bucket, as the message says it; nullopt when it expires old versions for the whole bucket
// or may do so.
std::optional<std::string> problem_of(const std::string& id, const Node* lifecycle) {
    std::string scoped;    // a matching rule limited to part of the bucket
    std::string disabled;  // a matching rule that is switched off
    const Node* rules = nullptr;
    if (lifecycle != nullptr) {
        if (!is_literal_mapping(*lifecycle)) return std::nullopt;  // cannot be known
        rules = lifecycle->get("Rules");
        if (rules != nullptr && !rules->is_sequence()) return std::nullopt;
    }
    for (std::size_t i = 0; rules != nullptr && i < rules->items().size(); ++i) {
        const Node& rule = rules->items()[i];
        if (!is_literal_mapping(rule)) return std::nullopt;  // a function: may be any rule
        if (rule.get("NoncurrentVersionExpiration") == nullptr &&
            rule.get("NoncurrentVersionExpirationInDays") == nullptr) {
            continue;
        }
        // A rule without Status is invalid (the schema rules say so); not ours.
        const Node* status = rule.get("Status");
        if (status == nullptr) return std::nullopt;
        if (status->is_scalar() && status->text() != "Enabled") {
            disabled = rule_name(rule, i);
            continue;
        }
        const std::optional<std::string> scope = scope_of(rule);
        if (!scope || scope->empty()) return std::nullopt;  // may cover the whole bucket
        scoped = "rule " + rule_name(rule, i) + " expires old versions only for " + *scope;
    }
    if (!scoped.empty()) {
        return "versioned bucket '" + id + "': " + scoped +
               "; every other object keeps all its old versions forever, and CloudFormation "
               "cannot delete the bucket while it holds them; add a rule for the whole "
               "bucket: {Id: ExpireOldVersions, Status: Enabled, "
               "NoncurrentVersionExpiration: {NoncurrentDays: 30}}";
    }
    if (!disabled.empty()) {
        return "versioned bucket '" + id + "': lifecycle rule " + disabled +
               " would expire old versions but its Status is Disabled, so none ever "
               "expire and CloudFormation cannot delete the bucket while it holds them; "
               "set Status: Enabled";
    }
    return "versioned bucket '" + id +
           "' has no lifecycle rule expiring noncurrent versions: every overwrite and "
           "delete keeps an old version forever, storage grows without bound and "
           "CloudFormation cannot delete the bucket while it holds them; " +
           std::string(kFix);
}

class VersionedBucketWithoutNoncurrentExpiration final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& bucket : stack.deployed().resources) {
            if (bucket.type_name != "AWS::S3::Bucket" || !resilience::versioning_enabled(bucket)) {
                continue;
            }
            check_bucket(stack, bucket, out);
        }
    }

  private:
    // Reports when every possible lifecycle configuration leaves old versions unexpired
    // somewhere; the message describes the first one (as written, every condition true).
    static void check_bucket(const Stack& stack, const Resource& bucket, Reporter& out) {
        const std::string id(bucket.id);
        std::optional<std::string> message;
        if (const Node* lifecycle = bucket.property("LifecycleConfiguration")) {
            const PossibleTrees configs = possible_trees(*lifecycle);
            if (configs.unknown) return;
            for (const Node* config : configs.values) {
                std::optional<std::string> problem = problem_of(id, config);
                if (!problem) return;
                if (!message) message = std::move(problem);
            }
        } else {
            message = problem_of(id, nullptr);
        }
        if (!message) return;
        const Entry* versioning = bucket.property_entry("VersioningConfiguration");
        out.add(stack,
                {.mark = versioning->key_mark,
                 .message = std::move(*message),
                 .resource = bucket.id,
                 .path = path_of({"Resources", bucket.id, "Properties", "VersioningConfiguration"}),
                 .fix = expiration_fix(stack, bucket)});
    }

    // Adds the rule the message recommends: to the Rules list when the configuration is
    // written out (no condition decides it), else as a new LifecycleConfiguration after the
    // versioning. Unsafe: old versions older than 30 days are deleted from then on.
    static std::shared_ptr<const Fix> expiration_fix(const Stack& stack, const Resource& bucket) {
        using fix::Value;
        const Value rule =
            fix::map_value({{"Id", Value::string("ExpireOldVersions")},
                            {"Status", Value::string("Enabled")},
                            {"NoncurrentVersionExpiration",
                             fix::map_value({{"NoncurrentDays", Value::literal("30")}})}});
        const fix::Editor editor(stack.doc);
        const Node* properties = bucket.properties ? &bucket.properties->value : nullptr;
        if (properties == nullptr || !is_literal_mapping(*properties)) return nullptr;
        std::optional<TextEdit> edit;
        if (const Node* lifecycle = properties->get("LifecycleConfiguration")) {
            const Node* rules = is_literal_mapping(*lifecycle) ? lifecycle->get("Rules") : nullptr;
            if (rules == nullptr || !rules->is_sequence()) return nullptr;
            for (const Node& r : rules->items()) {
                const Node* rule_id = r.is_mapping() ? r.get("Id") : nullptr;
                if (rule_id != nullptr && rule_id->text() == "ExpireOldVersions") return nullptr;
            }
            edit = editor.insert_item(*rules, rule);
        } else {
            edit = editor.insert_entry(*properties, "VersioningConfiguration",
                                       "LifecycleConfiguration",
                                       fix::map_value({{"Rules", Value::list({rule})}}));
        }
        return fix::make_fix(FixSafety::Unsafe,
                             "add a lifecycle rule that expires old versions after 30 days",
                             {edit});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(VersionedBucketWithoutNoncurrentExpiration)
}  // namespace stacklint
