// Fixes as text edits: what a rule proposes to change, as byte ranges of the file it read.
//
// A fix never re-serialises a document. It replaces a few bytes of the original text, so
// comments, quoting, key order, indentation, flow or block style, line breaks and a BOM stay
// as they were everywhere else (src/fix/ builds the edits and applies them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stacklint {

// Replaces `length` bytes at byte `offset` of the original text with `text`. An insertion
// has length 0.
struct TextEdit {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string text;
    // Where the replaced range starts and ends (exclusive) as 1-based line and code-point
    // column, for reports (SARIF, JSON); filled in when a finding is made.
    std::uint32_t start_line = 0;
    std::uint32_t start_column = 0;
    std::uint32_t end_line = 0;
    std::uint32_t end_column = 0;

    std::size_t end() const { return offset + length; }
    friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

// Whether applying a fix leaves what gets deployed as the author meant it (a misspelt key
// corrected, a repeated entry removed: `Safe`), or changes it (a retention policy added,
// deletion protection turned on: `Unsafe`, applied only with --unsafe-fixes).
enum class FixSafety { Safe, Unsafe };

std::string_view safety_name(FixSafety safety);  // "safe", "unsafe"

struct Fix {
    FixSafety safety = FixSafety::Safe;
    std::string description;      // what applying it does: "remove the repeated 'Listener'"
    std::vector<TextEdit> edits;  // sorted by offset, none overlapping
};

// Whether two edits touch the same bytes. Two insertions at one offset overlap too (their
// order would be arbitrary), and so does an insertion at either end of a replaced range.
bool edits_overlap(const TextEdit& a, const TextEdit& b);

// `text` with `edits` applied. The edits must be sorted by offset, must not overlap, and must
// lie inside the text (checked: returns false and leaves `out` alone otherwise).
bool apply_edits(std::string_view text, const std::vector<TextEdit>& edits, std::string& out);

}  // namespace stacklint
