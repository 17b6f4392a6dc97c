// The pipeline: inputs -> stacks -> rules -> sorted findings.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "discover/discover.hpp"
#include "lint/rule.hpp"
#include "load/loader.hpp"
#include "model/stack.hpp"

namespace stacklint {

struct LintOptions {
    LoadLimits limits;
    std::size_t max_file_bytes = std::size_t{64} * 1024 * 1024;
    unsigned jobs = 0;  // worker threads; 0 = one per core
    // Lint files named on the command line only as files found by a directory walk are: with a
    // template extension, and when their text looks like a template (for hooks that pass every
    // staged file). Stdin, which has no name, is judged by its text alone.
    bool skip_non_templates = false;
    // The severity a rule reports with, or nullopt to leave the rule out. Default: every
    // rule at its own severity.
    std::function<std::optional<Severity>(const RuleInfo&)> rule_severity;
    RuleOptions rule_options;  // shared by every rule: "storage_stacks" -> globs
    // The regions the templates are deployed to; resource types and properties must exist in
    // each (S016).
    std::vector<std::string> regions = {"us-east-1"};
    // The date rules compare AWS's announcements with (YYYY-MM-DD); empty: today, in UTC.
    std::string today;
    // Whether configuration excludes a template inside a cloud assembly (its path as opened);
    // such stacks are loaded but not linted (Stack::excluded). Empty: none is.
    std::function<bool(const std::string&)> excluded;
    // The text of template files by the path they are opened with, read instead of the file
    // (the fix loop lints its edited text before anything is written). Null: read every file.
    const std::map<std::string, std::string>* contents = nullptr;
    // Lint loose templates as a stream (lint() only): each is loaded, linted, its suppressions
    // applied, and then compacted (Stack::compact) before memory is needed for the next, so a
    // run's memory follows its largest unit of work (a template, or a whole cloud assembly)
    // rather than the number of files. Set rules see a compacted template's summary only
    // (Rule::keeps_tree keeps a template whole for one that reads it); the findings and the
    // reports are the same. Off for callers that read the trees after the run (fixes, the
    // language server, change runs).
    bool compact = false;
};

struct LintResult {
    // Every stack linted (kept for reports that quote source); in a compact run the loose
    // templates are summaries (Stack::summary).
    LintSet set;
    std::vector<Finding> findings;  // sorted by finding_order
    std::vector<ToolError> errors;  // problems with the run, not with templates
    // Notes about the run that do not fail it (a cloud assembly newer than stacklint knows).
    std::vector<ToolError> warnings;
    std::size_t files = 0;  // templates linted
    std::size_t resources = 0;
    std::size_t suppressed = 0;  // findings removed by inline suppressions (src/config/suppress)
    std::size_t baselined = 0;   // findings hidden by a baseline (src/config/baseline)
    std::size_t excluded = 0;    // templates left out by the configuration's `exclude`
};

// Reads and loads every input, then runs the rules (run_rules).
LintResult lint(const std::vector<Input>& inputs, const LintOptions& options = {});

// Reads and loads every input, as lint() does, without running any rule. `input_of`, when
// given, receives for each stack of the result the index of the input it came from.
LintResult load_inputs(const std::vector<Input>& inputs, const LintOptions& options,
                       std::vector<std::size_t>* input_of = nullptr);

// Runs every enabled rule (change rules excepted: src/lint/change.hpp) over the stacks already in
// `result.set`, adds their findings, counts files and resources, and sorts the findings.
void run_rules(LintResult& result, const LintOptions& options = {});

// Removes findings that repeat another exactly: same rule, file, position, message, stack and
// resource (the property path may differ, as it does between an anchor and its alias). The
// findings must be sorted by finding_order, which puts such repeats next to each other.
void drop_repeated_findings(std::vector<Finding>& findings);

// Counts the templates linted, their resources, and the excluded ones, for the summary.
void count_stacks(LintResult& result);

// How many of `inputs` lint() would have linted as templates (or assemblies): files named on
// the command line, and the files that look like templates (which reads them). For counting
// the inputs the configuration excluded.
std::size_t count_templates(const std::vector<Input>& inputs, const LintOptions& options = {});

// The stack name for a loose template file: its file name without directory and without its
// last extension (`envs/api.dev.yaml` -> `api.dev`).
std::string stack_name_for(const std::string& display);
// The app of a loose template file: the directory that holds it.
std::string app_for(const std::string& display);

}  // namespace stacklint
