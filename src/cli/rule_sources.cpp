// `--rules`, `--config` and `--no-config` for the subcommands that list or explain rules.
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "config/settings.hpp"

namespace stacklint::cli {

void add_rule_source_options(CLI::App& app, RuleSources& sources) {
    hint(app.add_option("--rules", sources.dirs, kRulesOptionHelp)
             ->type_name("DIR")
             ->allow_extra_args(false),
         ValueKind::Path);
    hint(app.add_option("--config", sources.config_file,
                        "Read this configuration file (its rule_dirs) instead of the nearest "
                        ".stacklint.yaml")
             ->type_name("FILE"),
         ValueKind::File);
    app.add_flag("--no-config", sources.no_config, "Read no configuration file");
}

bool load_rule_sources(const RuleSources& sources) {
    CommandLineSettings cli;
    cli.rule_dirs = sources.dirs;
    cli.no_config = sources.no_config;
    if (!sources.config_file.empty()) cli.config_file = sources.config_file;
    ConfigError error;
    std::error_code ec;
    if (!resolve_settings(cli, std::filesystem::current_path(ec), error)) {
        std::cerr << "stacklint: error: " << error.text() << '\n';
        return false;
    }
    return true;
}

}  // namespace stacklint::cli
