// `stacklint --fix` and `--diff`: lint, apply the findings' fixes to the text, lint again.
//
// Each pass applies, per file, every fix whose edits touch none of an earlier finding's
// (findings in report order); a fix that overlaps waits for the next pass, which sees the
// edited text. The loop ends when a pass has nothing left to apply, or after a bounded number
// of passes. Nothing is written here: the caller writes the files (atomically) or prints
// their diffs.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "lint/engine.hpp"

namespace stacklint::fix {

struct FixOptions {
    bool unsafe = false;  // also apply fixes that change what gets deployed
    unsigned max_passes = 8;
    // Removes findings the run will not report (a baseline's): their fixes are not applied.
    std::function<void(std::vector<Finding>&)> filter;
};

// A file whose text the fixes changed.
struct FixedFile {
    std::string display;  // as findings name it
    std::string path;     // as opened
    std::string original;
    std::string fixed;
    std::size_t fixes = 0;  // findings fixed in it
};

struct FixOutcome {
    LintResult result;  // the last lint: of the fixed text (unfiltered)
    std::vector<FixedFile> files;
    std::size_t fixed = 0;         // findings fixed, over all files
    std::size_t unsafe_left = 0;   // findings whose fix needs --unsafe-fixes
    std::size_t generated = 0;     // findings of fixable rules in CDK assembly templates
    std::string generated_origin;  // the first such finding's user-code line, when known
};

// One round on one template: the edits of the fixes of `findings` (in report order) that
// overlap no earlier one's, sorted by offset, and how many findings they fix. Unsafe fixes
// only when `unsafe`; the others are counted.
struct Round {
    std::vector<TextEdit> edits;
    std::size_t fixes = 0;
    std::size_t unsafe_skipped = 0;
};
Round choose_fixes(const std::vector<const Finding*>& findings, bool unsafe);

// Whether `text` (the template of `before`, edited) still loads when `before` did.
bool still_loads(const Stack& before, const std::string& text, const LoadLimits& limits);

FixOutcome run_fixes(const std::vector<Input>& inputs, LintOptions options,
                     const FixOptions& fix_options);

}  // namespace stacklint::fix
