// What the cross-stack rules (X) share: the exports and imports of every stack of a CDK app,
// with export names resolved where the template alone determines them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "lint/rule.hpp"

namespace stacklint::cross_stack {

// The value an export or import name takes: a literal, or an Fn::Sub that only uses
// AWS::StackName, AWS::AccountId, AWS::Region, AWS::Partition and AWS::URLSuffix (known for
// a CDK stack). nullopt when it depends on a parameter, another resource or a function.
std::optional<std::string> resolve_name(const ExportName& name, const Stack& stack);

struct AppExport {
    const Stack* stack;  // the stack that owns it (for a nested stack: that nested stack)
    const Export* exp;
    std::string name;
};

struct AppImport {
    const Stack* stack;
    const Import* imp;
    std::string name;
};

// One CDK app: the stacks of a cloud assembly (nested assemblies and stacks included) with
// their resolvable exports and imports.
struct App {
    std::vector<const Stack*> stacks;
    std::vector<AppExport> exports;
    std::vector<AppImport> imports;
    std::multimap<std::string, const AppExport*> exports_by_name;
};

// The CDK apps of a lint set, keyed by Stack::app. Loose templates belong to no app here:
// their exports may come from stacks deployed outside the run, so they are not judged.
std::map<std::string, App> cdk_apps(const LintSet& set);

// The top-level stack that deploys `stack` (itself, unless it is a nested stack).
const Stack& deployed_stack(const Stack& stack);

// The deployed (top-level) stacks of an app, and for each the stacks its manifest says must
// be deployed before it (`dependencies` naming other stack artifacts), by index.
struct Deployments {
    std::vector<const Stack*> stacks;
    std::vector<std::vector<std::size_t>> depends_on;
    std::size_t index_of(const Stack& stack) const;  // of its deployed stack
    // True when `from` depends on `to` directly or through other stacks.
    bool depends(std::size_t from, std::size_t to) const;
};
Deployments deployments(const App& app);

}  // namespace stacklint::cross_stack
