// R011: a database that one delete call can remove.
#include "lint/rule.hpp"
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
- `AWS::RDS::DBInstance` outside a cluster (no `DBClusterIdentifier`) and
  `AWS::RDS::DBCluster`, `AWS::DocDB::DBCluster`, `AWS::Neptune::DBCluster` without
  `DeletionProtection: true`;
- `AWS::DynamoDB::Table` without `DeletionProtectionEnabled: true`, and an
  `AWS::DynamoDB::GlobalTable` replica without it.
A value that depends on a condition or parameter is not reported unless every branch is
off.

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
)md"};

// True unless every possible value of the flag is true (CloudFormation also accepts "true").
bool unprotected(const Node* flag) {
    if (flag == nullptr) return true;
    const PossibleValues v = possible_values(*flag);
    if (v.unknown) return false;
    return !v.any([](const Node* n) { return n != nullptr && n->as_bool() == true; });
}

class DatabaseWithoutDeletionProtection final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& r : stack.tmpl->resources) {
            const std::string_view t = r.type_name;
            if (t == "AWS::RDS::DBInstance" || t == "AWS::RDS::DBCluster" ||
                t == "AWS::DocDB::DBCluster" || t == "AWS::Neptune::DBCluster") {
                if (t == "AWS::RDS::DBInstance" && r.property("DBClusterIdentifier") != nullptr) {
                    continue;  // a cluster member: the cluster carries the protection
                }
                check_flag(stack, r, r.properties ? &r.properties->value : nullptr,
                           "DeletionProtection", path_of({"Resources", r.id, "Properties"}), out);
            } else if (t == "AWS::DynamoDB::Table") {
                check_flag(stack, r, r.properties ? &r.properties->value : nullptr,
                           "DeletionProtectionEnabled", path_of({"Resources", r.id, "Properties"}),
                           out);
            } else if (t == "AWS::DynamoDB::GlobalTable") {
                const Node* replicas = r.property("Replicas");
                if (replicas == nullptr || !replicas->is_sequence()) continue;
                for (std::size_t i = 0; i < replicas->items().size(); ++i) {
                    const Node& replica = replicas->items()[i];
                    if (!replica.is_mapping()) continue;
                    const std::string path =
                        path_of({"Resources", r.id, "Properties", "Replicas"}) + "/" +
                        std::to_string(i);
                    if (check_flag(stack, r, &replica, "DeletionProtectionEnabled", path, out))
                        break;
                }
            }
        }
    }

  private:
    // Reports when `flag` of `owner` is not on; returns whether it reported.
    static bool check_flag(const Stack& stack, const Resource& r, const Node* owner,
                           std::string_view flag, const std::string& path, Reporter& out) {
        const Entry* e = owner && owner->is_mapping() ? owner->find(flag) : nullptr;
        if (!unprotected(e ? &e->value : nullptr)) return false;
        const Mark mark = e ? e->key_mark
                          : owner && owner != (r.properties ? &r.properties->value : nullptr)
                              ? owner->mark()
                              : r.id_mark;
        out.add(stack, {mark,
                        std::string(r.type_name) + " '" + std::string(r.id) +
                            "' has no deletion protection: a stack deletion, a replacement or a "
                            "stray API call deletes it with its data; set " +
                            std::string(flag) + ": true",
                        r.id, path + "/" + std::string(flag)});
        return true;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DatabaseWithoutDeletionProtection)
}  // namespace stacklint
