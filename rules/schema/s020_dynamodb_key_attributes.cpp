// S020: a DynamoDB table's AttributeDefinitions and key schemas do not match.
#include <cstdint>
#include <optional>
#include <set>

#include "lint/rule.hpp"
#include "model/scenarios.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S020",
    .name = "dynamodb-key-attributes",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A DynamoDB table defines attributes no key uses, or keys on undefined ones",
    .doc = R"md(### What it finds
An `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` whose `AttributeDefinitions` and key
schemas (the table's `KeySchema` and those of its global and local secondary indexes) do not
name the same attributes: a key attribute that is not defined, or a defined attribute that
no key uses. Properties that depend on Conditions are judged in every combination that can
happen; names given by parameters or functions are not judged.

### Why it matters
DynamoDB's CreateTable accepts exactly the attributes its keys use ("Number of attributes in
KeySchema does not exactly match number of attributes defined in AttributeDefinitions"): the
table is not created, and neither is anything that waits for it. Defining every attribute
the items will hold, as one would in a relational schema, is the usual cause.

### Bad
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    AttributeDefinitions:
      - {AttributeName: pk, AttributeType: S}
      - {AttributeName: total, AttributeType: N}   # no key uses it
    KeySchema:
      - {AttributeName: pk, KeyType: HASH}
```

### Good
```yaml
    AttributeDefinitions:
      - {AttributeName: pk, AttributeType: S}
    KeySchema:
      - {AttributeName: pk, KeyType: HASH}
```
)md"};

struct AttributeRef {
    std::string name;
    Mark mark;
};

// The literal AttributeName of each item of a list; false when one cannot be known.
bool names_in(const Node* list, std::vector<AttributeRef>& out) {
    if (list == nullptr) return true;
    if (!list->is_sequence()) return false;
    for (const Node& item : list->items()) {
        if (!is_literal_mapping(item)) return false;
        const Node* name = item.get("AttributeName");
        if (name == nullptr || !name->is_scalar()) return false;
        out.push_back({name->text(), name->mark()});
    }
    return true;
}

// The key attributes of the table and of its indexes; false when one cannot be known.
bool key_names(const Node& properties, std::vector<AttributeRef>& out) {
    if (!names_in(properties.get("KeySchema"), out)) return false;
    for (const char* indexes : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
        const Node* list = properties.get(indexes);
        if (list == nullptr) continue;
        if (!list->is_sequence()) return false;
        for (const Node& index : list->items()) {
            if (!is_literal_mapping(index) || !names_in(index.get("KeySchema"), out)) return false;
        }
    }
    return true;
}

struct Problem {
    Mark mark;
    std::string text;
    bool operator==(const Problem&) const = default;
};

std::vector<Problem> problems(const Node& properties, std::string_view id) {
    std::vector<AttributeRef> defined;
    std::vector<AttributeRef> keys;
    if (!is_literal_mapping(properties) ||
        !names_in(properties.get("AttributeDefinitions"), defined) ||
        !key_names(properties, keys) || properties.get("AttributeDefinitions") == nullptr)
        return {};
    std::set<std::string> defined_names;
    std::set<std::string> key_set;
    for (const AttributeRef& d : defined)
        defined_names.insert(d.name);
    for (const AttributeRef& k : keys)
        key_set.insert(k.name);
    std::vector<Problem> out;
    std::set<std::string> reported;
    for (const AttributeRef& k : keys) {
        if (defined_names.contains(k.name) || !reported.insert(k.name).second) continue;
        out.push_back({k.mark, "table '" + std::string(id) + "': key attribute '" + k.name +
                                   "' is not in AttributeDefinitions; add it with its type"});
    }
    for (const AttributeRef& d : defined) {
        if (key_set.contains(d.name)) continue;
        out.push_back({d.mark, "table '" + std::string(id) + "': attribute '" + d.name +
                                   "' is defined but no key schema uses it; DynamoDB accepts "
                                   "only the attributes of keys in AttributeDefinitions"});
    }
    return out;
}

class DynamoDbKeyAttributes final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        const Template& tmpl = *stack.tmpl;
        for (const Resource& r : tmpl.resources) {
            if (r.type_name != "AWS::DynamoDB::Table" &&
                r.type_name != "AWS::DynamoDB::GlobalTable")
                continue;
            if (r.properties == nullptr) continue;
            const Node& properties = r.properties->value;
            bool overflow = false;
            const std::vector<std::string_view> names = conditions_in(properties, 8, overflow);
            if (overflow) continue;
            std::string_view own;
            if (r.condition != nullptr && r.condition->value.is_scalar())
                own = r.condition->value.text();
            const Scenarios s = possible_scenarios(tmpl, names, own);
            if (!s.exact) continue;
            std::vector<std::pair<Problem, std::vector<std::uint64_t>>> found;
            for (const std::uint64_t choice : s.choices) {
                const std::optional<Node> resolved =
                    resolve_conditions(properties, s.names, choice);
                if (!resolved) continue;
                for (Problem& p : problems(*resolved, r.id)) {
                    const auto same = std::find_if(found.begin(), found.end(),
                                                   [&](const auto& f) { return f.first == p; });
                    if (same != found.end())
                        same->second.push_back(choice);
                    else
                        found.emplace_back(std::move(p), std::vector<std::uint64_t>{choice});
                }
            }
            for (auto& [p, choices] : found) {
                std::string text = std::move(p.text);
                if (choices.size() < s.choices.size())
                    text += " (" + describe_scenarios(s, choices) + ")";
                out.add(stack, Report{.mark = p.mark,
                                      .message = text + "; the deployment fails",
                                      .resource = r.id,
                                      .path = path_of({"Resources", r.id, "Properties"})});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DynamoDbKeyAttributes)
}  // namespace stacklint
