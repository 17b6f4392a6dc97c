// T007: logical ids must be alphanumeric.
#include <algorithm>
#include <cctype>

#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T007",
    .name = "invalid-logical-id",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "A logical id of a resource, parameter, mapping or output is not alphanumeric",
    .doc = R"md(### What it finds
Names of resources, parameters, mappings and outputs that contain anything other than
the letters A–Z, a–z and the digits 0–9: dashes, underscores, dots, spaces, or nothing at
all.

### Why it matters
CloudFormation accepts only alphanumeric logical ids and rejects the template. Names like
`my-bucket` or `ORDERS_TABLE` come naturally from other tools and are rejected only at
deploy time.

### Bad
```yaml
Resources:
  orders-table:
    Type: AWS::DynamoDB::Table
```

### Good
```yaml
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
```
)md"};

bool alphanumeric(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(),
                                      [](unsigned char c) { return c < 0x80 && std::isalnum(c); });
}

class InvalidLogicalId final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        const Template& t = *stack.tmpl;
        auto check_all = [&](const std::vector<Named>& entries, std::string_view section,
                             std::string_view what) {
            for (const Named& n : entries) {
                if (alphanumeric(n.name)) continue;
                out.add(stack, {n.mark, message(what, n.name), {}, path_of({section, n.name})});
            }
        };
        check_all(t.parameters, "Parameters", "parameter");
        check_all(t.mappings, "Mappings", "mapping");
        check_all(t.outputs, "Outputs", "output");
        for (const Resource& r : t.resources) {
            if (alphanumeric(r.id)) continue;
            out.add(stack,
                    {r.id_mark, message("resource", r.id), r.id, path_of({"Resources", r.id})});
        }
    }

  private:
    static std::string message(std::string_view what, std::string_view id) {
        // `orders-table` -> `OrdersTable`: drop separators, capitalise what follows them.
        std::string suggestion;
        bool word_start = true;
        for (char ch : id) {
            const auto c = static_cast<unsigned char>(ch);
            if (c < 0x80 && std::isalnum(c)) {
                suggestion += word_start ? static_cast<char>(std::toupper(c)) : ch;
                word_start = false;
            } else {
                word_start = true;
            }
        }
        std::string msg = std::string(what) + " name '" + std::string(id) +
                          "' must contain only letters and digits (A-Z, a-z, 0-9)";
        if (!suggestion.empty()) msg += "; for example '" + suggestion + "'";
        return msg;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidLogicalId)
}  // namespace stacklint
