// Choosing a report format by name and writing it to a stream or, atomically, to a file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"

namespace stacklint {

enum class ReportFormat { Text, Json, Sarif, Junit, Github, Gitlab };

// "text", "json", "sarif", "junit", "github", "gitlab".
std::optional<ReportFormat> parse_report_format(std::string_view name);

void write_report(ReportFormat format, std::ostream& out, const LintResult& result,
                  const ReportOptions& options);

// Writes to a temporary file beside `path` and renames it into place, so that a CI step
// reading the file never sees half a report. False with `error` set when that fails.
bool write_report_file(ReportFormat format, const std::string& path, const LintResult& result,
                       const ReportOptions& options, std::string& error);

// A report or a baseline never overwrites a file the run reads: a template it lints or its
// configuration file (stacklint writes only files it was asked to create). Returns the entry of
// `read` that `path` is (the same file, also through a link), or empty when it is none of them.
std::string read_file_at(const std::string& path, const std::vector<std::string>& read);

}  // namespace stacklint
