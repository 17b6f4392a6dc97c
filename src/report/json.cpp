#include <nlohmann/json.hpp>

#include "report/json_stream.hpp"
#include "report/report.hpp"

namespace stacklint {

namespace {

using ojson = nlohmann::ordered_json;

ojson string_or_null(const std::string& s) {
    return s.empty() ? ojson(nullptr) : ojson(s);
}

// The finding's fix: its edits as byte ranges of the file as read and as line:column ranges
// (end exclusive), with the text that replaces each; null when it has none.
ojson fix_json(const Finding& f) {
    if (!f.fix) return nullptr;
    ojson edits = ojson::array();
    for (const TextEdit& e : f.fix->edits) {
        edits.push_back({{"offset", e.offset},
                         {"length", e.length},
                         {"start", {{"line", e.start_line}, {"column", e.start_column}}},
                         {"end", {{"line", e.end_line}, {"column", e.end_column}}},
                         {"text", e.text}});
    }
    return {{"safety", safety_name(f.fix->safety)},
            {"description", f.fix->description},
            {"edits", std::move(edits)}};
}

}  // namespace

void write_json(std::ostream& out, const LintResult& result) {
    ojson doc;
    doc["version"] = "1";
    doc["tool"] = {{"name", "stacklint"}, {"version", kVersion}};
    // Each finding becomes JSON only when it is written (src/report/json_stream.hpp).
    doc["findings"] = streamed_array_placeholder();
    const auto finding_json = [&](std::size_t i) {
        const Finding& f = result.findings[i];
        ojson j;
        j["rule"] = f.rule;
        j["name"] = f.name;
        j["severity"] = to_string(f.severity);
        j["message"] = f.message;
        j["file"] = f.file;
        j["line"] = f.mark.valid() ? ojson(f.mark.line) : ojson(nullptr);
        j["column"] = f.mark.valid() ? ojson(f.mark.column) : ojson(nullptr);
        j["stack"] = string_or_null(f.stack);
        j["resource"] = string_or_null(f.resource);
        j["path"] = string_or_null(f.path);
        j["construct"] = string_or_null(f.construct);
        j["origin"] = string_or_null(f.origin);
        j["fingerprint"] = f.fingerprint();
        j["fix"] = fix_json(f);
        return j;
    };

    const Summary s = summarize(result);
    ojson by_severity = ojson::object();
    for (Severity sev : {Severity::Error, Severity::Warning, Severity::Info}) {
        by_severity[std::string(to_string(sev))] = s.by_severity.at(sev);
    }
    ojson by_rule = ojson::object();
    for (const auto& [rule, n] : s.by_rule)
        by_rule[rule] = n;
    ojson by_stack = ojson::object();
    for (const auto& [stack, n] : s.by_stack)
        by_stack[stack] = n;
    doc["summary"] = {{"files", s.files},
                      {"stacks", s.stacks},
                      {"resources", s.resources},
                      {"findings", result.findings.size()},
                      {"by_severity", std::move(by_severity)},
                      {"by_rule", std::move(by_rule)},
                      {"by_stack", std::move(by_stack)},
                      {"suppressed", s.suppressed},
                      {"baselined", s.baselined},
                      {"excluded", s.excluded}};
    ojson errors = ojson::array();
    for (const ToolError& e : result.errors) {
        errors.push_back({{"file", string_or_null(e.file)},
                          {"line", e.line > 0 ? ojson(e.line) : ojson(nullptr)},
                          {"column", e.line > 0 ? ojson(e.column) : ojson(nullptr)},
                          {"message", e.message}});
    }
    doc["errors"] = std::move(errors);
    ojson warnings = ojson::array();
    for (const ToolError& w : result.warnings)
        warnings.push_back({{"file", w.file}, {"message", w.message}});
    doc["warnings"] = std::move(warnings);
    // Invalid UTF-8 never reaches here (the loader rejects it), but messages may quote bytes
    // from a file name: replace rather than throw.
    write_streamed_array(out, doc, result.findings.size(), finding_json);
}

}  // namespace stacklint
