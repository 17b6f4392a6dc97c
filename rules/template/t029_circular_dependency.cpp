// T029: resources that wait for each other.
#include "graph/graph.hpp"
#include "graph/scope.hpp"
#include "lint/rule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "T029",
                         .name = "circular-dependency",
                         .pack = "template",
                         .severity = Severity::Error,
                         .summary = "Resources depend on each other in a circle",
                         .doc = R"md(### What it finds
Resources that, through `Ref`, `Fn::GetAtt`, `Fn::Sub` placeholders and `DependsOn`, end up
waiting for themselves: `QueueA → QueueB → QueueA`. Each elementary cycle is reported once,
with its full path, at the reference that leaves its first resource in template order; at
most 100 cycles per template, and beyond 57 resources a path shows its first 48 and last 8
around a count of the rest (`stacklint graph --format json` lists every one). References
anywhere in a resource count (properties, metadata, update policies), as CloudFormation
resolves them all before creating it. A resource naming itself only in its own `DependsOn`
is left to T023. `stacklint graph FILE` draws the cycles in red.

Templates rewritten before deployment (by a macro, `Fn::Transform`, or a preprocessor
such as Rain with its `!Rain::` tags) are not checked.

### Why it matters
CloudFormation rejects the template ("Circular dependency between resources") after the
pipeline has built and uploaded everything. The usual causes are a security group and the
group that references it, a bucket notification and the function it triggers with a
permission that names the bucket, and a role whose policy names a resource that needs the
role.

### Bad
```yaml
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Handler.Arn
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          BUCKET: !Ref Bucket
```

### Good
Break one edge: give the bucket a fixed name built from the stack
(`!Sub "${AWS::StackName}-uploads"`) and use that name in the function, or attach the
notification from a separate resource.
)md"};

// "A → B → C → A"; a very long cycle shows its start and end around a count of the rest.
std::string cycle_path(const Template& t, const Cycle& c) {
    constexpr std::size_t kHead = 48;
    constexpr std::size_t kTail = 8;
    std::string path;
    for (std::size_t n = 0; n < c.size(); ++n) {
        if (c.size() > kHead + kTail + 1 && n == kHead) {
            const std::size_t skipped = c.size() - kHead - kTail;
            path.append("… (").append(std::to_string(skipped)).append(" more) → ");
            n = c.size() - kTail - 1;
            continue;
        }
        path.append(t.resources[c[n]].id).append(" → ");
    }
    return path.append(t.resources[c[0]].id);
}

class CircularDependency final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (rewritten_before_deploy(stack)) return;
        const Template& t = *stack.tmpl;
        const ResourceGraph& g = *stack.graph;
        const auto& cycles = g.resource_cycles();
        for (std::size_t n = 0; n < cycles.size(); ++n) {
            const Cycle& c = cycles[n];
            const std::size_t next = c.size() > 1 ? c[1] : c[0];
            // A resource that lists itself in DependsOn is T023's; here only when a reference
            // closes the loop too.
            const bool self = c.size() == 1;
            const Edge* first = nullptr;
            for (std::size_t i : g.resource_edges(c[0])) {
                const Edge& e = g.edges()[i];
                if (e.kind == EdgeKind::Condition || (self && e.kind == EdgeKind::DependsOn)) {
                    continue;
                }
                if (e.target_kind == TargetKind::Resource && e.target_index == next) {
                    first = &e;
                    break;
                }
            }
            if (first == nullptr) continue;
            std::string msg = "circular dependency: ";
            msg.append(cycle_path(t, c))
                .append(
                    "; CloudFormation cannot order these resources and rejects the template. "
                    "Remove one of the references (or DependsOn entries) in the circle");
            if (n + 1 == cycles.size() && g.resource_cycles_truncated()) {
                msg.append(" (more cycles exist; only the first 100 are listed)");
            }
            out.add(stack, {first->mark(), std::move(msg), t.resources[c[0]].id, first->path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(CircularDependency)
}  // namespace stacklint
