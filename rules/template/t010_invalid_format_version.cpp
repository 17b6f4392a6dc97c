// T010: AWSTemplateFormatVersion must be 2010-09-09.
#include "fix/editor.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T010",
                         .name = "invalid-format-version",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "AWSTemplateFormatVersion is not \"2010-09-09\"",
                         .doc = R"md(### What it finds
An `AWSTemplateFormatVersion` whose value is anything but `2010-09-09`, the only template
format version that exists.

### Why it matters
CloudFormation rejects the template. The value is a version of the template language, not
the date you wrote the template, which is the usual mistake.

### Bad
```yaml
AWSTemplateFormatVersion: "2024-01-15"
```

### Good
```yaml
AWSTemplateFormatVersion: "2010-09-09"
```

### Fix
The fix (safe) sets the value to `2010-09-09`, keeping its quotes.
)md",
                         .fix = FixSafety::Safe};

class InvalidFormatVersion final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->format_version == nullptr) return;
        const Node& v = stack.tmpl->format_version->value;
        if (v.is_scalar() && v.text() == "2010-09-09") return;
        const std::string shown = v.is_scalar() ? "'" + v.text() + "'" : std::string(v.kind_name());
        std::shared_ptr<const Fix> fix;
        if (v.is_scalar()) {
            fix = fix::make_fix(
                FixSafety::Safe, "set AWSTemplateFormatVersion to 2010-09-09",
                {fix::Editor(stack.doc).replace_scalar(v.mark(), v.text(), "2010-09-09")});
        }
        out.add(stack,
                {.mark = v.mark(),
                 .message = "AWSTemplateFormatVersion is " + shown +
                            "; the only valid value is \"2010-09-09\" (it names the template "
                            "language, not a date of yours)",
                 .path = "AWSTemplateFormatVersion",
                 .fix = std::move(fix)});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidFormatVersion)
}  // namespace stacklint
