// Entry point: builds the command line from its subcommands (src/cli/, one file each),
// parses it and runs what was asked.
#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include "cli/command.hpp"

namespace {

constexpr const char* kFooter = R"(Paths:
  Files are linted as given. Directories are searched recursively for *.yaml, *.yml,
  *.json and *.template files whose top level has Resources or AWSTemplateFormatVersion;
  other files are skipped silently, as are hidden directories and node_modules.
  "-" reads a template from stdin. No path lints the current directory.
  To lint a directory named like a subcommand (rules, explain, graph,
  completion), write ./rules.

Configuration:
  The nearest .stacklint.yaml from the working directory up is read (or --config FILE):
  select, ignore, severity, options, exclude, fail_on, require_reasons, regions. Flags
  override it.

Environment:
  STACKLINT_TODAY=YYYY-MM-DD  compare AWS's announced dates (retired services, Lambda
                              runtimes) with this day instead of today, for reproducible runs
  NO_COLOR                    no colour in text output (with --color auto)

Exit codes:
  0  no finding at or above --fail-on, or --write-baseline wrote the baseline
  1  at least one finding at or above --fail-on
  2  tool error: a bad flag, an invalid configuration or baseline, an output file that
     cannot be written, or a path that cannot be read (the other paths are still linted
     and reported)

Run 'stacklint rules' for the rule list and 'stacklint explain ID' for one rule.
'stacklint graph FILE' prints a template's dependency graph; 'stacklint completion
bash|zsh|fish' a shell completion script.)";

}  // namespace

int main(int argc, char** argv) {
    using namespace stacklint::cli;
    CLI::App app{
        "stacklint: finds the CloudFormation mistakes that fail deployments and lose data, "
        "in templates and CDK output.",
        "stacklint"};
    app.set_version_flag("--version", version_text(),
                         "Print the version and the dates of the "
                         "embedded data, and exit");
    app.require_subcommand(0, 1);

    const Run lint = add_lint_command(app);
    const std::vector<Subcommand> subcommands{
        add_rules_command(app),     add_explain_command(app), add_graph_command(app),
        add_diff_command(app),      add_lsp_command(app),     add_test_rules_command(app),
        add_completion_command(app)};
    // After the subcommands, which would inherit it: it is about linting.
    app.footer(kFooter);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "stacklint: error: " << e.what() << "\nRun 'stacklint --help' for usage.\n";
        return kExitToolError;
    }
    for (const Subcommand& sub : subcommands) {
        if (*sub.app) return sub.run();
    }
    return lint();
}
