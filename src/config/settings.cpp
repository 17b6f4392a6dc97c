#include "config/settings.hpp"

#include <algorithm>

#include "config/config.hpp"
#include "declarative/declarative_rule.hpp"

namespace stacklint {

namespace fs = std::filesystem;

namespace {

// "T,R003" and "T", "R003" both give {"T", "R003"}; blanks around entries are dropped.
bool split_selectors(const std::vector<std::string>& args, const std::string& flag,
                     std::vector<std::string>& out, std::string& error) {
    for (const std::string& arg : args) {
        std::size_t start = 0;
        while (start <= arg.size()) {
            std::size_t end = arg.find(',', start);
            if (end == std::string::npos) end = arg.size();
            std::string item = arg.substr(start, end - start);
            const std::size_t first = item.find_first_not_of(" \t");
            item = first == std::string::npos
                       ? std::string()
                       : item.substr(first, item.find_last_not_of(" \t") - first + 1);
            if (!item.empty()) {
                const std::string problem = check_rule_selector(item);
                if (!problem.empty()) {
                    error = flag + ": " + problem;
                    return false;
                }
                out.push_back(std::move(item));
            }
            start = end + 1;
        }
    }
    return true;
}

std::optional<Severity> fail_on_value(const std::string& text) {
    return text == "none" ? std::nullopt : parse_severity(text);
}

std::string shown_path(const fs::path& path, const fs::path& working_directory) {
    const fs::path relative = path.lexically_relative(working_directory);
    return relative.empty() ? path.string() : relative.string();
}

}  // namespace

std::optional<Settings> resolve_settings(const CommandLineSettings& cli,
                                         const fs::path& working_directory, ConfigError& error) {
    Settings settings;
    if (!cli.rule_dirs.empty()) {
        std::vector<fs::path> dirs(cli.rule_dirs.begin(), cli.rule_dirs.end());
        const declarative::LoadedRules loaded = declarative::load_rules(dirs);
        if (!loaded.errors.empty()) {
            const declarative::RuleFileError& first = loaded.errors.front();
            error = ConfigError{first.file, first.mark, first.message};
            return std::nullopt;
        }
    }
    std::optional<Config> config;
    if (cli.config_file) {
        config = load_config(*cli.config_file, *cli.config_file, error);
        if (!config) return std::nullopt;
    } else if (!cli.no_config) {
        if (const std::optional<fs::path> found = find_config(working_directory)) {
            config = load_config(*found, shown_path(*found, working_directory), error);
            if (!config) return std::nullopt;
        }
    }

    bool require_reasons = cli.require_reasons.value_or(false);
    std::optional<std::string> fail_on = cli.fail_on;
    if (config) {
        settings.config_file = config->file;
        settings.selection.layers.push_back({config->select, config->ignore});
        settings.selection.severity = config->severity;
        settings.rule_options = config->options;
        settings.exclude = config->exclude;
        settings.exclude_base = config->directory;
        if (!cli.require_reasons) require_reasons = config->require_reasons.value_or(false);
        if (!fail_on) fail_on = config->fail_on;
        if (!config->regions.empty()) settings.regions = config->regions;
    }

    SelectionLayer command_line;
    std::string flag_error;
    const auto bad_flag = [&] {
        error = ConfigError{{}, {}, std::move(flag_error)};
        return std::nullopt;
    };
    if (cli.select) {
        command_line.select.emplace();
        if (!split_selectors(*cli.select, "--select", *command_line.select, flag_error)) {
            return bad_flag();
        }
    }
    if (!split_selectors(cli.ignore, "--ignore", command_line.ignore, flag_error)) {
        return bad_flag();
    }
    if (command_line.select || !command_line.ignore.empty()) {
        settings.selection.layers.push_back(std::move(command_line));
    }
    settings.selection.require_reasons = require_reasons;
    if (fail_on) settings.fail_on = fail_on_value(*fail_on);
    if (!cli.regions.empty()) {
        std::vector<std::string> regions;
        for (const std::string& arg : cli.regions) {
            std::size_t start = 0;
            while (start <= arg.size()) {
                std::size_t end = arg.find(',', start);
                if (end == std::string::npos) end = arg.size();
                std::string item = arg.substr(start, end - start);
                const std::size_t first = item.find_first_not_of(" \t");
                item = first == std::string::npos
                           ? std::string()
                           : item.substr(first, item.find_last_not_of(" \t") - first + 1);
                if (!item.empty()) {
                    const std::string problem = check_region(item);
                    if (!problem.empty()) {
                        flag_error = "--regions: " + problem;
                        return bad_flag();
                    }
                    if (std::find(regions.begin(), regions.end(), item) == regions.end())
                        regions.push_back(std::move(item));
                }
                start = end + 1;
            }
        }
        if (regions.empty()) {
            flag_error = "--regions: name at least one region";
            return bad_flag();
        }
        settings.regions = std::move(regions);
    }
    return settings;
}

}  // namespace stacklint
