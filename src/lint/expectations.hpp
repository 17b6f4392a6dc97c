// Expectations written in fixtures, and how findings compare with them: the harness of the
// project's own rule fixtures (tests/fixtures) and of `stacklint test-rules`.
//
// - YAML: a trailing comment `# expect: ID [ID...]` on the line a finding points at.
// - JSON (or any file where a comment is impossible): a sidecar `<file>.expect` with lines
//   `LINE ID [ID...]`; `#` starts a comment.
// A fixture with no expectation must produce no finding.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/finding.hpp"

namespace stacklint {

// (file as displayed, line, rule id) -> how many findings.
using Expectations = std::map<std::tuple<std::string, std::uint32_t, std::string>, int>;

// Adds the expectations of the fixture at `path` (its comments, or its `.expect` sidecar when
// there is one) under the name `display`.
void read_expectations(const std::filesystem::path& path, const std::string& display,
                       Expectations& out);

// One difference between expectations and findings.
struct Mismatch {
    bool missing = false;  // expected but not found; else found but not expected
    std::string file;
    std::uint32_t line = 0;
    std::string rule;
    std::string message;  // the finding's, for an unexpected one
};

// The findings the expectations lack, and the expectations no finding meets, in file and line
// order.
std::vector<Mismatch> compare_expectations(const Expectations& expected,
                                           const std::vector<Finding>& findings);

// "  missing:    FILE:LINE ID" / "  unexpected: FILE:LINE ID MESSAGE"
std::string describe(const Mismatch& m);

}  // namespace stacklint
