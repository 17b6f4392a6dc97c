#include <system_error>

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
    for (const Finding& f : result.findings) {
        ++s.by_severity[f.severity];
        ++s.by_rule[f.rule];
        ++s.by_stack[f.stack];
    }
    return s;
}

void write_tool_errors(std::ostream& err, const LintResult& result) {
    for (const ToolError& w : result.warnings) {
        err << "stacklint: warning: " << w.file << ": " << w.message << '\n';
    }
    for (const ToolError& e : result.errors) {
        err << "stacklint: error: " << e.file << ": " << e.message << '\n';
    }
}

std::string report_path(const std::string& file, const std::filesystem::path& base,
                        bool* relative) {
    namespace fs = std::filesystem;
    if (relative != nullptr) *relative = false;
    if (file == "<stdin>" || file.empty()) return file;
    std::error_code ec;
    const fs::path root =
        (base.empty() ? fs::current_path(ec) : fs::absolute(base, ec)).lexically_normal();
    const fs::path absolute = fs::absolute(file, ec).lexically_normal();
    if (ec) return file;
    const fs::path inside = absolute.lexically_relative(root);
    if (!inside.empty() && *inside.begin() != ".." && inside != ".") {
        if (relative != nullptr) *relative = true;
        return inside.generic_string();
    }
    return absolute.generic_string();
}

}  // namespace stacklint
