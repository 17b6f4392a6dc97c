#include "declarative/rule_tests.hpp"

#include <algorithm>
#include <set>

#include "lint/engine.hpp"

namespace stacklint::declarative {

namespace fs = std::filesystem;

bool RuleTestReport::passed() const {
    return load_errors.empty() && errors.empty() && never_fired.empty() && unknown_ids.empty() &&
           std::all_of(fixtures.begin(), fixtures.end(),
                       [](const FixtureOutcome& f) { return f.passed(); });
}

RuleTestReport test_rules(const fs::path& dir) {
    RuleTestReport report;
    LoadedRules loaded = load_rules({dir});
    report.load_errors = std::move(loaded.errors);
    if (!report.load_errors.empty()) return report;
    report.rules = loaded.ids;
    const std::set<std::string, std::less<>> ids(loaded.ids.begin(), loaded.ids.end());

    const fs::path tests = dir / "tests";
    std::error_code ec;
    if (!fs::is_directory(tests, ec)) {
        report.errors.push_back({tests.string(),
                                 "no fixtures: put templates that show each rule firing and not "
                                 "firing in this directory"});
        return report;
    }
    Discovery found = discover({tests.string()});
    for (ToolError& e : found.errors)
        report.errors.push_back(std::move(e));

    LintOptions options;
    options.rule_severity = [&ids](const RuleInfo& rule) -> std::optional<Severity> {
        if (ids.count(rule.id) == 0) return std::nullopt;
        return rule.severity;
    };
    std::set<std::string, std::less<>> fired;
    for (const Input& input : found.inputs) {
        FixtureOutcome outcome;
        outcome.fixture = input.display;
        LintResult result = lint({input}, options);
        outcome.errors = std::move(result.errors);
        Expectations expected;
        if (input.assembly) {
            for (const auto& stack : result.set.stacks)
                read_expectations(stack->path, stack->file, expected);
        } else {
            read_expectations(input.path, input.display, expected);
        }
        for (const auto& [key, n] : expected) {
            const std::string& id = std::get<2>(key);
            if (ids.count(id) == 0) {
                report.unknown_ids.push_back(std::get<0>(key) + ":" +
                                             std::to_string(std::get<1>(key)) + ": " + id);
            }
            fired.insert(id);
        }
        outcome.mismatches = compare_expectations(expected, result.findings);
        report.fixtures.push_back(std::move(outcome));
    }
    for (const std::string& id : report.rules) {
        if (fired.count(id) == 0) report.never_fired.push_back(id);
    }
    return report;
}

}  // namespace stacklint::declarative
