// T008: DeletionPolicy / UpdateReplacePolicy values CloudFormation does not accept.
#include <algorithm>

#include "core/text.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T008",
    .name = "invalid-deletion-policy",
    .pack = "template",
    .severity = Severity::Error,
    .summary = "DeletionPolicy or UpdateReplacePolicy has a value CloudFormation rejects",
    .doc = R"md(### What it finds
A `DeletionPolicy` other than `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`,
an `UpdateReplacePolicy` other than `Delete`, `Retain` or `Snapshot` (the values are
case-sensitive), and either policy given by an intrinsic function in a template without
`Transform: AWS::LanguageExtensions`, the only setting in which CloudFormation evaluates
them.

### Why it matters
These two attributes decide whether your data survives a stack deletion or a
replacement. A value CloudFormation rejects fails the deployment; a lowercase `retain`
that some tool lets through can leave you believing a database is protected when it is
not.

### Bad
```yaml
Database:
  Type: AWS::RDS::DBInstance
  DeletionPolicy: retain
  UpdateReplacePolicy: Keep
```

### Good
```yaml
Database:
  Type: AWS::RDS::DBInstance
  DeletionPolicy: Snapshot
  UpdateReplacePolicy: Snapshot
```
)md"};

const std::vector<std::string_view> kDeletion = {"Delete", "Retain", "RetainExceptOnCreate",
                                                 "Snapshot"};
const std::vector<std::string_view> kReplace = {"Delete", "Retain", "Snapshot"};

class InvalidDeletionPolicy final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        const bool extensions = stack.tmpl->has_transform("AWS::LanguageExtensions");
        for (const Resource& r : stack.tmpl->resources) {
            check_one(stack, r, r.deletion_policy, kDeletion, extensions, out);
            check_one(stack, r, r.update_replace_policy, kReplace, extensions, out);
        }
    }

  private:
    static void check_one(const Stack& stack, const Resource& r, const Entry* attr,
                          const std::vector<std::string_view>& allowed, bool extensions,
                          Reporter& out) {
        if (attr == nullptr) return;
        const Node& v = attr->value;
        const std::string path = path_of({"Resources", r.id, attr->key});
        if (!v.intrinsic_name().empty()) {
            if (extensions) return;
            out.add(stack, {v.mark(),
                            attr->key + " of '" + std::string(r.id) + "' uses " +
                                std::string(v.intrinsic_name()) +
                                "; CloudFormation evaluates functions here only with "
                                "'Transform: AWS::LanguageExtensions'",
                            r.id, path});
            return;
        }
        if (v.is_scalar() && std::find(allowed.begin(), allowed.end(), v.text()) != allowed.end()) {
            return;
        }
        std::string list;
        for (std::string_view a : allowed)
            list += (list.empty() ? "" : ", ") + std::string(a);
        const std::string shown = v.is_scalar() ? "'" + v.text() + "'" : std::string(v.kind_name());
        out.add(stack, {v.mark(),
                        attr->key + " of '" + std::string(r.id) + "' is " + shown +
                            (v.is_scalar() ? did_you_mean(v.text(), allowed) : "") +
                            "; it must be one of " + list,
                        r.id, path});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidDeletionPolicy)
}  // namespace stacklint
