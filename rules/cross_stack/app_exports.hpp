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

// Where a stack deploys: the account and region of its artifact's `environment` (a nested
// stack deploys with its root). Empty when unknown (`unknown-account`, `unknown-region`).
struct Environment {
    std::string account;
    std::string region;
    bool operator==(const Environment&) const = default;
};
Environment environment_of(const Stack& stack);
// Whether two environments may be one: each field equal, or unknown on either side.
bool may_be_same(const Environment& a, const Environment& b);

struct AppExport {
    const Stack* stack;  // the stack that owns it (for a nested stack: that nested stack)
    const Export* exp;
    std::string name;
    Environment env;
};

struct AppImport {
    const Stack* stack;
    const Import* imp;
    std::string name;
    Environment env;
};

// One CDK app: the stacks of a cloud assembly (nested assemblies and stacks included) with
// their resolvable exports and imports.
//
// Export names are unique per account and region, so exports and imports are matched within
// an environment. Stacks whose environment is unknown (environment-agnostic) are taken to
// deploy together, to one environment of their own: `exporters` matches them with each other,
// never with a known environment. What is uncertain stays silent: `may_be_exported` and
// `may_be_imported` also count environments that may be the same, names the templates leave
// open, and stacks that could not be read.
struct App {
    std::vector<const Stack*> stacks;
    std::vector<AppExport> exports;
    std::vector<AppImport> imports;
    std::multimap<std::string, const AppExport*> exports_by_name;
    // Environments of stacks whose exports or imports are not all known: stacks that could not
    // be read or parsed, and stacks with an export or import name only deployment decides.
    std::vector<Environment> unknown_exports;
    std::vector<Environment> unknown_imports;
    std::vector<std::string> unloaded_artifacts;  // artifact ids of stacks not loaded

    // The exports an import resolves to: that name, exported in the importer's environment.
    std::vector<const AppExport*> exporters(const AppImport& i) const;
    // Whether some stack of the app may export the imported name where the importer deploys.
    bool may_be_exported(const AppImport& i) const;
    // Whether some stack of the app may import the export where it is exported.
    bool may_be_imported(const AppExport& e) const;
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
    // Whether the stack depends on a stack that could not be loaded (whose own dependencies
    // are then unknown).
    std::vector<bool> on_unloaded;
    std::size_t index_of(const Stack& stack) const;  // of its deployed stack
    // True when `from` depends on `to` directly or through other stacks.
    bool depends(std::size_t from, std::size_t to) const;
    // Also true when the order cannot be known: `from` depends, directly or through other
    // stacks, on a stack that could not be loaded.
    bool may_depend(std::size_t from, std::size_t to) const;
};
Deployments deployments(const App& app);

}  // namespace stacklint::cross_stack
