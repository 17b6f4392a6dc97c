// GitLab Code Quality JSON (the `codequality` report artifact): one issue per finding, which
// GitLab shows in the merge request's widget and on the changed lines of its diff.
#include <map>
#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace stacklint {

namespace {

using ojson = nlohmann::ordered_json;

// GitLab's scale is info, minor, major, critical, blocker. A finding that fails deployment is
// critical, a warning (a hazard that deploys) major; blocker is kept for tool errors, which
// mean that templates went unchecked.
const char* gitlab_severity(Severity s) {
    switch (s) {
        case Severity::Error:
            return "critical";
        case Severity::Warning:
            return "major";
        case Severity::Info:
            return "info";
    }
    return "info";
}

ojson issue(std::string description, std::string check_name, std::string fingerprint,
            const char* severity, std::string path, std::uint32_t line) {
    const std::uint32_t begin = line > 0 ? line : 1;
    return {
        {"description", std::move(description)},
        {"check_name", std::move(check_name)},
        {"fingerprint", std::move(fingerprint)},
        {"severity", severity},
        {"location", {{"path", std::move(path)}, {"lines", {{"begin", begin}, {"end", begin}}}}}};
}

}  // namespace

void write_gitlab(std::ostream& out, const LintResult& result, const ReportOptions& options) {
    ojson issues = ojson::array();
    // GitLab keeps one issue per fingerprint. The baseline's fingerprint names a finding by
    // rule, file, stack, resource and path; the second finding with the same one (two
    // values of one list, say) gets "|2" appended, the third "|3", in the findings' order.
    std::map<std::string, std::size_t> seen;
    for (const Finding& f : result.findings) {
        std::string fingerprint = f.fingerprint();
        if (const std::size_t n = ++seen[fingerprint]; n > 1) {
            fingerprint.append("|").append(std::to_string(n));
        }
        // A merge request shows the CDK code, not the synthesized template: point at the line
        // that created the construct when the stack trace gives it.
        const auto origin = parse_source_ref(f.origin);
        std::string description = review_text(f, origin.has_value(), options.base);
        const std::string path = report_path(origin ? origin->file : f.file, options.base);
        const std::uint32_t line = origin ? origin->line : (f.mark.valid() ? f.mark.line : 0);
        issues.push_back(issue(std::move(description), review_title(f), std::move(fingerprint),
                               gitlab_severity(f.severity), path, line));
    }
    // A file that could not be read or linted is shown where it belongs; an error of no file
    // (a bad flag) has no place in the widget and is on stderr only.
    for (const ToolError& e : result.errors) {
        if (e.file.empty()) continue;
        const std::string path = report_path(e.file, options.base);
        issues.push_back(issue("stacklint could not check this file: " + e.message,
                               "stacklint tool-error", "tool-error|" + path + "|" + e.message,
                               "blocker", path, e.line));
    }
    out << issues.dump(2) << '\n';
}

}  // namespace stacklint
