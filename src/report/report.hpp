// Writing a run's results: human text and machine JSON.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "lint/engine.hpp"

namespace stacklint {

struct Summary {
    std::size_t files = 0;
    std::size_t stacks = 0;
    std::size_t resources = 0;
    std::map<Severity, std::size_t> by_severity;
    std::map<std::string, std::size_t> by_rule;
    std::map<std::string, std::size_t> by_stack;
};

Summary summarize(const LintResult& result);

struct ReportOptions {
    bool quiet = false;  // no summary (text only)
};

void write_text(std::ostream& out, const LintResult& result, const ReportOptions& options);
void write_json(std::ostream& out, const LintResult& result);

// Tool errors go to stderr in every format: "stacklint: error: FILE: MESSAGE".
void write_tool_errors(std::ostream& err, const LintResult& result);

extern const char* const kVersion;

}  // namespace stacklint
