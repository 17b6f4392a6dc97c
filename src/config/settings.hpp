// The settings of one run: the configuration file, with the command line on top.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/selection.hpp"
#include "lint/rule.hpp"

namespace stacklint {

// What the command line says about settings the configuration file also has.
struct CommandLineSettings {
    std::optional<std::string> config_file;  // --config FILE
    bool no_config = false;                  // --no-config
    // --select / --ignore, each entry possibly comma-separated ("T,R003").
    std::optional<std::vector<std::string>> select;
    std::vector<std::string> ignore;
    std::optional<std::string> fail_on;  // --fail-on
    // --require-reasons (true) or --no-require-reasons (false), whichever came last.
    std::optional<bool> require_reasons;
    // --regions, each entry possibly comma-separated ("us-east-1,eu-west-1").
    std::vector<std::string> regions;
    // --rules DIR: directories (or files) of declarative rules, loaded before the
    // configuration file so that it may name their rules.
    std::vector<std::string> rule_dirs;
};

struct Settings {
    std::string config_file;  // the file read, as shown to the user; empty when none
    RuleSelection selection;
    RuleOptions rule_options;
    std::vector<std::string> exclude;
    std::filesystem::path exclude_base;                   // the configuration file's directory
    std::optional<Severity> fail_on = Severity::Warning;  // nullopt: "none"
    // The regions the templates are deployed to: --regions, else the configuration's, else
    // us-east-1.
    std::vector<std::string> regions = {"us-east-1"};
};

// Reads `--config FILE`, or else the nearest .stacklint.yaml from `working_directory` up
// (unless --no-config), checks it, and applies the command line: --select starts the rule
// selection over, --ignore removes rules from it, --fail-on and --require-reasons replace the
// file's values. Returns nullopt with `error` set: the file's mistake and its position, or a
// flag's (no file; the message starts with "--select: ").
std::optional<Settings> resolve_settings(const CommandLineSettings& cli,
                                         const std::filesystem::path& working_directory,
                                         ConfigError& error);

}  // namespace stacklint
