// `stacklint test-rules DIR`: a team's declarative rules against their own fixtures.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "core/text.hpp"
#include "declarative/rule_tests.hpp"

namespace stacklint::cli {

namespace {

int run_tests(const std::string& dir, bool quiet) {
    const declarative::RuleTestReport report = declarative::test_rules(dir);
    if (!report.load_errors.empty()) {
        for (const declarative::RuleFileError& e : report.load_errors)
            std::cerr << "stacklint: error: " << printable_text(e.text()) << '\n';
        return kExitToolError;
    }
    std::size_t passed = 0;
    for (const declarative::FixtureOutcome& f : report.fixtures) {
        if (f.passed()) {
            ++passed;
            if (!quiet) std::cout << "PASS " << printable_text(f.fixture) << '\n';
            continue;
        }
        std::cout << "FAIL " << printable_text(f.fixture) << '\n';
        for (const ToolError& e : f.errors)
            std::cout << "  error:      " << printable_text(e.file + ": " + e.message) << '\n';
        for (const Mismatch& m : f.mismatches)
            std::cout << printable_text(describe(m)) << '\n';
    }
    for (const std::string& u : report.unknown_ids) {
        std::cout << "FAIL " << printable_text(u)
                  << " is expected, but no rule of the directory has that id\n";
    }
    for (const std::string& id : report.never_fired) {
        std::cout << "FAIL " << id
                  << ": no fixture expects a finding of it (add one that shows it firing)\n";
    }
    for (const ToolError& e : report.errors)
        std::cout << "FAIL " << printable_text(e.file + ": " + e.message) << '\n';
    std::cout << report.rules.size() << (report.rules.size() == 1 ? " rule, " : " rules, ")
              << report.fixtures.size()
              << (report.fixtures.size() == 1 ? " fixture: " : " fixtures: ") << passed
              << " passed, " << report.fixtures.size() - passed << " failed";
    if (!report.never_fired.empty())
        std::cout << ", " << report.never_fired.size() << " rule(s) never fired";
    std::cout << '\n';
    return report.passed() ? kExitClean : kExitFindings;
}

}  // namespace

Subcommand add_test_rules_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "test-rules",
        "Test the declarative rules of DIR against the fixtures in DIR/tests: every finding "
        "must be expected (`# expect: ID` on its line, or a FILE.expect sidecar) and every "
        "rule must fire somewhere. Exit code 0 when all pass, 1 when one fails, 2 when a rule "
        "file has a mistake");
    auto dir = std::make_shared<std::string>();
    auto quiet = std::make_shared<bool>(false);
    hint(cmd->add_option("dir", *dir, "The rule directory")->required(), ValueKind::Directory);
    cmd->add_flag("-q,--quiet", *quiet, "Print failures and the summary only");
    return {cmd, [dir, quiet] { return run_tests(*dir, *quiet); }};
}

}  // namespace stacklint::cli
