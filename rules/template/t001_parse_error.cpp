// T001: the file cannot be read as a template at all.
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T001",
                         .name = "parse-error",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "The file is not valid YAML or JSON, or not UTF-8 text",
                         .doc = R"md(### What it finds
Files that cannot be read as a template: invalid YAML or JSON syntax, text that is not
UTF-8 (UTF-16, invalid byte sequences), binary files, several YAML documents in one file,
and input beyond stacklint's safety limits (nesting deeper than 256 levels, YAML aliases
expanding to more than 1,000,000 nodes). The finding points at the line and column where
the parser gave up.

### Why it matters
CloudFormation rejects the whole template, and every other check is blind to a file it
cannot read. Catching it before `aws cloudformation deploy` saves a round trip.

### Bad
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
   Properties: {}        # indented one space less than `Type`
```

### Good
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {}
```
)md",
                         .no_inline_suppression =
                             "A file stacklint cannot parse cannot carry a suppression: its "
                             "`Metadata` is never read.\n(A second YAML document is the one "
                             "exception: the first document is read, and its\ntop-level "
                             "`Metadata` can suppress T001.)"};

class ParseError final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        report_load_diagnostics(stack, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ParseError)
}  // namespace stacklint
