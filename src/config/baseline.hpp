// Baselines: the findings a project has accepted for now, recorded by fingerprint (rule,
// template file, stack, resource, property path; never line numbers), so that only new ones
// are reported.
//
// The file is JSON, keys sorted, one finding per line, so that it diffs well in review:
//   {
//     "findings": {
//       "T007|templates/app.yaml|app|bad-name|Resources/bad-name": 1
//     },
//     "stacklint_baseline": 2
//   }
// Version 1 files (fingerprints without the template file) are still read and applied by the
// version 1 fingerprint, so upgrading stacklint hides what it hid before; writing a baseline
// always writes version 2.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"

namespace stacklint {

struct Baseline {
    static constexpr int kVersion = 2;  // what make_baseline and write_baseline produce
    int version = kVersion;             // 1: keys are Finding::fingerprint_v1()
    // Fingerprint -> how many findings share it (a rule may report one place twice).
    std::map<std::string, std::size_t> counts;
};

Baseline make_baseline(const std::vector<Finding>& findings);
std::string baseline_text(const Baseline& baseline);

// Writes atomically: a reader sees the old file or the new one, never part of either.
bool write_baseline(const std::string& path, const Baseline& baseline, std::string& error);
// Nullopt with `error` set when the file cannot be read or is not a stacklint baseline.
std::optional<Baseline> read_baseline(const std::string& path, std::string& error);

// Removes the findings the baseline records (each fingerprint as many times as it counts) and
// returns how many were removed.
std::size_t apply_baseline(const Baseline& baseline, std::vector<Finding>& findings);

}  // namespace stacklint
