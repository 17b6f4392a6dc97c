#include "report/outputs.hpp"

#include <sys/stat.h>

#include <sstream>

#include "core/atomic_file.hpp"

namespace stacklint {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    if (name == "text") return ReportFormat::Text;
    if (name == "json") return ReportFormat::Json;
    if (name == "sarif") return ReportFormat::Sarif;
    if (name == "junit") return ReportFormat::Junit;
    if (name == "github") return ReportFormat::Github;
    if (name == "gitlab") return ReportFormat::Gitlab;
    return std::nullopt;
}

void write_report(ReportFormat format, std::ostream& out, const LintResult& result,
                  const ReportOptions& options) {
    switch (format) {
        case ReportFormat::Text:
            write_text(out, result, options);
            return;
        case ReportFormat::Json:
            write_json(out, result);
            return;
        case ReportFormat::Sarif:
            write_sarif(out, result, options);
            return;
        case ReportFormat::Junit:
            write_junit(out, result, options);
            return;
        case ReportFormat::Github:
            write_github(out, result, options);
            return;
        case ReportFormat::Gitlab:
            write_gitlab(out, result, options);
            return;
    }
}

bool write_report_file(ReportFormat format, const std::string& path, const LintResult& result,
                       const ReportOptions& options, std::string& error) {
    std::ostringstream text;
    ReportOptions file_options = options;
    file_options.color = false;  // files are for machines
    write_report(format, text, result, file_options);
    return write_file_atomically(path, text.str(), error);
}

std::string read_file_at(const std::string& path, const std::vector<std::string>& read) {
    struct stat target {};
    if (path.empty() || ::stat(path.c_str(), &target) != 0) return {};  // it will be created
    for (const std::string& file : read) {
        struct stat st {};
        if (!file.empty() && ::stat(file.c_str(), &st) == 0 && st.st_dev == target.st_dev &&
            st.st_ino == target.st_ino) {
            return file;
        }
    }
    return {};
}

}  // namespace stacklint
