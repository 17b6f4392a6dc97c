// T005: a top-level key CloudFormation does not know.
#include <array>

#include "core/text.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T005",
                         .name = "unknown-top-level-section",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "A top-level section that CloudFormation does not know",
                         .doc = R"md(### What it finds
A top-level key other than `AWSTemplateFormatVersion`, `Description`, `Metadata`,
`Parameters`, `Rules`, `Mappings`, `Conditions`, `Transform`, `Resources`, `Outputs` and
`Hooks` (and `Globals`, SAM's, which S022 reports when the SAM transform is missing), with a
suggestion when it looks like a
misspelling of one of them. Templates processed by a macro are skipped: the macro may
consume its own sections.

### Why it matters
CloudFormation rejects the template. A misspelt `Output:` or `Parameter:` section is
otherwise easy to overlook, because the rest of the template looks right.

### Bad
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
Output:
  QueueUrl:
    Value: !Ref Queue
```

### Good
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Value: !Ref Queue
```
)md"};

class UnknownSection final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.tmpl->root->is_mapping() || stack.tmpl->has_macro()) return;
        static const std::vector<std::string_view> kSections = {"AWSTemplateFormatVersion",
                                                                "Description",
                                                                "Metadata",
                                                                "Parameters",
                                                                "Rules",
                                                                "Mappings",
                                                                "Conditions",
                                                                "Transform",
                                                                "Resources",
                                                                "Outputs",
                                                                "Hooks"};
        for (const Entry& e : stack.tmpl->root->entries()) {
            if (is_top_level_section(e.key)) continue;
            // SAM's section: without the SAM transform S022 reports it, with the fix.
            if (e.key == "Globals") continue;
            out.add(stack,
                    {e.key_mark,
                     "unknown top-level section '" + e.key + "'" + did_you_mean(e.key, kSections) +
                         "; CloudFormation rejects the template",
                     {},
                     e.key});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(UnknownSection)
}  // namespace stacklint
