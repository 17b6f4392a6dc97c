// Writing a run's results: human text, machine JSON, SARIF for code scanning, JUnit XML for
// CI test reports, GitHub workflow commands for pull-request annotations and GitLab Code
// Quality JSON for merge requests.
#pragma once

#include <filesystem>
#include <functional>
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
    std::size_t suppressed = 0;
    std::size_t baselined = 0;
    std::size_t excluded = 0;
    std::map<Severity, std::size_t> by_severity;
    std::map<std::string, std::size_t> by_rule;
    // Findings per stack name; "name (path)" for stacks of different files sharing a name.
    std::map<std::string, std::size_t> by_stack;
};

Summary summarize(const LintResult& result);

struct ReportOptions {
    bool quiet = false;  // text and github: no summary
    bool color = false;  // text: ANSI colours
    // junit: findings at or above it are failures (nullopt: none are, as with --fail-on none).
    std::optional<Severity> fail_on = Severity::Warning;
    // sarif, junit, github, gitlab: paths are written relative to this directory when inside it
    // (empty: the working directory).
    std::filesystem::path base;
    // sarif: which rules ran and at what severity (the rule catalogue); empty: every rule at its
    // own severity.
    std::function<std::optional<Severity>(const RuleInfo&)> rule_severity;
};

void write_text(std::ostream& out, const LintResult& result, const ReportOptions& options);
void write_json(std::ostream& out, const LintResult& result);
void write_sarif(std::ostream& out, const LintResult& result, const ReportOptions& options);
void write_junit(std::ostream& out, const LintResult& result, const ReportOptions& options);
void write_github(std::ostream& out, const LintResult& result, const ReportOptions& options);
void write_gitlab(std::ostream& out, const LintResult& result, const ReportOptions& options);

// The anchor of a rule's section in docs/rules.md, as GitHub makes it from the heading
// "## T001 parse-error": "t001-parse-error".
std::string rule_anchor(const RuleInfo& info);

// docs/rules.md: every rule's documentation, and how to suppress it.
void write_rules_markdown(std::ostream& out);
// One rule's section of docs/rules.md (what `stacklint explain` prints).
void write_rule_markdown(std::ostream& out, const RuleInfo& info);

// Tool errors go to stderr in every format: "stacklint: error: FILE: MESSAGE", with
// FILE:LINE:COL when the error has a position and without FILE when it has no file, after the
// run's warnings ("stacklint: warning: FILE: MESSAGE").
void write_tool_errors(std::ostream& err, const LintResult& result);
// "FILE", "FILE:LINE:COL", or "" for an error that no file is at fault for.
std::string tool_error_place(const ToolError& e);

// A finding's file as reports show it: relative_path (src/core/finding.hpp).
std::string report_path(const std::string& file, const std::filesystem::path& base,
                        bool* relative = nullptr);

// What the code-review formats (GitHub annotations, GitLab Code Quality) say of a finding:
// its title, "T007 invalid-logical-id", and its text: the message, the resource, and, when
// the finding is placed on the user's CDK code (`placed_on_origin`), the construct and the
// place in the synthesized template.
std::string review_title(const Finding& f);
std::string review_text(const Finding& f, bool placed_on_origin, const std::filesystem::path& base);

extern const char* const kVersion;

}  // namespace stacklint
