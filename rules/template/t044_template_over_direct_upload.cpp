// T044: a template too large to pass directly (it must go through S3).
#include <algorithm>

#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "T044",
    .name = "template-needs-s3-upload",
    .pack = "template",
    .severity = Severity::Info,
    .summary = "The template is larger than CloudFormation accepts in a direct request",
    .doc = R"md(### What it finds
A template body larger than 51,200 bytes, the most CloudFormation accepts inline in a
`CreateStack`, `UpdateStack` or `ValidateTemplate` request (AWS "CloudFormation quotas").
Larger templates deploy only from Amazon S3 (up to 1 MB; see T043).

### Why it matters
`aws cloudformation deploy --template-file` without `--s3-bucket`, or a pipeline step that
passes `--template-body`, fails once the template crosses the line, typically after a
small edit to a template that was just under it. Templates the CDK synthesized (with
`aws:cdk:path` metadata) are not reported: the CDK always uploads them to S3.

### Bad
```sh
aws cloudformation deploy --template-file big.yaml --stack-name app
```

### Good
```sh
aws cloudformation deploy --template-file big.yaml --stack-name app --s3-bucket my-artifacts
```
)md"};

constexpr std::size_t kMaxDirectBytes = 51'200;

class TemplateNeedsS3Upload final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || !stack.doc.source) return;
        // The CDK always uploads its templates to the bootstrap bucket.
        const auto& resources = stack.tmpl->resources;
        if (stack.termination_protection.has_value() ||
            std::any_of(resources.begin(), resources.end(),
                        [](const Resource& r) { return !r.cdk_path.empty(); })) {
            return;
        }
        const std::size_t bytes = stack.doc.source->bytes().size();
        if (bytes <= kMaxDirectBytes || bytes > std::size_t{1024} * 1024)
            return;  // over 1 MB: T043
        out.add(stack, {Mark{1, 1},
                        "the template is " + std::to_string(bytes) +
                            " bytes; CloudFormation takes at most 51,200 in the request itself, "
                            "so deploy it from S3 (--s3-bucket, or TemplateURL)",
                        {},
                        {}});
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(TemplateNeedsS3Upload)
}  // namespace stacklint
