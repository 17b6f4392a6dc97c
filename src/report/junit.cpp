// JUnit XML as Jenkins and GitLab read it: one <testsuite> per template file, one <testcase>
// per rule and resource that has findings (a <failure> when one of them is at or above
// --fail-on), and one passing <testcase> for a file without findings, so that every file
// linted shows up in the report.
#include <map>
#include <sstream>
#include <tuple>
#include <vector>

#include "core/text.hpp"
#include "report/report.hpp"

namespace stacklint {

namespace {

// Whether XML 1.0 can carry the code point at all (its production `Char`): tab, line feed,
// carriage return, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF. Surrogates never get
// here (they are not valid UTF-8).
bool xml_char(char32_t c) {
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
    return c < 0xD800 || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
}

// Text safe in XML 1.0 content and attribute values. Characters XML 1.0 cannot carry (C0
// controls other than tab, line feed and carriage return, U+FFFE, U+FFFF) and bytes that are
// not valid UTF-8 (file names are not checked by the loader) become '?', and so does DEL;
// line breaks in attributes are written as references so that parsers keep them.
std::string xml_escape(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += '?';
            ++i;
            continue;
        }
        const std::string_view cp = s.substr(i, n);
        i += n;
        const char32_t c = utf8_code_point(cp);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\'':
                out += attribute ? "&apos;" : "'";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\r':
                out += "&#13;";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            default:
                if (xml_char(c) && c != 0x7F) {
                    out += cp;
                } else {
                    out += '?';
                }
        }
    }
    return out;
}

std::string attr(std::string_view s) {
    return xml_escape(s, true);
}

std::string finding_line(const Finding& f, const std::string& path) {
    std::ostringstream line;
    line << path;
    if (f.mark.valid()) line << ':' << f.mark.line << ':' << f.mark.column;
    line << ": " << to_string(f.severity) << ' ' << f.rule << ' ' << f.message;
    return line.str();
}

struct Case {
    std::string rule;
    std::string resource;
    std::vector<const Finding*> findings;
    bool failed = false;
};

struct Suite {
    std::string path;
    std::string stack;
    std::vector<Case> cases;
    std::size_t failures = 0;
};

}  // namespace

void write_junit(std::ostream& out, const LintResult& result, const ReportOptions& options) {
    // Suites in file order; cases by rule, then resource.
    std::map<std::string, Suite> suites;
    for (const auto& stack : result.set.stacks) {
        if (stack->excluded) continue;
        Suite& s = suites[stack->file];
        s.path = report_path(stack->file, options.base);
        s.stack = stack->name;
    }
    std::map<std::tuple<std::string, std::string, std::string>, Case> cases;
    for (const Finding& f : result.findings) {
        Case& c = cases[{f.file, f.rule, f.resource}];
        c.rule = f.rule;
        c.resource = f.resource;
        c.findings.push_back(&f);
        if (options.fail_on && f.severity >= *options.fail_on) c.failed = true;
        Suite& s = suites[f.file];
        if (s.path.empty()) {
            s.path = report_path(f.file, options.base);
            s.stack = f.stack;
        }
    }
    for (auto& [key, c] : cases) {
        Suite& s = suites[std::get<0>(key)];
        if (c.failed) ++s.failures;
        s.cases.push_back(std::move(c));
    }

    std::size_t tests = 0, failures = 0;
    for (const auto& [file, s] : suites) {
        tests += s.cases.empty() ? 1 : s.cases.size();
        failures += s.failures;
    }
    tests += result.errors.size();

    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"stacklint\" tests=\"" << tests << "\" failures=\"" << failures
        << "\" errors=\"" << result.errors.size() << "\">\n";
    for (const auto& [file, s] : suites) {
        out << "  <testsuite name=\"" << attr(s.path) << "\" tests=\""
            << (s.cases.empty() ? 1 : s.cases.size()) << "\" failures=\"" << s.failures
            << "\" errors=\"0\" skipped=\"0\">\n";
        const std::string classname = attr(s.stack);
        if (s.cases.empty()) {
            out << "    <testcase classname=\"" << classname << "\" name=\"no findings\" file=\""
                << attr(s.path) << "\"/>\n";
        }
        for (const Case& c : s.cases) {
            const Rule* rule = RuleRegistry::instance().find(c.rule);
            std::string name = c.rule;
            if (rule != nullptr) name.append(" ").append(rule->info().name);
            name.append(" ").append(c.resource.empty() ? "(template)" : c.resource);
            const Finding& first = *c.findings.front();
            out << "    <testcase classname=\"" << classname << "\" name=\"" << attr(name)
                << "\" file=\"" << attr(s.path) << "\"";
            if (first.mark.valid()) out << " line=\"" << first.mark.line << "\"";
            out << ">\n";
            std::string body;
            for (const Finding* f : c.findings)
                body.append(finding_line(*f, s.path)).append("\n");
            if (c.failed) {
                out << "      <failure type=\"" << attr(c.rule) << "\" message=\""
                    << attr(first.message) << "\">" << xml_escape(body, false) << "</failure>\n";
            } else {
                out << "      <system-out>" << xml_escape(body, false) << "</system-out>\n";
            }
            out << "    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    if (!result.errors.empty()) {
        out << "  <testsuite name=\"stacklint\" tests=\"" << result.errors.size()
            << "\" failures=\"0\" errors=\"" << result.errors.size() << "\" skipped=\"0\">\n";
        for (const ToolError& e : result.errors) {
            out << "    <testcase classname=\"stacklint\" name=\""
                << attr(e.file.empty() ? "stacklint" : e.file) << "\"";
            if (!e.file.empty()) {
                out << " file=\"" << attr(report_path(e.file, options.base)) << "\"";
                if (e.line > 0) out << " line=\"" << e.line << "\"";
            }
            out << ">\n      <error type=\"tool-error\" message=\"" << attr(e.message) << "\">"
                << xml_escape(tool_error_place(e), false) << (e.file.empty() ? "" : ": ")
                << xml_escape(e.message, false) << "</error>\n    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace stacklint
