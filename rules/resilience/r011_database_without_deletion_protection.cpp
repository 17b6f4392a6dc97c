// R011: a database that one delete call can remove.
#include <optional>
#include <utility>

#include "fix/editor.hpp"
#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "R011",
                         .name = "database-without-deletion-protection",
                         .pack = "resilience",
                         .severity = Severity::Warning,
                         .summary = "A database or table has no deletion protection",
                         .doc = R"md(### What it finds
Databases without deletion protection switched on:
- `AWS::RDS::DBInstance` outside a cluster (no `DBClusterIdentifier`, or
  `AWS::NoValue`; one that is in a cluster only under a condition is not judged) and
  `AWS::RDS::DBCluster`, `AWS::DocDB::DBCluster`, `AWS::Neptune::DBCluster` without
  `DeletionProtection: true`;
- `AWS::DynamoDB::Table` without `DeletionProtectionEnabled: true`, and an
  `AWS::DynamoDB::GlobalTable` replica without it.
A value that depends on a condition or parameter is not reported unless every branch is
off, and a replica that exists only under a condition counts only when every possible
`Replicas` list has an unprotected one.

### Why it matters
Deletion protection makes the service itself refuse to delete the database — whether the
request comes from a stack deletion, a replacement, a script or a console click — until
someone turns the protection off on purpose. It is the last line of defence when a
`DeletionPolicy` is missing or wrong.

### Bad
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties: {...}
```

### Good
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties:
    DeletionProtectionEnabled: true
    ...
```

### Fix
The fix (unsafe) sets the flag to `true`, adding it (and `Properties` if need be) when it is
missing; not for a replica of a global table or a SAM `SimpleTable`.
)md",
                         .fix = FixSafety::Unsafe};

// True unless some possible value of the flag is (or may be) true; CloudFormation also
// accepts the string "true".
bool unprotected(const Node* flag) {
    if (flag == nullptr) return true;
    const PossibleValues v = possible_values(*flag);
    if (v.unknown) return false;
    return !v.any([](const Node* n) { return n != nullptr && n->as_bool() == true; });
}

// The first replica of one possible Replicas list without deletion protection, with its
// index; nullopt when there is none, or when the list cannot be known.
std::optional<std::pair<const Node*, std::size_t>> unprotected_replica(const Node* replicas) {
    if (replicas == nullptr || !replicas->is_sequence()) return std::nullopt;
    for (std::size_t i = 0; i < replicas->items().size(); ++i) {
        const Node& replica = replicas->items()[i];
        if (!is_literal_mapping(replica)) continue;  // a function: may be protected
        if (unprotected(replica.get("DeletionProtectionEnabled"))) return std::pair{&replica, i};
    }
    return std::nullopt;
}

class DatabaseWithoutDeletionProtection final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& r : stack.deployed().resources) {
            const std::string_view t = r.type_name;
            const Node* properties = r.properties ? &r.properties->value : nullptr;
            const std::string path = path_of({"Resources", r.id, "Properties"});
            if (t == "AWS::RDS::DBInstance" || t == "AWS::RDS::DBCluster" ||
                t == "AWS::DocDB::DBCluster" || t == "AWS::Neptune::DBCluster") {
                // A cluster member (or maybe one): the cluster carries the protection.
                if (is_cluster_member(r) != false) continue;
                check_flag(stack, r, properties, "DeletionProtection", path, out);
            } else if (t == "AWS::DynamoDB::Table") {
                check_flag(stack, r, properties, "DeletionProtectionEnabled", path, out);
            } else if (t == "AWS::DynamoDB::GlobalTable") {
                check_replicas(stack, r, out);
            }
        }
    }

  private:
    // Reports when `flag` of the resource's properties is not on.
    static void check_flag(const Stack& stack, const Resource& r, const Node* properties,
                           std::string_view flag, const std::string& path, Reporter& out) {
        const Entry* e =
            properties && is_literal_mapping(*properties) ? properties->find(flag) : nullptr;
        if (!unprotected(e ? &e->value : nullptr)) return;
        // The fix: `false` becomes `true`; a missing flag is added (with Properties if need be).
        const fix::Editor editor(stack.doc);
        std::optional<TextEdit> edit;
        if (e != nullptr && e->value.is_scalar()) {
            edit = editor.replace_scalar(e->value.mark(), e->value.text(), "true", true);
        } else if (e == nullptr && properties != nullptr && is_literal_mapping(*properties)) {
            edit = editor.insert_entry(*properties, "", flag, fix::Value::literal("true"));
        } else if (properties == nullptr && r.properties == nullptr && r.node != nullptr) {
            edit = editor.insert_entry(
                *r.node, "Type", "Properties",
                fix::map_value({{std::string(flag), fix::Value::literal("true")}}));
        }
        report(stack, r, e ? e->key_mark : r.id_mark, flag, path + "/" + std::string(flag),
               fix::make_fix(FixSafety::Unsafe, "set " + std::string(flag) + ": true", {edit}),
               out);
    }

    // Reports the first unprotected replica when every possible Replicas list has one.
    static void check_replicas(const Stack& stack, const Resource& r, Reporter& out) {
        const Node* replicas = r.property("Replicas");
        if (replicas == nullptr) return;
        const PossibleTrees lists = possible_trees(*replicas);
        if (lists.unknown) return;
        std::optional<std::pair<const Node*, std::size_t>> first;
        for (const Node* list : lists.values) {
            const auto found = unprotected_replica(list);
            if (!found) return;
            if (!first) first = found;
        }
        if (!first) return;
        const Node& replica = *first->first;
        const Entry* e = replica.find("DeletionProtectionEnabled");
        report(stack, r, e ? e->key_mark : replica.mark(), "DeletionProtectionEnabled",
               path_of({"Resources", r.id, "Properties", "Replicas"}) + "/" +
                   std::to_string(first->second) + "/DeletionProtectionEnabled",
               nullptr, out);
    }

    static void report(const Stack& stack, const Resource& r, Mark mark, std::string_view flag,
                       std::string path, std::shared_ptr<const Fix> edit, Reporter& out) {
        std::string fix = "set " + std::string(flag) + ": true";
        std::string what = std::string(r.type_name) + " '" + std::string(r.id) + "'";
        if (stack.sam && stack.sam->find(r.id) != nullptr && stack.tmpl) {
            const Resource* source = stack.tmpl->find_resource(stack.sam->source_of(r.id));
            if (source != nullptr && source->type_name == "AWS::Serverless::SimpleTable") {
                what =
                    "AWS::Serverless::SimpleTable '" + std::string(r.id) + "' (a DynamoDB table)";
                fix =
                    "a SimpleTable cannot turn it on: declare the table as an "
                    "AWS::DynamoDB::Table with DeletionProtectionEnabled: true";
                edit = nullptr;
            }
        }
        out.add(stack, {mark,
                        what +
                            " has no deletion protection: a stack deletion, a replacement or a "
                            "stray API call deletes it with its data; " +
                            fix,
                        r.id,
                        std::move(path),
                        {},
                        {},
                        {},
                        std::move(edit)});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DatabaseWithoutDeletionProtection)
}  // namespace stacklint
