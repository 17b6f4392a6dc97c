// `stacklint graph FILE`: one template's dependency graph on stdout.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "discover/discover.hpp"
#include "graph/render.hpp"
#include "lint/engine.hpp"

namespace stacklint::cli {

namespace {

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

}  // namespace

Subcommand add_graph_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "graph", "Print a template's dependency graph (DOT for Graphviz, Mermaid, or JSON)");
    auto file = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("dot");
    hint(cmd->add_option("file", *file, "Template file, or - for stdin")->required(),
         ValueKind::File);
    add_choice(*cmd, "-f,--format", *format, {"dot", "mermaid", "json"}, "Output format");
    return {cmd, [file, format] { return graph(*file, *format); }};
}

}  // namespace stacklint::cli
