// S018: a Lambda function on a runtime AWS has deprecated or blocks.
#include "lint/rule.hpp"
#include "model/values.hpp"
#include "schema/lifecycle.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S018",
    .name = "deprecated-lambda-runtime",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A Lambda function uses a runtime AWS has deprecated or no longer accepts",
    .doc = R"md(### What it finds
The `Runtime` of an `AWS::Lambda::Function` or an `AWS::Serverless::Function` (its own, or the
one SAM's `Globals` gives it) that AWS has deprecated:
- **error**: Lambda refuses to create functions with it (and, later, to update them): a new
  stack, a new environment or a change that replaces the function fails;
- **warning**: the runtime is deprecated (no more security patches), but Lambda still accepts
  it, or AWS's block dates are not settled.

The dates come from the Lambda developer guide's runtime tables and are kept, with the runtime
AWS recommends instead, in
[rules/data/lambda-runtimes.tsv](../rules/data/lambda-runtimes.tsv). A severity set in the
configuration replaces both. Values given by parameters are not judged; both branches of an
`Fn::If` are.

### Why it matters
A template that deployed for years stops deploying into a new account or region on the block
date, and functions on a deprecated runtime no longer get security fixes.

### Bad
```yaml
Handler:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: go1.x
```

### Good
```yaml
Handler:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: provided.al2023
```
)md"};

struct Verdict {
    std::string text;
    Severity severity;
};

std::optional<Verdict> judge(std::string_view runtime, std::string_view today) {
    const schema::RuntimeLifecycle* r = schema::runtime_lifecycle(runtime);
    if (r == nullptr || r->deprecated > today) return std::nullopt;
    const std::string instead = "; move to " + std::string(r->successor);
    const std::string name = "runtime '" + std::string(runtime) + "'";
    if (!r->update_blocked.empty() && r->update_blocked <= today) {
        return Verdict{name + " was deprecated on " + std::string(r->deprecated) +
                           "; Lambda refuses to create functions with it since " +
                           std::string(r->create_blocked) + " and to update them since " +
                           std::string(r->update_blocked) + ": the deployment fails" + instead,
                       Severity::Error};
    }
    if (!r->create_blocked.empty() && r->create_blocked <= today) {
        return Verdict{name + " was deprecated on " + std::string(r->deprecated) +
                           "; Lambda refuses to create functions with it since " +
                           std::string(r->create_blocked) +
                           ": a new stack, or a change that replaces the function, fails" + instead,
                       Severity::Error};
    }
    return Verdict{name + " was deprecated on " + std::string(r->deprecated) +
                       ": it gets no more security fixes, and Lambda will stop accepting it" +
                       instead,
                   Severity::Warning};
}

class DeprecatedLambdaRuntime final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        if (!stack.tmpl) return;
        const Template& tmpl = *stack.tmpl;
        bool globals_used = false;
        for (const Resource& r : tmpl.resources) {
            const bool sam = r.type_name == "AWS::Serverless::Function";
            if (r.type_name != "AWS::Lambda::Function" && !sam) continue;
            const Entry* runtime = r.property_entry("Runtime");
            if (runtime == nullptr) {
                globals_used = globals_used || sam;
                continue;
            }
            report(stack, runtime->value, r.id,
                   path_of({"Resources", r.id, "Properties", "Runtime"}), ctx, out);
        }
        // SAM's Globals: the runtime of every function that sets none of its own.
        if (!globals_used || !tmpl.is_sam() || !tmpl.root->is_mapping()) return;
        const Node* function = nullptr;
        if (const Node* globals = tmpl.root->get("Globals"); globals && globals->is_mapping())
            function = globals->get("Function");
        if (function == nullptr || !function->is_mapping()) return;
        if (const Node* runtime = function->get("Runtime"))
            report(stack, *runtime, {}, "Globals/Function/Runtime", ctx, out);
    }

  private:
    static void report(const Stack& stack, const Node& value, std::string_view resource,
                       const std::string& path, const RuleContext& ctx, Reporter& out) {
        const PossibleValues pv = possible_values(value);
        for (const Node* candidate : pv.values) {
            if (candidate == nullptr || !candidate->is_scalar()) continue;
            const std::optional<Verdict> v = judge(candidate->text(), ctx.today);
            if (!v) continue;
            std::string message = v->text;
            if (candidate != &value) message += " (in one branch of Fn::If)";
            out.add(stack, Report{.mark = candidate->mark(),
                                  .message = std::move(message),
                                  .resource = resource,
                                  .path = path,
                                  .severity = v->severity});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(DeprecatedLambdaRuntime)
}  // namespace stacklint
