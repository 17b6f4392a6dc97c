// `stacklint test-rules DIR`: each rule of a rule directory against the fixtures under its
// `tests/`, with the harness of the project's own fixtures (src/lint/expectations.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "declarative/declarative_rule.hpp"
#include "discover/discover.hpp"
#include "lint/expectations.hpp"

namespace stacklint::declarative {

struct FixtureOutcome {
    std::string fixture;  // the template, or the cloud assembly, as displayed
    std::vector<Mismatch> mismatches;
    std::vector<ToolError> errors;  // the fixture could not be linted
    bool passed() const { return mismatches.empty() && errors.empty(); }
};

struct RuleTestReport {
    std::vector<RuleFileError> load_errors;  // the rule files themselves: a tool error
    std::vector<ToolError> errors;           // the tests/ directory cannot be read
    std::vector<std::string> rules;          // the rules tested
    std::vector<FixtureOutcome> fixtures;
    std::vector<std::string> never_fired;  // rules no fixture expects a finding of
    std::vector<std::string> unknown_ids;  // "FILE:LINE: ID" expected but no rule of DIR
    bool passed() const;
};

// Loads the rules of `dir` (into the registry) and lints every fixture under `dir/tests` with
// only those rules: each template file on its own, each cloud assembly as one (expectations in
// the sidecars of its templates).
RuleTestReport test_rules(const std::filesystem::path& dir);

}  // namespace stacklint::declarative
