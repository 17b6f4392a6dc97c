// What the lint command and `stacklint diff` share: the options (formats, output files,
// configuration, selection, baselines) and the run that reads them, lints, and reports.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "config/settings.hpp"
#include "lint/engine.hpp"

namespace stacklint::cli {

// The flags of a lint (or diff) run, as parsed.
struct LintFlags {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string fail_on = "warning";
    std::string color = "auto";
    bool quiet = false;
    unsigned jobs = 0;
    bool skip_non_templates = false;
    CommandLineSettings cli;
    std::vector<std::string> select;
    std::string config_file;
    bool require_reasons = false;
    std::string baseline_file;
    std::string write_baseline_file;
    std::string sarif_file;
    std::string junit_file;
    std::string json_file;
    std::string gitlab_file;
    bool fix = false;
    bool diff = false;
    bool unsafe_fixes = false;
};

// `stacklint diff`: compare two versions instead of linting one.
struct ChangeRequest {
    std::string against;  // a git revision: the old versions come from it (`paths` are new)
    std::string before;   // else: the old path ...
    std::string after;    // ... and the new one
};

// Adds every option of a lint run but the paths (and, unless `fixes`, --fix, --diff and
// --unsafe-fixes) to `app`.
void add_lint_options(CLI::App& app, LintFlags& flags, bool fixes);

// Runs a lint (change == nullptr) or a change run, writes the reports, returns the exit code.
int run_lint(const CLI::App& app, LintFlags& flags, const ChangeRequest* change);

// The change run behind `stacklint diff`: reads both versions (the old ones from git with
// `against`) and runs the change rules. `after` are the new side's inputs (discovered from
// the command line); problems become tool errors of the result.
LintResult lint_change_request(const ChangeRequest& change, const std::vector<Input>& after,
                               const LintOptions& options);

}  // namespace stacklint::cli
