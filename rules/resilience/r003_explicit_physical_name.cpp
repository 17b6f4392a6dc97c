// R003: a resource with a fixed physical name.
#include <algorithm>
#include <set>
#include <string>

#include "lint/rule.hpp"
#include "model/facts.hpp"
#include "schema/registry.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R003",
    .name = "explicit-physical-name",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "A resource sets its physical name (BucketName, TableName, RoleName...)",
    .doc = R"md(### What it finds
A resource that sets the property fixing its physical name: `BucketName` on an S3 bucket,
`TableName` on a DynamoDB table, `DBInstanceIdentifier` on an RDS instance, `RoleName` on
an IAM role, and so on for every type that has one — the property is derived from AWS's
own resource schemas (the single create-only primary identifier, or the one create-only
`Name`/`<Type>Name`/`<Type>Identifier` property). Warning for stateful types (buckets,
tables, databases...), info for the rest. Types that require the name are skipped —
CloudFormation cannot generate one for them, so there is nothing to change — and so is a
name given only in some branches of `Fn::If` (the other being `AWS::NoValue`).

### Why it matters
CloudFormation replaces a resource by creating the new one before deleting the old one,
so two resources with one name would have to exist at once: any change to a property that
requires replacement fails with "cannot update a stack when a custom-named resource
requires replacing". (Where the schema lists no create-only property but the name itself,
as for a log group, only a new name replaces the resource, and the message leaves this
out.) And a named resource left behind — by a rollback, by
`DeletionPolicy: Retain`, by a failed stack deletion — keeps its name, so the next deploy
of the same template fails because the name is taken. Real incidents ended with buckets
renamed `-v2` by hand.

### Bad
```yaml
Uploads:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: acme-uploads
```

### Good
```yaml
Uploads:
  Type: AWS::S3::Bucket        # CloudFormation generates a unique name
Outputs:
  UploadsBucketName:
    Value: !Ref Uploads        # hand the generated name to whoever needs it
```
)md"};

// Whether a change to some property other than the name makes CloudFormation replace the
// resource: the type's schema lists another create-only (or conditionally create-only)
// property. Unknown schemas count as yes, the common case.
bool replaced_by_other_changes(const Resource& r, const std::string& name,
                               const schema::Registry& schemas) {
    const schema::ResourceSchema* s = schemas.find(r.type_name);
    if (s == nullptr) return true;
    const std::string own = "/properties/" + name;
    const auto other = [&](const std::set<std::string, std::less<>>& pointers) {
        return std::any_of(pointers.begin(), pointers.end(),
                           [&](const std::string& p) { return p != own; });
    };
    return other(s->create_only) || other(s->conditional_create_only);
}

class ExplicitPhysicalName final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& r : stack.deployed().resources) {
            const Entry* name = resilience::explicit_physical_name(r, ctx.schemas);
            if (name == nullptr) continue;
            // The stages SAM makes carry the StageName SAM requires (or sets itself).
            if (stack.sam && stack.sam->find(r.id) != nullptr &&
                (r.type_name == "AWS::ApiGateway::Stage" ||
                 r.type_name == "AWS::ApiGatewayV2::Stage"))
                continue;
            const bool stateful = is_stateful_type(r.type_name);
            std::string message = "'" + name->key + "' gives " + std::string(r.type_name) + " '" +
                                  std::string(r.id) + "' a fixed physical name: ";
            if (replaced_by_other_changes(r, name->key, ctx.schemas)) {
                message +=
                    "a change that requires replacing it fails (\"cannot update a stack when a "
                    "custom-named resource requires replacing\"), and a copy left behind by a "
                    "rollback or a Retain policy keeps the name and blocks the next deploy";
            } else {
                // Only a new name replaces it, and a new name cannot collide.
                message +=
                    "a copy left behind by a rollback, a Retain policy or a failed stack "
                    "deletion keeps the name and blocks the next deploy";
            }
            message += "; remove " + name->key +
                       " and let CloudFormation generate one (pass it on with !Ref)";
            out.add(stack, {name->key_mark, std::move(message), r.id,
                            path_of({"Resources", r.id, "Properties", name->key}),
                            stateful ? Severity::Warning : Severity::Info});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ExplicitPhysicalName)
}  // namespace stacklint
