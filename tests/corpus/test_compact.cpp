// A compact run (LintOptions::compact: loose templates linted as a stream and compacted once
// their findings are made) reports exactly what a run that keeps every tree reports: the same
// findings with the same fixes, counts, errors and text report, for any number of threads.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "discover/discover.hpp"
#include "lint/engine.hpp"
#include "report/report.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

std::string describe(const Finding& f) {
    std::ostringstream out;
    out << f.file << ':' << f.mark.line << ':' << f.mark.column << ' ' << f.rule << ' '
        << to_string(f.severity) << ' ' << f.message << " [" << f.stack << '|' << f.stack_file
        << '|' << f.resource << '|' << f.path << '|' << f.construct << '|' << f.origin << ']';
    if (f.fix) {
        out << " fix: " << f.fix->description;
        for (const TextEdit& e : f.fix->edits)
            out << " @" << e.offset << '+' << e.length << '=' << e.text;
    }
    return out.str();
}

std::string text_report(const LintResult& result) {
    std::ostringstream out;
    ReportOptions options;
    write_text(out, result, options);
    return out.str();
}

void check_same(const LintResult& whole, const LintResult& compact) {
    REQUIRE(whole.findings.size() == compact.findings.size());
    for (std::size_t i = 0; i < whole.findings.size(); ++i)
        CHECK(describe(whole.findings[i]) == describe(compact.findings[i]));
    CHECK(whole.files == compact.files);
    CHECK(whole.resources == compact.resources);
    CHECK(whole.suppressed == compact.suppressed);
    CHECK(whole.excluded == compact.excluded);
    CHECK(whole.errors.size() == compact.errors.size());
    CHECK(whole.warnings.size() == compact.warnings.size());
    REQUIRE(whole.set.stacks.size() == compact.set.stacks.size());
    for (std::size_t i = 0; i < whole.set.stacks.size(); ++i)
        CHECK(whole.set.stacks[i]->file == compact.set.stacks[i]->file);
    CHECK(text_report(whole) == text_report(compact));
}

void compare_runs(const std::vector<std::string>& paths, const RuleOptions& rule_options = {}) {
    const Discovery d = discover(paths);
    LintOptions options;
    options.rule_options = rule_options;
    options.jobs = 2;
    const LintResult whole = lint(d.inputs, options);
    options.compact = true;
    for (const unsigned jobs : {1U, 2U}) {
        INFO("compact run with " << jobs << " thread(s)");
        options.jobs = jobs;
        const LintResult compact = lint(d.inputs, options);
        check_same(whole, compact);
        // Loose templates are compacted, unless a set rule reads their tree later (X006 reads
        // a parent's nested-stack resources); the stacks of cloud assemblies stay whole.
        for (const auto& s : compact.set.stacks) {
            INFO(s->file);
            if (s->cdk) CHECK_FALSE(s->summary.has_value());
            if (s->summary) {
                CHECK_FALSE(s->doc.root.has_value());
                CHECK(s->tmpl == nullptr);
                CHECK(s->doc.source == nullptr);
            }
        }
    }
}

}  // namespace

TEST_CASE("Compact run: every fixture gives the findings of a whole run") {
    compare_runs({test::source_path("fixtures")});
}

TEST_CASE("Compact run: storage stacks named by configuration are read first") {
    // R002/R004/R005/R007 ask whether an app has a storage stack; with `storage_stacks` globs
    // the names that count differ from the built-in words.
    compare_runs({test::source_path("fixtures")}, {{"storage_stacks", {"*network*", "*api*"}}});
}

TEST_CASE("Compact run: the shared corpora give the findings of a whole run") {
    for (const char* corpus : {"../shared/corpus", "../shared/corpus-sam"}) {
        const std::string path = test::source_path(corpus);
        if (!std::filesystem::exists(path)) {
            WARN(path << " is absent; nothing compared");
            continue;
        }
        compare_runs({path});
    }
}

TEST_CASE("Compact run: most loose templates are freed") {
    const Discovery d = discover({test::source_path("fixtures/rules")});
    LintOptions options;
    options.compact = true;
    const LintResult result = lint(d.inputs, options);
    std::size_t compacted = 0;
    std::size_t loose = 0;
    for (const auto& s : result.set.stacks) {
        if (s->cdk) continue;
        ++loose;
        if (s->summary) ++compacted;
    }
    REQUIRE(loose > 100);
    // Kept whole: the parents of nested stacks (X006) and the storage stacks other stacks'
    // rules read (R002, R004, R005, R007).
    CHECK(compacted * 10 > loose * 9);
}
