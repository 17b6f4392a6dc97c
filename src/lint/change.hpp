// Change rules: findings about the difference between two versions of a stack (what the
// next deployment does to what is already deployed), for `stacklint diff`.
//
// A change rule (pack "change", ids D...) sees each stack of the new version beside its
// previous version and reports on the new one: positions are in the new template, and the
// old position goes into the message. Change rules run only in change runs, and the other
// rules only in lint runs (the meta rules in both), so that selection, suppressions (M001),
// baselines and reports treat both kinds alike.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lint/engine.hpp"
#include "lint/rule.hpp"

namespace stacklint {

inline constexpr std::string_view kChangePack = "change";

// Two versions of one stack: `before` is null for a stack that is new.
struct StackVersions {
    const Stack* before = nullptr;
    const Stack* after = nullptr;
};

struct ChangeContext {
    const RuleContext& rules;  // over the new versions (ctx.set holds them)
    const LintSet& before;     // every old version
    const std::vector<StackVersions>& pairs;
};

class ChangeRule : public Rule {
  public:
    virtual void check_change(const StackVersions& pair, const ChangeContext& ctx,
                              Reporter& out) const = 0;
};

bool is_change_rule(const RuleInfo& info);

using RuleSeverity = std::function<std::optional<Severity>(const RuleInfo&)>;
// `base` (empty: every rule at its own severity) restricted to the rules of a lint run
// (`change_run` false: no change rule) or of a change run (only change and meta rules).
RuleSeverity rules_of_run(RuleSeverity base, bool change_run);

// The inputs of one side of a change run, each with the key that pairs it with its other
// version (its path relative to the directory named on the command line, say). A stack of a
// cloud assembly is paired by its input's key and its stack name.
struct VersionInputs {
    std::vector<Input> inputs;
    std::vector<std::string> keys;  // one per input
    LintOptions options;            // how this side is read (contents from git, say)
};

// Loads both versions, pairs the stacks, runs the enabled change rules and then the
// suppressions and meta rules over the new version. `result.set` holds the new version;
// problems reading the old one are reported as tool errors and warnings as well.
LintResult lint_changes(const VersionInputs& before, const VersionInputs& after);

}  // namespace stacklint
