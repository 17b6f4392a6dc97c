// The lint command (stacklint [OPTIONS] [PATH...]): discover, lint, suppress, report.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/command.hpp"
#include "cli/fixes.hpp"
#include "cli/lint_run.hpp"
#include "config/baseline.hpp"
#include "config/config.hpp"
#include "config/exclude.hpp"
#include "config/settings.hpp"
#include "core/text.hpp"
#include "discover/discover.hpp"
#include "lint/change.hpp"
#include "lint/engine.hpp"
#include "report/outputs.hpp"
#include "report/report.hpp"
#include "schema/lifecycle.hpp"

namespace stacklint::cli {

namespace {

// The reports a run was asked for: the format on stdout and the --output-* files.
struct Outputs {
    std::string format;
    std::string sarif_file;
    std::string junit_file;
    std::string json_file;
    std::string gitlab_file;
};

// The files a run has read and must not overwrite: its templates and configuration file.
std::vector<std::string> files_read(const LintResult& result, const std::string& config_file) {
    std::vector<std::string> read;
    for (const auto& stack : result.set.stacks)
        if (!stack->path.empty()) read.push_back(stack->path);
    if (!config_file.empty()) read.push_back(config_file);
    return read;
}

// False, with a tool error, when writing `path` would replace a file in `read`.
bool may_write(const std::string& path, const std::vector<std::string>& read, LintResult& result) {
    const std::string input = read_file_at(path, read);
    if (input.empty()) return true;
    result.errors.push_back(
        {path, "not written: it is " + input +
                   ", which this run reads; reports and baselines never replace an input"});
    return false;
}

// Two of --output-sarif, --output-junit, --output-json and --write-baseline naming one file
// would leave only the last; an error before anything is read or written.
std::optional<std::string> same_output_twice(
    const std::vector<std::pair<std::string, std::string>>& named) {
    namespace fs = std::filesystem;
    for (std::size_t i = 0; i < named.size(); ++i) {
        for (std::size_t j = i + 1; j < named.size(); ++j) {
            const auto& [flag_a, file_a] = named[i];
            const auto& [flag_b, file_b] = named[j];
            if (file_a.empty() || file_b.empty()) continue;
            std::error_code ec_a, ec_b;
            const fs::path a = fs::weakly_canonical(fs::absolute(file_a, ec_a), ec_a);
            const fs::path b = fs::weakly_canonical(fs::absolute(file_b, ec_b), ec_b);
            if ((!ec_a && !ec_b && a == b) || file_a == file_b ||
                !read_file_at(file_a, {file_b}).empty()) {
                return flag_a + " and " + flag_b + " name the same file (" + file_b + ")";
            }
        }
    }
    return std::nullopt;
}

// The options one format is written with. GitHub and GitLab place a finding by its path from
// the repository root, which their runners give as GITHUB_WORKSPACE and CI_PROJECT_DIR: a job
// that lints from a subdirectory still points at the right file.
ReportOptions options_for(ReportFormat format, const ReportOptions& report) {
    ReportOptions options = report;
    const char* root = nullptr;
    // NOLINTBEGIN(concurrency-mt-unsafe): read after the linting threads have ended
    if (format == ReportFormat::Github) root = std::getenv("GITHUB_WORKSPACE");
    if (format == ReportFormat::Gitlab) root = std::getenv("CI_PROJECT_DIR");
    // NOLINTEND(concurrency-mt-unsafe)
    if (root != nullptr && *root != '\0') options.base = root;
    return options;
}

// Writes the --output-* files (a file that cannot be written, or that the run read, becomes a
// tool error), then the tool errors on stderr and the stdout format.
void write_outputs(const Outputs& outputs, LintResult& result, const ReportOptions& report,
                   const std::vector<std::string>& read) {
    std::string error;
    for (const auto& [file, file_format] :
         {std::pair{&outputs.sarif_file, ReportFormat::Sarif},
          std::pair{&outputs.junit_file, ReportFormat::Junit},
          std::pair{&outputs.json_file, ReportFormat::Json},
          std::pair{&outputs.gitlab_file, ReportFormat::Gitlab}}) {
        if (file->empty() || !may_write(*file, read, result)) continue;
        if (!write_report_file(file_format, *file, result, options_for(file_format, report),
                               error)) {
            result.errors.push_back({*file, error});
        }
    }
    write_tool_errors(std::cerr, result);
    const ReportFormat format = *parse_report_format(outputs.format);
    write_report(format, std::cout, result, options_for(format, report));
    std::cout.flush();
}

// A run that stops before linting (the configuration or the baseline cannot be read) still
// writes every report it was asked for, with the error in it, so that a CI step uploading
// them (`if: always()`) shows the real problem rather than failing on a missing file. No rule
// ran: SARIF's catalogue is empty. No summary, which would claim templates were checked.
int fail_before_linting(ToolError error, const Outputs& outputs, const std::filesystem::path& cwd,
                        const std::string& config_file) {
    LintResult result;
    result.errors.push_back(std::move(error));
    ReportOptions report;
    report.quiet = true;
    report.base = cwd;
    report.rule_severity = [](const RuleInfo&) -> std::optional<Severity> { return std::nullopt; };
    write_outputs(outputs, result, report, files_read(result, config_file));
    return kExitToolError;
}

}  // namespace

int run_lint(const CLI::App& app, LintFlags& flags, const ChangeRequest* change) {
    CommandLineSettings& cli = flags.cli;
    if (const auto twice = same_output_twice({{"--output-sarif", flags.sarif_file},
                                              {"--output-junit", flags.junit_file},
                                              {"--output-json", flags.json_file},
                                              {"--output-gitlab", flags.gitlab_file},
                                              {"--write-baseline", flags.write_baseline_file}})) {
        std::cerr << "stacklint: error: " << *twice << '\n';
        return kExitToolError;
    }
    if (flags.unsafe_fixes && !flags.fix && !flags.diff) {
        std::cerr << "stacklint: error: --unsafe-fixes needs --fix or --diff\n";
        return kExitToolError;
    }
    if (app.count("--config") > 0) cli.config_file = flags.config_file;
    if (app.count("--select") > 0) cli.select = flags.select;
    if (app.count("--fail-on") > 0) cli.fail_on = flags.fail_on;
    if (app.count("--require-reasons") + app.count("--no-require-reasons") > 0) {
        cli.require_reasons = flags.require_reasons;
    }
    std::error_code cwd_error;
    const std::filesystem::path cwd = std::filesystem::current_path(cwd_error);
    const Outputs outputs{flags.format, flags.sarif_file, flags.junit_file, flags.json_file,
                          flags.gitlab_file};
    ConfigError config_error;
    // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any thread starts
    if (const char* today = std::getenv("STACKLINT_TODAY");
        today != nullptr && !schema::is_iso_date(today)) {
        return fail_before_linting(ToolError{{},
                                             "STACKLINT_TODAY must be a date, YYYY-MM-DD; got '" +
                                                 printable_text(today) + "'"},
                                   outputs, cwd, {});
    }
    const std::optional<Settings> settings = resolve_settings(cli, cwd, config_error);
    if (!settings) {
        return fail_before_linting(ToolError{config_error.file, config_error.message,
                                             config_error.mark.line, config_error.mark.column},
                                   outputs, cwd, config_error.file);
    }
    std::string error;
    std::optional<Baseline> baseline;
    if (!flags.baseline_file.empty()) {
        baseline = read_baseline(flags.baseline_file, error);
        if (!baseline) {
            return fail_before_linting(ToolError{flags.baseline_file, error}, outputs, cwd,
                                       settings->config_file);
        }
    }

    Discovery discovery = discover(flags.paths);
    const std::vector<Input> excluded =
        remove_excluded(discovery.inputs, settings->exclude, settings->exclude_base);
    LintOptions options;
    options.jobs = flags.jobs;
    options.skip_non_templates = flags.skip_non_templates;
    options.rule_severity = settings->selection.as_function();
    options.rule_options = settings->rule_options;
    options.regions = settings->regions;
    options.excluded = [&](const std::string& path) {
        return is_excluded(path, settings->exclude, settings->exclude_base);
    };
    std::optional<fix::FixOutcome> fixes;
    LintResult result;
    if (flags.fix || flags.diff) {
        fix::FixOptions fix_options;
        fix_options.unsafe = flags.unsafe_fixes;
        if (baseline) {
            fix_options.filter = [&](std::vector<Finding>& f) { apply_baseline(*baseline, f); };
        }
        fixes = fix::run_fixes(discovery.inputs, options, fix_options);
        result = std::move(fixes->result);
        if (std::any_of(discovery.inputs.begin(), discovery.inputs.end(),
                        [](const Input& i) { return i.from_stdin; })) {
            result.warnings.push_back(
                {"<stdin>", "standard input is linted but not fixed: name the file instead"});
        }
    } else if (change != nullptr) {
        result = lint_change_request(*change, discovery.inputs, options);
    } else {
        // Nothing after the run reads a loose template's tree: lint them as a stream.
        options.compact = true;
        result = lint(discovery.inputs, options);
    }
    if (flags.diff) {
        result.errors.insert(result.errors.begin(), discovery.errors.begin(),
                             discovery.errors.end());
        write_fix_diffs(std::cout, *fixes, cwd);
        std::cout.flush();
        write_tool_errors(std::cerr, result);
        if (!flags.quiet) write_fix_summary(std::cerr, *fixes, true, flags.unsafe_fixes);
        if (!result.errors.empty()) return kExitToolError;
        return fixes->files.empty() ? kExitClean : kExitFindings;
    }
    if (fixes) {
        write_fixed_files(*fixes, result);
        if (!flags.quiet) write_fix_summary(std::cerr, *fixes, false, flags.unsafe_fixes);
    }
    result.errors.insert(result.errors.begin(), discovery.errors.begin(), discovery.errors.end());
    // What the summary calls excluded: templates that would have been linted, not every file
    // an exclude glob happens to match (such as the configuration file itself); run_rules
    // has already counted the excluded templates inside assemblies.
    result.excluded += count_templates(excluded, options);

    const std::vector<std::string> read = files_read(result, settings->config_file);
    if (!flags.write_baseline_file.empty() && may_write(flags.write_baseline_file, read, result) &&
        !write_baseline(flags.write_baseline_file, make_baseline(result.findings), error)) {
        result.errors.push_back({flags.write_baseline_file, error});
    }
    if (baseline) result.baselined = apply_baseline(*baseline, result.findings);

    ReportOptions report;
    report.quiet = flags.quiet;
    report.fail_on = settings->fail_on;
    report.base = cwd;
    report.rule_severity = rules_of_run(options.rule_severity, change != nullptr);
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    report.color =
        flags.color == "always" || (flags.color == "auto" && ::isatty(STDOUT_FILENO) &&
                                    (no_color == nullptr || *no_color == '\0') &&
                                    !(term != nullptr && std::string_view(term) == "dumb"));
    write_outputs(outputs, result, report, read);

    if (!result.errors.empty()) return kExitToolError;
    // The baseline just written records every finding: accepting them is what was asked for.
    if (!flags.write_baseline_file.empty()) return kExitClean;
    if (!settings->fail_on) return kExitClean;
    for (const Finding& f : result.findings) {
        if (f.severity >= *settings->fail_on) return kExitFindings;
    }
    return kExitClean;
}

namespace {

// An option naming a file.
CLI::Option* add_file_option(CLI::App& app, const std::string& names, std::string& file,
                             const std::string& description) {
    return hint(app.add_option(names, file, description)->type_name("FILE"), ValueKind::File);
}

// An option taking a comma-separated list, which may also be repeated.
CLI::Option* add_list_option(CLI::App& app, const std::string& names,
                             std::vector<std::string>& values, const std::string& description,
                             const std::string& type_name, ValueKind kind) {
    return hint(
        app.add_option(names, values, description)->type_name(type_name)->allow_extra_args(false),
        kind);
}

}  // namespace

void add_lint_options(CLI::App& app, LintFlags& f, bool fixes) {
    add_choice(app, "-f,--format", f.format, {"text", "json", "sarif", "junit", "github", "gitlab"},
               "Output format on stdout");
    add_file_option(app, "--output-sarif", f.sarif_file, "Also write SARIF 2.1.0 to FILE");
    add_file_option(app, "--output-junit", f.junit_file, "Also write JUnit XML to FILE");
    add_file_option(app, "--output-json", f.json_file, "Also write JSON to FILE");
    add_file_option(app, "--output-gitlab", f.gitlab_file,
                    "Also write GitLab Code Quality JSON to FILE");
    add_choice(app, "--fail-on", f.fail_on, {"error", "warning", "info", "none"},
               "Lowest severity that makes the exit code 1 ('none': never)");
    add_choice(app, "--color", f.color, {"auto", "always", "never"},
               "Colour in text output (auto: when stdout is a terminal and NO_COLOR is not set)");
    app.add_flag("-q,--quiet", f.quiet, "Print findings only, no summary");
    hint(app.add_option("-j,--jobs", f.jobs, "Files linted in parallel (default: one per core)"),
         ValueKind::Number);
    app.add_flag("--skip-non-templates", f.skip_non_templates,
                 "Skip files named on the command line that are not CloudFormation templates, "
                 "as a directory walk does (for hooks that pass every staged YAML/JSON file)");
    add_file_option(app, "--config", f.config_file,
                    "Read this configuration file instead of the nearest .stacklint.yaml");
    app.add_flag("--no-config", f.cli.no_config, "Read no configuration file");
    hint(app.add_option("--rules", f.cli.rule_dirs, kRulesOptionHelp)
             ->type_name("DIR")
             ->allow_extra_args(false),
         ValueKind::Path);
    add_list_option(app, "--select", f.select,
                    "Run only these rules: ids, id prefixes or names, comma-separated "
                    "(replaces the configuration's select and ignore)",
                    "RULES", ValueKind::Rules);
    add_list_option(app, "--ignore", f.cli.ignore,
                    "Do not run these rules: ids, id prefixes or names, comma-separated", "RULES",
                    ValueKind::Rules);
    add_list_option(app, "--regions", f.cli.regions,
                    "AWS regions the templates are deployed to, comma-separated (default: "
                    "us-east-1, or the configuration's regions); resource types and "
                    "properties must exist in each (rule S016)",
                    "REGIONS", ValueKind::Word);
    app.add_flag("--require-reasons,!--no-require-reasons", f.require_reasons,
                 "Report inline suppressions that give no reason (rule M002), or not "
                 "(--no-require-reasons), whatever the configuration says");
    add_file_option(app, "--baseline", f.baseline_file,
                    "Report only findings that FILE (from --write-baseline) does not record");
    add_file_option(app, "--write-baseline", f.write_baseline_file,
                    "Record the findings of this run in FILE, to accept them for now (exit "
                    "code 0 once the baseline is written)");
    if (!fixes) return;
    app.add_flag("--fix", f.fix,
                 "Apply the safe fixes of the findings to the files (each written atomically), "
                 "then report what remains");
    app.add_flag("--diff", f.diff,
                 "Print the fixes as a unified diff instead of writing them (exit code 1 when "
                 "there is something to fix)");
    app.add_flag("--unsafe-fixes", f.unsafe_fixes,
                 "With --fix or --diff, also apply fixes that change what gets deployed (a "
                 "retention policy, deletion protection)");
}

Run add_lint_command(CLI::App& app) {
    auto flags = std::make_shared<LintFlags>();
    hint(app.add_option("paths", flags->paths, "Templates or directories to lint (default: .)"),
         ValueKind::Path);
    add_lint_options(app, *flags, true);
    return [&app, flags] { return run_lint(app, *flags, nullptr); };
}

}  // namespace stacklint::cli
