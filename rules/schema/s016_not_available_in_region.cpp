// S016: a resource type or property that does not exist in a region the template goes to.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"
#include "schema/regions.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S016",
    .name = "not-available-in-region",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A resource type or property does not exist in a region the template is for",
    .doc = R"md(### What it finds
A resource type, or a top-level property of one, that AWS's registry does not offer in one of
the regions the templates are deployed to. The regions come from `--regions` or the
configuration's `regions:` (default: `us-east-1`); each of the 46 regions of the schema data
can be named, the GovCloud, China and isolated partitions included. The availability comes
from the per-region resource provider schemas (see [schemas/README.md](../schemas/README.md)).

### Why it matters
CloudFormation rejects a template with a type the region does not have ("Unrecognized resource
types") before it creates anything; a property the region's schema lacks fails the resource.
A template that deploys in `us-east-1` is often copied to a second region for disaster
recovery, where this shows up on the worst day.

### Bad
```yaml
# .stacklint.yaml
regions: [us-east-1, eu-south-2]
```
```yaml
Resources:
  Graph:
    Type: AWS::NeptuneGraph::Graph   # not offered in every region
```

### Good
Check the service's regional availability before adding a region, and keep region-specific
resources behind a condition on `AWS::Region`.
)md"};

std::string joined(const std::vector<std::string>& regions) {
    std::string out;
    for (const std::string& r : regions)
        out += (out.empty() ? "" : ", ") + r;
    return out;
}

class NotAvailableInRegion final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const CheckedResource& c : checked_resources(*stack.tmpl)) {
            const Resource& r = *c.resource;
            if (r.type == nullptr || r.type_name.empty()) continue;
            if (classify_type(r.type_name, ctx.schemas) != TypeKind::Validated) continue;
            const schema::ResourceSchema* schema = ctx.schemas.find(r.type_name);
            if (schema == nullptr) continue;
            const std::vector<std::string> missing =
                schema::regions_without_type(*schema, ctx.regions);
            if (!missing.empty()) {
                out.add(stack, Report{.mark = r.type->value.mark(),
                                      .message = "resource '" + std::string(r.id) +
                                                 "': " + std::string(r.type_name) +
                                                 " is not available in " + joined(missing) +
                                                 " (a region the templates are linted for); "
                                                 "CloudFormation rejects the template there",
                                      .resource = r.id,
                                      .path = path_of({"Resources", r.id, "Type"})});
                continue;
            }
            if (r.properties == nullptr || !r.properties->value.is_mapping()) continue;
            for (const Entry& e : r.properties->value.entries()) {
                const std::vector<std::string> without =
                    schema::regions_without_property(*schema, e.key, ctx.regions);
                if (without.empty()) continue;
                out.add(stack, Report{.mark = e.key_mark,
                                      .message = "resource '" + std::string(r.id) + "': '" + e.key +
                                                 "' of " + std::string(r.type_name) +
                                                 " is not available in " + joined(without) +
                                                 " (a region the templates are linted for); "
                                                 "the deployment fails there",
                                      .resource = r.id,
                                      .path = path_of({"Resources", r.id, "Properties", e.key})});
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(NotAvailableInRegion)
}  // namespace stacklint
