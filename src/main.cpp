// Command-line wiring only: parse flags, call the library, pick the exit code.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/baseline.hpp"
#include "config/config.hpp"
#include "config/exclude.hpp"
#include "config/settings.hpp"
#include "core/text.hpp"
#include "discover/discover.hpp"
#include "graph/render.hpp"
#include "lint/engine.hpp"
#include "lint/rule.hpp"
#include "report/outputs.hpp"
#include "report/report.hpp"
#include "schema/lifecycle.hpp"

namespace {

using namespace stacklint;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitToolError = 2;

constexpr const char* kFooter = R"(Paths:
  Files are linted as given. Directories are searched recursively for *.yaml, *.yml,
  *.json and *.template files whose top level has Resources or AWSTemplateFormatVersion;
  other files are skipped silently, as are hidden directories and node_modules.
  "-" reads a template from stdin. No path lints the current directory.
  To lint a directory named like a subcommand (rules, explain, graph), write ./rules.

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
'stacklint graph FILE' prints a template's dependency graph.)";

void list_rules(const std::string& format) {
    const auto& rules = RuleRegistry::instance().rules();
    if (format == "markdown") {
        write_rules_markdown(std::cout);
        return;
    }
    if (format == "json") {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const Rule* r : rules) {
            const RuleInfo& i = r->info();
            out.push_back({{"id", i.id},
                           {"name", i.name},
                           {"pack", i.pack},
                           {"severity", to_string(i.severity)},
                           {"summary", i.summary}});
        }
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::size_t id_width = 2;
    std::size_t name_width = 4;
    for (const Rule* r : rules) {
        id_width = std::max(id_width, r->info().id.size());
        name_width = std::max(name_width, r->info().name.size());
    }
    auto pad = [](std::string_view s, std::size_t w) {
        return std::string(s) + std::string(w > s.size() ? w - s.size() : 0, ' ');
    };
    std::cout << pad("ID", id_width) << "  " << pad("SEVERITY", 8) << "  "
              << pad("NAME", name_width) << "  SUMMARY\n";
    for (const Rule* r : rules) {
        const RuleInfo& i = r->info();
        std::cout << pad(i.id, id_width) << "  " << pad(to_string(i.severity), 8) << "  "
                  << pad(i.name, name_width) << "  " << i.summary << '\n';
    }
}

int explain(const std::string& wanted) {
    const auto& rules = RuleRegistry::instance().rules();
    for (const Rule* r : rules) {
        const RuleInfo& i = r->info();
        if (iequals(i.id, wanted) || i.name == wanted) {
            write_rule_markdown(std::cout, i);  // the rule's section of docs/rules.md
            return kExitClean;
        }
    }
    std::vector<std::string_view> names;
    for (const Rule* r : rules) {
        names.push_back(r->info().id);
        names.push_back(r->info().name);
    }
    std::cerr << "stacklint: error: no rule '" << wanted << "'" << did_you_mean(wanted, names)
              << "; 'stacklint rules' lists them\n";
    return kExitToolError;
}

// `stacklint graph FILE`: one template's dependency graph on stdout.
int graph(const std::string& file, const std::string& format) {
    Input input{file, file == "-" ? "" : file, file == "-", true};
    if (input.from_stdin) input.display = "<stdin>";
    std::string bytes;
    std::string error;
    if (!read_input(input, LintOptions{}.max_file_bytes, bytes, error)) {
        std::cerr << "stacklint: error: " << input.display << ": " << error << '\n';
        return kExitToolError;
    }
    auto source = std::make_shared<const Source>(input.display, std::move(bytes));
    const auto stack = make_stack(stack_name_for(input.display), std::move(source), LoadLimits{});
    for (const Diagnostic& d : stack->doc.diagnostics) {
        if (d.rule != "T001") continue;
        std::cerr << "stacklint: error: " << input.display << ":" << d.mark.line << ":"
                  << d.mark.column << ": " << d.message << '\n';
        return kExitToolError;
    }
    // Drawing an empty graph for a file that is no template would look like a template
    // without references; say what it is instead.
    const auto& t = stack->tmpl;
    if (!t || !t->root->is_mapping() ||
        (t->resources_section == nullptr && t->format_version == nullptr)) {
        std::cerr << "stacklint: error: " << input.display
                  << ": not a CloudFormation template (no Resources or AWSTemplateFormatVersion "
                     "at the top level); nothing to draw\n";
        return kExitToolError;
    }
    render_graph(std::cout, *stack, *parse_graph_format(format));
    return kExitClean;
}

// The reports a run was asked for: the format on stdout and the --output-* files.
struct Outputs {
    std::string format;
    std::string sarif_file;
    std::string junit_file;
    std::string json_file;
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

// Writes the --output-* files (a file that cannot be written, or that the run read, becomes a
// tool error), then the tool errors on stderr and the stdout format.
void write_outputs(const Outputs& outputs, LintResult& result, const ReportOptions& report,
                   const std::vector<std::string>& read) {
    std::string error;
    for (const auto& [file, file_format] : {std::pair{&outputs.sarif_file, ReportFormat::Sarif},
                                            std::pair{&outputs.junit_file, ReportFormat::Junit},
                                            std::pair{&outputs.json_file, ReportFormat::Json}}) {
        if (file->empty() || !may_write(*file, read, result)) continue;
        if (!write_report_file(file_format, *file, result, report, error)) {
            result.errors.push_back({*file, error});
        }
    }
    write_tool_errors(std::cerr, result);
    const ReportFormat format = *parse_report_format(outputs.format);
    ReportOptions shown = report;
    // GitHub places an annotation by its path from the repository root, which Actions gives
    // as GITHUB_WORKSPACE: a job that lints from a subdirectory still annotates the right file.
    const char* workspace = std::getenv("GITHUB_WORKSPACE");
    if (format == ReportFormat::Github && workspace != nullptr && *workspace != '\0') {
        shown.base = workspace;
    }
    write_report(format, std::cout, result, shown);
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

int main(int argc, char** argv) {
    CLI::App app{
        "stacklint: finds the CloudFormation mistakes that fail deployments and lose data, "
        "in templates and CDK output.",
        "stacklint"};
    app.set_version_flag("--version", std::string("stacklint ") + kVersion);
    app.footer(kFooter);
    app.require_subcommand(0, 1);

    std::vector<std::string> paths;
    std::string format = "text";
    std::string fail_on = "warning";
    std::string color = "auto";
    bool quiet = false;
    unsigned jobs = 0;
    CommandLineSettings cli;
    std::vector<std::string> select;
    std::string config_file;
    std::string baseline_file;
    std::string write_baseline_file;
    std::string sarif_file;
    std::string junit_file;
    std::string json_file;
    app.add_option("paths", paths, "Templates or directories to lint (default: .)");
    app.add_option("-f,--format", format, "Output format on stdout")
        ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}))
        ->capture_default_str();
    app.add_option("--output-sarif", sarif_file, "Also write SARIF 2.1.0 to FILE")
        ->type_name("FILE");
    app.add_option("--output-junit", junit_file, "Also write JUnit XML to FILE")->type_name("FILE");
    app.add_option("--output-json", json_file, "Also write JSON to FILE")->type_name("FILE");
    app.add_option("--fail-on", fail_on,
                   "Lowest severity that makes the exit code 1 ('none': never)")
        ->check(CLI::IsMember({"error", "warning", "info", "none"}))
        ->capture_default_str();
    app.add_option("--color", color,
                   "Colour in text output (auto: when stdout is a terminal "
                   "and NO_COLOR is not set)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_flag("-q,--quiet", quiet, "Print findings only, no summary");
    app.add_option("-j,--jobs", jobs, "Files linted in parallel (default: one per core)");
    bool skip_non_templates = false;
    app.add_flag("--skip-non-templates", skip_non_templates,
                 "Skip files named on the command line that are not CloudFormation templates, "
                 "as a directory walk does (for hooks that pass every staged YAML/JSON file)");
    app.add_option("--config", config_file,
                   "Read this configuration file instead of the nearest .stacklint.yaml")
        ->type_name("FILE");
    app.add_flag("--no-config", cli.no_config, "Read no configuration file");
    app.add_option("--select", select,
                   "Run only these rules: ids, id prefixes or names, comma-separated "
                   "(replaces the configuration's select and ignore)")
        ->type_name("RULES")
        ->allow_extra_args(false);
    app.add_option("--ignore", cli.ignore,
                   "Do not run these rules: ids, id prefixes or names, comma-separated")
        ->type_name("RULES")
        ->allow_extra_args(false);
    app.add_option("--regions", cli.regions,
                   "AWS regions the templates are deployed to, comma-separated (default: "
                   "us-east-1, or the configuration's regions); resource types and properties "
                   "must exist in each (rule S016)")
        ->type_name("REGIONS")
        ->allow_extra_args(false);
    bool require_reasons = false;
    app.add_flag("--require-reasons,!--no-require-reasons", require_reasons,
                 "Report inline suppressions that give no reason (rule M002), or not "
                 "(--no-require-reasons), whatever the configuration says");
    app.add_option("--baseline", baseline_file,
                   "Report only findings that FILE (from --write-baseline) does not record")
        ->type_name("FILE");
    app.add_option("--write-baseline", write_baseline_file,
                   "Record the findings of this run in FILE, to accept them for now (exit code 0 "
                   "once the baseline is written)")
        ->type_name("FILE");

    CLI::App* rules_cmd = app.add_subcommand("rules", "List every rule");
    std::string rules_format = "text";
    rules_cmd->add_option("-f,--format", rules_format, "Output format (markdown: docs/rules.md)")
        ->check(CLI::IsMember({"text", "json", "markdown"}))
        ->capture_default_str();

    CLI::App* explain_cmd = app.add_subcommand("explain", "Print the documentation of a rule");
    std::string rule_id;
    explain_cmd->add_option("rule", rule_id, "Rule id (T001) or name (parse-error)")->required();

    CLI::App* graph_cmd = app.add_subcommand(
        "graph", "Print a template's dependency graph (DOT for Graphviz, Mermaid, or JSON)");
    std::string graph_file;
    std::string graph_format = "dot";
    graph_cmd->add_option("file", graph_file, "Template file, or - for stdin")->required();
    graph_cmd->add_option("-f,--format", graph_format, "Output format")
        ->check(CLI::IsMember({"dot", "mermaid", "json"}))
        ->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "stacklint: error: " << e.what() << "\nRun 'stacklint --help' for usage.\n";
        return kExitToolError;
    }

    if (*rules_cmd) {
        list_rules(rules_format);
        return kExitClean;
    }
    if (*explain_cmd) return explain(rule_id);
    if (*graph_cmd) return graph(graph_file, graph_format);

    if (const auto twice = same_output_twice({{"--output-sarif", sarif_file},
                                              {"--output-junit", junit_file},
                                              {"--output-json", json_file},
                                              {"--write-baseline", write_baseline_file}})) {
        std::cerr << "stacklint: error: " << *twice << '\n';
        return kExitToolError;
    }
    if (app.count("--config") > 0) cli.config_file = config_file;
    if (app.count("--select") > 0) cli.select = select;
    if (app.count("--fail-on") > 0) cli.fail_on = fail_on;
    if (app.count("--require-reasons") + app.count("--no-require-reasons") > 0) {
        cli.require_reasons = require_reasons;
    }
    std::error_code cwd_error;
    const std::filesystem::path cwd = std::filesystem::current_path(cwd_error);
    const Outputs outputs{format, sarif_file, junit_file, json_file};
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
    if (!baseline_file.empty()) {
        baseline = read_baseline(baseline_file, error);
        if (!baseline) {
            return fail_before_linting(ToolError{baseline_file, error}, outputs, cwd,
                                       settings->config_file);
        }
    }

    Discovery discovery = discover(paths);
    const std::vector<Input> excluded =
        remove_excluded(discovery.inputs, settings->exclude, settings->exclude_base);
    LintOptions options;
    options.jobs = jobs;
    options.skip_non_templates = skip_non_templates;
    options.rule_severity = settings->selection.as_function();
    options.rule_options = settings->rule_options;
    options.regions = settings->regions;
    options.excluded = [&](const std::string& path) {
        return is_excluded(path, settings->exclude, settings->exclude_base);
    };
    LintResult result = lint(discovery.inputs, options);
    result.errors.insert(result.errors.begin(), discovery.errors.begin(), discovery.errors.end());
    // What the summary calls excluded: templates that would have been linted, not every file
    // an exclude glob happens to match (such as the configuration file itself); run_rules
    // has already counted the excluded templates inside assemblies.
    result.excluded += count_templates(excluded, options);

    const std::vector<std::string> read = files_read(result, settings->config_file);
    if (!write_baseline_file.empty() && may_write(write_baseline_file, read, result) &&
        !write_baseline(write_baseline_file, make_baseline(result.findings), error)) {
        result.errors.push_back({write_baseline_file, error});
    }
    if (baseline) result.baselined = apply_baseline(*baseline, result.findings);

    ReportOptions report;
    report.quiet = quiet;
    report.fail_on = settings->fail_on;
    report.base = cwd;
    report.rule_severity = options.rule_severity;
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    report.color = color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO) &&
                                         (no_color == nullptr || *no_color == '\0') &&
                                         !(term != nullptr && std::string_view(term) == "dumb"));
    write_outputs(outputs, result, report, read);

    if (!result.errors.empty()) return kExitToolError;
    // The baseline just written records every finding: accepting them is what was asked for.
    if (!write_baseline_file.empty()) return kExitClean;
    if (!settings->fail_on) return kExitClean;
    for (const Finding& f : result.findings) {
        if (f.severity >= *settings->fail_on) return kExitFindings;
    }
    return kExitClean;
}
