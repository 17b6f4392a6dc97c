// Choosing a report format by name and writing it to a stream or, atomically, to a file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "report/report.hpp"

namespace stacklint {

enum class ReportFormat { Text, Json, Sarif, Junit, Github };

// "text", "json", "sarif", "junit", "github".
std::optional<ReportFormat> parse_report_format(std::string_view name);

void write_report(ReportFormat format, std::ostream& out, const LintResult& result,
                  const ReportOptions& options);

// Writes to a temporary file beside `path` and renames it into place, so that a CI step
// reading the file never sees half a report. False with `error` set when that fails.
bool write_report_file(ReportFormat format, const std::string& path, const LintResult& result,
                       const ReportOptions& options, std::string& error);

}  // namespace stacklint
