#include "report/report.hpp"

namespace stacklint {

#ifndef STACKLINT_VERSION
#define STACKLINT_VERSION "0.0.0-dev"
#endif
const char* const kVersion = STACKLINT_VERSION;

Summary summarize(const LintResult& result) {
    Summary s;
    s.files = result.files;
    s.stacks = result.set.stacks.size();
    s.resources = result.resources;
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
    for (const ToolError& e : result.errors) {
        err << "stacklint: error: " << e.file << ": " << e.message << '\n';
    }
}

}  // namespace stacklint
