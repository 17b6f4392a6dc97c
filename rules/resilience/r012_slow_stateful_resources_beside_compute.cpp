// R012: slow-to-create state in the same stack as fast-moving compute.
#include <set>
#include <vector>

#include "lint/rule.hpp"
#include "model/facts.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R012",
    .name = "slow-stateful-resources-beside-compute",
    .pack = "resilience",
    .severity = Severity::Info,
    .summary = "Slow-to-create stateful resources share a stack with stateless compute",
    .doc = R"md(### What it finds
A stack that holds slow-to-create resources (RDS, OpenSearch/Elasticsearch, ElastiCache,
MemoryDB, Neptune, DocumentDB, Redshift, MSK, FSx — `rules/data/slow-to-create-types.txt`)
together with stateless compute (Lambda functions, ECS services, load balancers, API
Gateway APIs — `rules/data/stateless-compute-types.txt`). Lambda functions that only serve
custom resources (their ARN is a `ServiceToken`) run during deployments and do not count.
One finding per slow resource.

### Why it matters
Compute changes with every release; databases should not. In one stack, a failure
anywhere — a bad container image, a Lambda limit — rolls back everything, and a database
or search domain that was still creating after half an hour is deleted with it, taking
the chance to diagnose the failure along. Long-lived, slow resources belong in their own
stack that rarely changes.

### Bad
One `AppStack` with a VPC, an ECS service, a load balancer, an RDS instance and an
OpenSearch domain.

### Good
A `DataStack` with the RDS instance and the OpenSearch domain (termination-protected,
`DeletionPolicy: Snapshot`), and an `AppStack` with the service and the load balancer that
receives the endpoints as cross-stack references.
)md"};

// The values an Fn::If (nested or not) may choose, functions included; the node itself when
// it is no Fn::If.
std::vector<const Node*> if_branches(const Node& node) {
    std::vector<const Node*> out;
    std::vector<const Node*> work{&node};
    while (!work.empty()) {
        const Node* n = work.back();
        work.pop_back();
        const Node* arg = n->intrinsic_name() == "Fn::If" ? n->intrinsic_arg() : nullptr;
        if (arg != nullptr && arg->is_sequence() && arg->items().size() == 3) {
            work.push_back(&arg->items()[2]);
            work.push_back(&arg->items()[1]);
        } else {
            out.push_back(n);
        }
    }
    return out;
}

// Lambda functions that serve only as custom-resource providers (their ARN is a
// ServiceToken) run during deployments, not as the application's compute.
std::set<std::string_view> custom_resource_providers(const Template& tmpl) {
    std::set<std::string_view> out;
    for (const Resource& r : tmpl.resources) {
        if (!r.type_name.starts_with("Custom::") &&
            r.type_name != "AWS::CloudFormation::CustomResource") {
            continue;
        }
        const Node* token = r.property("ServiceToken");
        if (token == nullptr) continue;
        // Each provider the token may name (Fn::If may choose between several).
        for (const Node* t : if_branches(*token)) {
            if (t->intrinsic_name() == "Fn::GetAtt") {
                const Node& arg = *t->intrinsic_arg();
                if (arg.is_sequence() && !arg.items().empty() && arg.items()[0].is_scalar()) {
                    out.insert(arg.items()[0].text());
                }
            } else if (t->intrinsic_name() == "Fn::Sub" && t->intrinsic_arg()->is_scalar()) {
                // "${Provider.Arn}"
                const std::string& s = t->intrinsic_arg()->text();
                const std::size_t open = s.find("${");
                const std::size_t dot = s.find('.', open);
                if (open != std::string::npos && dot != std::string::npos) {
                    out.insert(std::string_view(s).substr(open + 2, dot - open - 2));
                }
            }
        }
    }
    return out;
}

class SlowStatefulBesideCompute final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        const Resource* compute = nullptr;
        std::size_t compute_count = 0;
        const auto providers = custom_resource_providers(stack.deployed());
        for (const Resource& r : stack.deployed().resources) {
            if (!is_stateless_compute_type(r.type_name) || providers.count(r.id) > 0) continue;
            if (compute == nullptr) compute = &r;
            ++compute_count;
        }
        if (compute == nullptr) return;
        const std::string example =
            std::string(compute->type_name) + " '" + std::string(compute->id) + "'" +
            (compute_count > 1 ? " and " + std::to_string(compute_count - 1) + " more" : "");
        for (const Resource& r : stack.deployed().resources) {
            if (!is_slow_to_create_type(r.type_name)) continue;
            out.add(stack,
                    {r.id_mark,
                     "slow-to-create " + std::string(r.type_name) + " '" + std::string(r.id) +
                         "' shares stack '" + stack.name + "' with stateless compute (" + example +
                         "): any failed deploy rolls it back too, and recreating it takes "
                         "many minutes or loses it; move slow stateful resources to their "
                         "own long-lived stack",
                     r.id, path_of({"Resources", r.id})});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(SlowStatefulBesideCompute)
}  // namespace stacklint
