// `.stacklint.yaml`: finding it, reading it, and checking every key and value, with the file,
// line and column of anything wrong.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.hpp"
#include "lint/rule.hpp"
#include "load/node.hpp"
#include "load/source.hpp"

namespace stacklint {

inline constexpr std::string_view kConfigFileName = ".stacklint.yaml";

// What is wrong with a configuration file, and where (or with a setting on the command line:
// then `file` is empty and the message names the flag).
struct ConfigError {
    std::string file;
    Mark mark;
    std::string message;
    // "FILE:LINE:COL: MESSAGE" (or "FILE: MESSAGE" without a position, "MESSAGE" without a file).
    std::string text() const;
};

struct Config {
    std::string file;                 // as shown in messages; empty when there is no file
    std::filesystem::path directory;  // absolute; `exclude` globs are relative to it

    std::optional<std::vector<std::string>> select;  // rule ids, id prefixes or names
    std::vector<std::string> ignore;
    std::map<std::string, Severity, std::less<>> severity;  // id or prefix -> severity
    RuleOptions options;                                    // shared rule options
    std::vector<std::string> exclude;                       // path globs
    std::optional<std::string> fail_on;                     // "error", "warning", "info" or "none"
    std::optional<bool> require_reasons;
    // AWS regions the templates are deployed to (S016); empty when not set.
    std::vector<std::string> regions;
    // Directories of a team's declarative rule files (absolute); their rules are loaded into
    // the registry when the file is read, before select, ignore and severity are checked.
    std::vector<std::filesystem::path> rule_dirs;
};

// A shared rule option that configuration may set. This table is the one place that lists
// them: the loader accepts exactly these keys, each a list of strings.
struct RuleOptionSpec {
    std::string_view key;
    std::string_view meaning;
};
const std::vector<RuleOptionSpec>& known_rule_options();

// Empty when `region` is one the schema data knows, else what is wrong (with a suggestion).
std::string check_region(std::string_view region);

// The nearest `.stacklint.yaml` in `start` or one of its parents, or nullopt.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Reads and checks a configuration file. `display` names it in messages. Returns nullopt and
// fills `error` when the file cannot be read or anything in it is wrong: YAML syntax, an
// unknown key, a value of the wrong type, an unknown rule id or prefix.
std::optional<Config> load_config(const std::filesystem::path& path, const std::string& display,
                                  ConfigError& error);
// The same for text already in memory; `directory` anchors `exclude`.
std::optional<Config> parse_config(const std::shared_ptr<const Source>& source,
                                   const std::filesystem::path& directory, ConfigError& error);

}  // namespace stacklint
