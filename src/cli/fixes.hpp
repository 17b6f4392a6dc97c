// What `--fix` and `--diff` add to the lint command: writing the fixed files and saying what
// was fixed.
#pragma once

#include <filesystem>
#include <ostream>

#include "fix/fixer.hpp"

namespace stacklint::cli {

// Writes each fixed file atomically; a file that cannot be written becomes a tool error.
void write_fixed_files(const fix::FixOutcome& outcome, LintResult& result);

// The unified diff of every fixed file, paths as findings show them (relative to `base`).
void write_fix_diffs(std::ostream& out, const fix::FixOutcome& outcome,
                     const std::filesystem::path& base);

// One line of what was fixed (or, with `diff`, would be), and what was left and why.
void write_fix_summary(std::ostream& err, const fix::FixOutcome& outcome, bool diff, bool unsafe);

}  // namespace stacklint::cli
