// S017: a resource type of a service AWS has shut down, blocked or closed to new customers.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"
#include "schema/lifecycle.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S017",
    .name = "retired-resource-type",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A resource type of a service AWS has shut down, blocked or closed to new customers",
    .doc = R"md(### What it finds
A resource whose type belongs to a service AWS has retired, with the date AWS announced:
- **error**: the service has been shut down (or reached its end of support), so CloudFormation
  can no longer create or update the resource, or AWS blocks creating new ones;
- **warning**: the shutdown is announced for a date still to come, or AWS discontinued the
  service without saying whether its resources still deploy;
- **info**: the service is closed to new customers: accounts that used it before keep it,
  others cannot start.

The table, with the AWS page behind each date, is
[rules/data/retired-resource-types.tsv](../rules/data/retired-resource-types.tsv). The date
is compared with today's (UTC). A severity set in the configuration replaces all three.

### Why it matters
AWS's resource schemas keep listing such types for a while, so every schema check passes
and the deployment fails on the day, or an application is built on a service with an end
date.

### Bad
```yaml
Ledger:
  Type: AWS::QLDB::Ledger        # shut down on 2025-07-31
  Properties:
    PermissionsMode: STANDARD
```

### Good
Move the data to a live service (for QLDB, Amazon Aurora PostgreSQL, as AWS recommends) and
remove the resource.
)md"};

std::string verdict_text(const schema::RetirementVerdict& v) {
    const schema::Retirement& r = *v.row;
    const std::string date(r.date);
    switch (r.kind) {
        case schema::RetirementKind::ShutDown:
            return v.in_effect
                       ? "which AWS shut down on " + date +
                             ": CloudFormation can no longer create or update it"
                       : "which AWS will shut down on " + date + ": plan the move before then";
        case schema::RetirementKind::CreateBlocked:
            return v.in_effect ? "for which AWS blocks creating new resources since " + date +
                                     ": a deployment that creates one fails"
                               : "for which AWS will block creating new resources on " + date;
        case schema::RetirementKind::ClosedToNewCustomers:
            return v.in_effect ? "which is closed to new customers since " + date +
                                     ": accounts that did not use it before cannot create it"
                               : "which closes to new customers on " + date;
        case schema::RetirementKind::Discontinued:
            return "which AWS discontinued on " + date +
                   "; AWS does not say whether this resource type still deploys";
    }
    return {};
}

Severity severity_of(const schema::RetirementVerdict& v) {
    if (!v.in_effect) return Severity::Warning;
    switch (v.row->kind) {
        case schema::RetirementKind::ShutDown:
        case schema::RetirementKind::CreateBlocked:
            return Severity::Error;
        case schema::RetirementKind::Discontinued:
            return Severity::Warning;
        case schema::RetirementKind::ClosedToNewCustomers:
            return Severity::Info;
    }
    return Severity::Error;
}

class RetiredResourceType final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const CheckedResource& c : checked_resources(*stack.tmpl)) {
            const Resource& r = *c.resource;
            if (r.type_name.empty() || r.type == nullptr) continue;
            const std::optional<schema::RetirementVerdict> v =
                schema::retirement_of(r.type_name, ctx.today);
            if (!v) continue;
            out.add(stack, Report{.mark = r.type->value.mark(),
                                  .message = "resource '" + std::string(r.id) + "' (" +
                                             std::string(r.type_name) + ") is from " +
                                             std::string(v->row->service) + ", " + verdict_text(*v),
                                  .resource = r.id,
                                  .path = path_of({"Resources", r.id, "Type"}),
                                  .severity = severity_of(*v)});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(RetiredResourceType)
}  // namespace stacklint
