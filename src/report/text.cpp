#include <algorithm>
#include <vector>

#include "report/report.hpp"

namespace stacklint {

namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

void write_text(std::ostream& out, const LintResult& result, const ReportOptions& options) {
    for (const Finding& f : result.findings) {
        out << f.file;
        if (f.mark.valid()) out << ':' << f.mark.line << ':' << f.mark.column;
        out << ": " << to_string(f.severity) << ' ' << f.rule << ' ' << f.message;
        if (!f.resource.empty()) out << " [" << f.resource << ']';
        out << '\n';
    }
    if (options.quiet) return;

    const Summary s = summarize(result);
    if (!result.findings.empty()) out << '\n';
    out << "Checked " << plural(s.files, "template", "templates") << " ("
        << plural(s.stacks, "stack", "stacks") << ", "
        << plural(s.resources, "resource", "resources") << "): ";
    if (result.findings.empty()) {
        out << "no findings.\n";
    } else {
        out << plural(s.by_severity.at(Severity::Error), "error", "errors") << ", "
            << plural(s.by_severity.at(Severity::Warning), "warning", "warnings") << ", "
            << s.by_severity.at(Severity::Info) << " info.\n";
        // Most frequent rules first: the ones worth a look.
        std::vector<std::pair<std::string, std::size_t>> rules(s.by_rule.begin(), s.by_rule.end());
        std::stable_sort(rules.begin(), rules.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        out << "By rule:";
        for (const auto& [rule, n] : rules)
            out << ' ' << rule << " ×" << n;
        out << '\n';
    }
    if (!result.errors.empty()) {
        out << plural(result.errors.size(), "path", "paths")
            << " could not be linted (see the errors above).\n";
    }
}

}  // namespace stacklint
