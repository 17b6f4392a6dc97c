#include "cli/fixes.hpp"

#include <string>

#include "core/atomic_file.hpp"
#include "fix/diff.hpp"
#include "report/report.hpp"

namespace stacklint::cli {

namespace {
std::string count(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

void write_fixed_files(const fix::FixOutcome& outcome, LintResult& result) {
    for (const fix::FixedFile& file : outcome.files) {
        std::string error;
        if (!write_file_atomically(file.path, file.fixed, error)) {
            result.errors.push_back({file.display, "fixes not written: " + error});
        }
    }
}

void write_fix_diffs(std::ostream& out, const fix::FixOutcome& outcome,
                     const std::filesystem::path& base) {
    for (const fix::FixedFile& file : outcome.files) {
        out << fix::unified_diff(file.original, file.fixed, report_path(file.display, base));
    }
}

void write_fix_summary(std::ostream& err, const fix::FixOutcome& outcome, bool diff, bool unsafe) {
    std::string line = "stacklint: ";
    if (outcome.fixed == 0) {
        line += diff ? "nothing to fix" : "nothing fixed";
    } else {
        line += (diff ? "would fix " : "fixed ") + count(outcome.fixed, "finding", "findings") +
                " in " + count(outcome.files.size(), "file", "files");
    }
    if (outcome.unsafe_left > 0 && !unsafe) {
        line += "; " + count(outcome.unsafe_left, "more has a fix", "more have fixes") +
                " that change what gets deployed (--unsafe-fixes applies them)";
    }
    err << line << '\n';
    if (outcome.generated > 0) {
        err << "stacklint: " << count(outcome.generated, "finding is", "findings are")
            << " in templates of a CDK cloud assembly, which are generated and never edited: "
               "change the app instead";
        if (!outcome.generated_origin.empty()) {
            err << " (the first was created at " << outcome.generated_origin << ")";
        } else {
            err << " (synthesize with CDK_DEBUG=true to see the line of your code)";
        }
        err << '\n';
    }
}

}  // namespace stacklint::cli
