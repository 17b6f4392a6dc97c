#include <map>
#include <set>
#include <string_view>
#include <system_error>

#include "core/text.hpp"
#include "report/report.hpp"

namespace stacklint {

#ifndef STACKLINT_VERSION
#define STACKLINT_VERSION "0.0.0-dev"
#endif
const char* const kVersion = STACKLINT_VERSION;

Summary summarize(const LintResult& result) {
    Summary s;
    s.files = result.files;
    for (const auto& stack : result.set.stacks) {
        if (!stack->excluded) ++s.stacks;
    }
    s.resources = result.resources;
    s.suppressed = result.suppressed;
    s.baselined = result.baselined;
    s.excluded = result.excluded;
    for (Severity sev : {Severity::Error, Severity::Warning, Severity::Info})
        s.by_severity[sev] = 0;
    // Stacks are counted by name, unless stacks of different files share it (envs/dev/app.yaml
    // and envs/prod/app.yaml are both "app"): those are told apart by their template.
    std::map<std::string_view, std::set<std::string_view>> files_of;
    for (const auto& stack : result.set.stacks)
        files_of[stack->name].insert(stack->file);
    for (const Finding& f : result.findings)
        files_of[f.stack].insert(f.stack_file);
    for (const Finding& f : result.findings) {
        ++s.by_severity[f.severity];
        ++s.by_rule[f.rule];
        if (files_of[f.stack].size() > 1) {
            ++s.by_stack[f.stack + " (" + report_path(f.stack_file, {}) + ")"];
        } else {
            ++s.by_stack[f.stack];
        }
    }
    return s;
}

std::string tool_error_place(const ToolError& e) {
    std::string out = e.file;
    if (!out.empty() && e.line > 0) {
        out.append(":").append(std::to_string(e.line));
        out.append(":").append(std::to_string(e.column));
    }
    return out;
}

void write_tool_errors(std::ostream& err, const LintResult& result) {
    for (const ToolError& w : result.warnings) {
        err << "stacklint: warning: " << w.file << ": " << w.message << '\n';
    }
    for (const ToolError& e : result.errors) {
        err << "stacklint: error: ";
        if (!e.file.empty()) err << printable_text(tool_error_place(e)) << ": ";
        err << printable_text(e.message) << '\n';
    }
}

std::string report_path(const std::string& file, const std::filesystem::path& base,
                        bool* relative) {
    return relative_path(file, base, relative);
}

}  // namespace stacklint
