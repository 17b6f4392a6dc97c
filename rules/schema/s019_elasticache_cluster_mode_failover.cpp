// S019: a Redis OSS / Valkey replication group in cluster mode with automatic failover off.
#include <cstdint>
#include <optional>

#include "lint/rule.hpp"
#include "model/scenarios.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S019",
    .name = "elasticache-cluster-mode-without-failover",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "An ElastiCache replication group in cluster mode turns automatic failover off",
    .doc = R"md(### What it finds
An `AWS::ElastiCache::ReplicationGroup` with `AutomaticFailoverEnabled: false` that runs in
cluster mode: its parameter group sets `cluster-enabled` to `yes` (an
`AWS::ElastiCache::ParameterGroup` of the template, or a default group whose name ends in
`.cluster.on`), or it has more than one node group (`NumNodeGroups`). Values that depend on
the template's Conditions are judged for every combination of conditions that can happen
(two conditions that test one parameter are not independent); the message names the
combination. Values given by parameters are not judged.

### Why it matters
ElastiCache requires automatic failover for Redis OSS and Valkey replication groups in cluster
mode ("AutomaticFailoverEnabled must be enabled for Valkey or Redis OSS (cluster mode
enabled) replication groups", per the property's documentation). The stack fails when the
group is created, after everything before it, for the parameter values that lead there.

### Bad
```yaml
Conditions:
  HasShards: !Not [!Equals [!Ref Shards, 1]]
  HasReplicas: !Not [!Equals [!Ref Replicas, 0]]
Resources:
  Params:
    Type: AWS::ElastiCache::ParameterGroup
    Properties:
      CacheParameterGroupFamily: redis7
      Description: cache
      Properties: !If [HasShards, {cluster-enabled: "yes"}, {}]
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      Engine: redis
      CacheNodeType: cache.t4g.small
      CacheParameterGroupName: !Ref Params
      NumNodeGroups: !Ref Shards
      ReplicasPerNodeGroup: !Ref Replicas
      AutomaticFailoverEnabled: !If [HasReplicas, true, false]  # false with 2 shards
```

### Good
Require a replica whenever there is more than one shard (an `AllowedValues` or a `Rules`
assertion), or leave `AutomaticFailoverEnabled` out in cluster mode.
)md"};

// The value of `node` in one combination of `names`, or nullopt when it is removed.
std::optional<Node> in_choice(const Node* node, const Scenarios& s, std::uint64_t choice) {
    if (node == nullptr) return std::nullopt;
    return resolve_conditions(*node, s.names, choice);
}

class ElastiCacheClusterModeFailover final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        const Template& tmpl = *stack.tmpl;
        for (const Resource& r : tmpl.resources) {
            if (r.type_name != "AWS::ElastiCache::ReplicationGroup") continue;
            const Entry* failover = r.property_entry("AutomaticFailoverEnabled");
            if (failover == nullptr) continue;
            const Node* groups = r.property("NumNodeGroups");
            const Node* parameter_group = r.property("CacheParameterGroupName");
            // The parameter group's own parameters, when it is one of the template's.
            const Node* group_parameters = nullptr;
            if (parameter_group != nullptr && parameter_group->intrinsic_name() == "Ref" &&
                parameter_group->intrinsic_arg()->is_scalar()) {
                const Resource* pg = tmpl.find_resource(parameter_group->intrinsic_arg()->text());
                if (pg != nullptr && pg->type_name == "AWS::ElastiCache::ParameterGroup")
                    group_parameters = pg->property("Properties");
            }
            std::vector<std::string_view> names;
            bool overflow = false;
            for (const Node* n : {&failover->value, groups, parameter_group, group_parameters}) {
                if (n == nullptr) continue;
                for (std::string_view c : conditions_in(*n, kMaxScenarioConditions, overflow)) {
                    if (std::find(names.begin(), names.end(), c) == names.end()) names.push_back(c);
                }
            }
            if (overflow || names.size() > 8) continue;
            std::string_view own;
            if (r.condition != nullptr && r.condition->value.is_scalar())
                own = r.condition->value.text();
            const Scenarios s = possible_scenarios(tmpl, names, own);
            if (!s.exact) continue;
            std::vector<std::uint64_t> failing;
            std::string why;
            Mark at = failover->value.mark();
            for (const std::uint64_t choice : s.choices) {
                const std::optional<Node> afe = in_choice(&failover->value, s, choice);
                if (!afe || !afe->is_scalar() || afe->as_bool() != false) continue;
                const std::string reason =
                    cluster_mode(groups, parameter_group, group_parameters, s, choice);
                if (reason.empty()) continue;
                if (failing.empty()) {
                    why = reason;
                    at = afe->mark();
                }
                failing.push_back(choice);
            }
            if (failing.empty()) continue;
            std::string when;
            if (failing.size() < s.choices.size()) when = " " + describe_scenarios(s, failing);
            out.add(stack, Report{.mark = at,
                                  .message = "replication group '" + std::string(r.id) +
                                             "' runs in cluster mode (" + why +
                                             ") with AutomaticFailoverEnabled false" + when +
                                             ": ElastiCache requires automatic failover in "
                                             "cluster mode; the deployment fails",
                                  .resource = r.id,
                                  .path = path_of({"Resources", r.id, "Properties",
                                                   "AutomaticFailoverEnabled"})});
        }
    }

  private:
    // Why the group is in cluster mode in this combination, or empty when it is not (or that
    // cannot be told).
    static std::string cluster_mode(const Node* groups, const Node* parameter_group,
                                    const Node* group_parameters, const Scenarios& s,
                                    std::uint64_t choice) {
        if (const std::optional<Node> n = in_choice(groups, s, choice);
            n && n->is_scalar() && n->as_int() && *n->as_int() > 1)
            return "NumNodeGroups is " + n->text();
        if (const std::optional<Node> name = in_choice(parameter_group, s, choice);
            name && name->is_scalar() && name->text().ends_with(".cluster.on"))
            return "parameter group " + name->text();
        if (const std::optional<Node> params = in_choice(group_parameters, s, choice);
            params && params->is_mapping()) {
            const Node* enabled = params->get("cluster-enabled");
            if (enabled != nullptr && enabled->is_scalar() && enabled->text() == "yes")
                return "its parameter group sets cluster-enabled to yes";
        }
        return {};
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ElastiCacheClusterModeFailover)
}  // namespace stacklint
