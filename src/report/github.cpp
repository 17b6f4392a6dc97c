// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's
// diff (`::error file=F,line=L,col=C,title=T::message`).

#include "core/text.hpp"
#include "report/report.hpp"

namespace stacklint {

namespace {

std::string_view command(Severity s) {
    switch (s) {
        case Severity::Error:
            return "error";
        case Severity::Warning:
            return "warning";
        case Severity::Info:
            return "notice";
    }
    return "warning";
}

// GitHub's escaping for workflow commands: '%' everywhere, and in property values also ':'
// and ',' (which would end the value). Control characters come first: the log would
// interpret them (ANSI colours), and CR or LF would end the command, so they are masked as in
// text output (which leaves GitHub's %0D and %0A escapes nothing to do) and a template cannot
// inject a workflow command.
std::string escape(std::string_view s, bool property) {
    std::string out;
    for (const char c : printable_text(s)) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case ':':
                out += property ? "%3A" : ":";
                break;
            case ',':
                out += property ? "%2C" : ",";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

void write_github(std::ostream& out, const LintResult& result, const ReportOptions& options) {
    for (const Finding& f : result.findings) {
        // A pull request shows the CDK code, not the synthesized template: annotate the line
        // that created the construct when the stack trace gives it.
        const auto origin = parse_source_ref(f.origin);
        out << "::" << command(f.severity)
            << " file=" << escape(report_path(origin ? origin->file : f.file, options.base), true);
        if (origin) {
            out << ",line=" << origin->line;
            if (origin->column > 0) out << ",col=" << origin->column;
        } else if (f.mark.valid()) {
            out << ",line=" << f.mark.line << ",col=" << f.mark.column;
        }
        const std::string title = review_title(f);
        const std::string message = review_text(f, origin.has_value(), options.base);
        out << ",title=" << escape(title, true) << "::" << escape(message, false) << '\n';
    }
    for (const ToolError& w : result.warnings) {
        out << "::warning file=" << escape(report_path(w.file, options.base), true)
            << ",title=stacklint::" << escape(w.message, false) << '\n';
    }
    for (const ToolError& e : result.errors) {
        out << "::error ";
        if (!e.file.empty()) {
            out << "file=" << escape(report_path(e.file, options.base), true);
            if (e.line > 0) out << ",line=" << e.line << ",col=" << e.column;
            out << ",";
        }
        out << "title=stacklint::" << escape(e.message, false) << '\n';
    }
    if (options.quiet) return;
    const Summary s = summarize(result);
    out << "stacklint: checked " << s.files << (s.files == 1 ? " template" : " templates") << ": "
        << s.by_severity.at(Severity::Error) << " errors, " << s.by_severity.at(Severity::Warning)
        << " warnings, " << s.by_severity.at(Severity::Info) << " info";
    if (s.suppressed > 0) out << "; " << s.suppressed << " suppressed inline";
    if (s.baselined > 0) out << "; " << s.baselined << " hidden by the baseline";
    out << ".\n";
}

}  // namespace stacklint
