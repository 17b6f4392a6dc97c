// The command line: one file per subcommand under src/cli/, each adding its options to the
// CLI11 app and returning what it runs; src/main.cpp parses and dispatches. Only this layer
// knows CLI11, the process's streams and its exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace stacklint::cli {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitToolError = 2;

// What a command runs once the command line is parsed; returns the exit code.
using Run = std::function<int()>;

struct Subcommand {
    CLI::App* app;
    Run run;
};

// The lint command: the top-level app's options and positionals.
Run add_lint_command(CLI::App& app);
Subcommand add_rules_command(CLI::App& app);
Subcommand add_explain_command(CLI::App& app);
Subcommand add_graph_command(CLI::App& app);
Subcommand add_diff_command(CLI::App& app);
Subcommand add_lsp_command(CLI::App& app);
Subcommand add_completion_command(CLI::App& app);
Subcommand add_test_rules_command(CLI::App& app);

// `--version`: the version and the dates of the embedded data.
std::string version_text();

// What an option's or positional's values are, for the shell completions: the completion
// scripts are generated from the app itself, so they know every subcommand, option and value.
enum class ValueKind {
    Choice,  // one of `choices`
    Rules,   // rule ids or names, comma-separated
    File,
    Directory,
    Path,  // a file or a directory
    Number,
    Word,  // anything (a region list, say): nothing to offer
};

struct ValueHint {
    ValueKind kind = ValueKind::Word;
    std::vector<std::string> choices;
};

// Records the values `option` takes and returns it.
CLI::Option* hint(CLI::Option* option, ValueKind kind, std::vector<std::string> choices = {});
// The hint recorded for `option`, or nullptr.
const ValueHint* hint_of(const CLI::Option* option);

// An option that takes one of `choices` (checked, shown in --help, completed by the shells).
CLI::Option* add_choice(CLI::App& app, const std::string& names, std::string& value,
                        const std::vector<std::string>& choices, const std::string& description);

// Where the subcommands that list or explain rules find a team's declarative rules: `--rules`
// and the configuration's `rule_dirs` (`--config FILE`, `--no-config`, as a lint reads them).
struct RuleSources {
    std::vector<std::string> dirs;
    std::string config_file;
    bool no_config = false;
};
void add_rule_source_options(CLI::App& app, RuleSources& sources);
// Loads those rules into the registry; prints the mistake and returns false when there is one.
bool load_rule_sources(const RuleSources& sources);

// The help text of `--rules`, shared by every subcommand that has it.
inline constexpr const char* kRulesOptionHelp =
    "Also run the declarative rules in DIR (rule files at any depth, fixtures under tests/ "
    "left out) or in a rule FILE; repeatable (docs/rule-language.md)";

// The rule ids and names, in the registry's order: what Rules values complete to.
std::vector<std::string> rule_words();

}  // namespace stacklint::cli
