// SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it: the rule catalogue
// with documentation, results with relative URIs under %SRCROOT%, code-point columns, and
// the stable fingerprint so that a finding keeps its identity across commits.
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "report/json_stream.hpp"
#include "report/report.hpp"

namespace stacklint {

namespace {

using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kRootId = "SRCROOT";

std::string_view level(Severity s) {
    switch (s) {
        case Severity::Error:
            return "error";
        case Severity::Warning:
            return "warning";
        case Severity::Info:
            return "note";
    }
    return "warning";
}

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string encode_uri_path(std::string_view path) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
                           c == '/';
        if (plain) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// The body of one "### Heading" section of a rule's Markdown documentation, trimmed.
std::string doc_section(std::string_view doc, std::string_view heading) {
    const std::string marker = "### " + std::string(heading) + "\n";
    std::size_t start = doc.find(marker);
    if (start == std::string_view::npos) return {};
    start += marker.size();
    std::size_t end = doc.find("\n### ", start);
    if (end == std::string_view::npos) end = doc.size();
    std::string_view body = doc.substr(start, end - start);
    while (!body.empty() && (body.back() == '\n' || body.back() == ' '))
        body.remove_suffix(1);
    return std::string(body);
}

ojson rule_descriptor(const RuleInfo& info, Severity severity) {
    ojson r;
    r["id"] = info.id;
    r["name"] = info.name;
    r["shortDescription"] = {{"text", std::string(info.summary) + "."}};
    const std::string what = doc_section(info.doc, "What it finds");
    r["fullDescription"] = {{"text", what.empty() ? std::string(info.summary) : what}};
    std::string markdown = "# " + std::string(info.id) + " " + std::string(info.name) + "\n\n";
    markdown += info.doc;
    r["help"] = {{"text", markdown}, {"markdown", markdown}};
    r["defaultConfiguration"] = {{"level", level(severity)}};
    r["properties"] = {{"tags", ojson::array({"cloudformation", info.pack})}};
    return r;
}

ojson artifact_location(const std::string& file, const fs::path& base) {
    bool relative = false;
    const std::string path = report_path(file, base, &relative);
    if (file == "<stdin>") return {{"uri", encode_uri_path("stdin")}, {"uriBaseId", kRootId}};
    if (relative) return {{"uri", encode_uri_path(path)}, {"uriBaseId", kRootId}};
    return {{"uri", "file://" + encode_uri_path(path)}};
}

}  // namespace

void write_sarif(std::ostream& out, const LintResult& result, const ReportOptions& options) {
    // The catalogue: every rule that ran (so that a rule with no result is known to have
    // checked), plus any rule a result names.
    std::set<std::string_view> reported;
    for (const Finding& f : result.findings)
        reported.insert(f.rule);
    ojson rules = ojson::array();
    std::map<std::string, std::size_t, std::less<>> index;
    for (const Rule* r : RuleRegistry::instance().rules()) {
        const RuleInfo& info = r->info();
        const std::optional<Severity> sev =
            options.rule_severity ? options.rule_severity(info) : default_run_severity(info);
        if (!sev && !reported.count(info.id)) continue;
        index[std::string(info.id)] = rules.size();
        rules.push_back(rule_descriptor(info, sev.value_or(info.severity)));
    }

    std::error_code ec;
    fs::path base = options.base.empty() ? fs::current_path(ec) : fs::absolute(options.base, ec);
    base = base.lexically_normal();
    std::string root_uri = "file://" + encode_uri_path(base.generic_string());
    if (root_uri.back() != '/') root_uri += '/';

    // Each result becomes JSON only when it is written (src/report/json_stream.hpp).
    const auto result_json = [&](std::size_t i) {
        const Finding& f = result.findings[i];
        ojson r;
        r["ruleId"] = f.rule;
        if (const auto it = index.find(f.rule); it != index.end()) r["ruleIndex"] = it->second;
        r["level"] = level(f.severity);
        r["message"] = {{"text", f.message}};
        ojson physical = {{"artifactLocation", artifact_location(f.file, base)}};
        if (f.mark.valid()) {
            physical["region"] = {{"startLine", f.mark.line}, {"startColumn", f.mark.column}};
        }
        ojson location = {{"physicalLocation", std::move(physical)}};
        if (!f.resource.empty()) {
            location["logicalLocations"] =
                ojson::array({{{"name", f.resource},
                               {"fullyQualifiedName", f.stack + "/" + f.resource},
                               {"kind", "resource"}}});
        }
        r["locations"] = ojson::array({std::move(location)});
        // A CDK finding synthesized with stack traces also points at the user's code, which
        // is what a pull request shows (cdk.out is rarely committed).
        if (const auto origin = parse_source_ref(f.origin)) {
            ojson region = {{"startLine", origin->line}};
            if (origin->column > 0) region["startColumn"] = origin->column;
            r["relatedLocations"] = ojson::array(
                {{{"id", 1},
                  {"physicalLocation",
                   {{"artifactLocation", artifact_location(origin->file, base)},
                    {"region", std::move(region)}}},
                  {"message", {{"text", "construct " + f.construct + " is created here"}}}}});
        }
        // Version 2 of the fingerprint names the template file; version 1 did not.
        r["partialFingerprints"] = {{"stacklint/v2", f.fingerprint()}};
        ojson props = ojson::object();
        props["stack"] = f.stack;
        if (!f.resource.empty()) props["resource"] = f.resource;
        if (!f.path.empty()) props["path"] = f.path;
        if (!f.construct.empty()) props["construct"] = f.construct;
        if (!f.origin.empty()) props["origin"] = f.origin;
        r["properties"] = std::move(props);
        if (f.fix) {
            ojson replacements = ojson::array();
            for (const TextEdit& e : f.fix->edits) {
                replacements.push_back({{"deletedRegion",
                                         {{"startLine", e.start_line},
                                          {"startColumn", e.start_column},
                                          {"endLine", e.end_line},
                                          {"endColumn", e.end_column},
                                          {"byteOffset", e.offset},
                                          {"byteLength", e.length}}},
                                        {"insertedContent", {{"text", e.text}}}});
            }
            r["fixes"] = ojson::array(
                {{{"description", {{"text", f.fix->description}}},
                  {"artifactChanges",
                   ojson::array({{{"artifactLocation", artifact_location(f.file, base)},
                                  {"replacements", std::move(replacements)}}})},
                  {"properties", {{"safety", safety_name(f.fix->safety)}}}}});
        }
        return r;
    };

    ojson notifications = ojson::array();
    for (const auto& [list, level] :
         {std::pair{&result.warnings, "warning"}, std::pair{&result.errors, "error"}}) {
        for (const ToolError& e : *list) {
            ojson note = {{"level", level}, {"message", {{"text", e.message}}}};
            if (!e.file.empty()) {
                ojson physical = {{"artifactLocation", artifact_location(e.file, base)}};
                if (e.line > 0) {
                    physical["region"] = {{"startLine", e.line}, {"startColumn", e.column}};
                }
                note["locations"] = ojson::array({{{"physicalLocation", std::move(physical)}}});
            }
            notifications.push_back(std::move(note));
        }
    }

    ojson run;
    run["tool"] = {{"driver",
                    {{"name", "stacklint"},
                     {"version", kVersion},
                     {"semanticVersion", kVersion},
                     {"rules", std::move(rules)}}}};
    run["invocations"] = ojson::array({{{"executionSuccessful", result.errors.empty()},
                                        {"toolExecutionNotifications", std::move(notifications)}}});
    run["originalUriBaseIds"] = {{kRootId, {{"uri", root_uri}}}};
    run["results"] = streamed_array_placeholder();
    run["columnKind"] = "unicodeCodePoints";

    ojson doc;
    doc["$schema"] = kSchemaUri;
    doc["version"] = "2.1.0";
    doc["runs"] = ojson::array({std::move(run)});
    write_streamed_array(out, doc, result.findings.size(), result_json);
}

}  // namespace stacklint
