// Small text helpers shared by rules and reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stacklint {

// Levenshtein distance, stopping early once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `word` when it is plausibly a typo of it (a distance of at most a
// third of the word's length, at least 1; case differences count as small), else empty.
std::string_view closest_match(std::string_view word,
                               const std::vector<std::string_view>& candidates);

// closest_match, but only when no other candidate is as close: the one clear correction a fix
// may apply. Empty otherwise.
std::string_view unique_closest_match(std::string_view word,
                                      const std::vector<std::string_view>& candidates);

// " (did you mean 'X'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

bool iequals(std::string_view a, std::string_view b);

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlong forms,
// surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// The code point of one valid UTF-8 sequence (as utf8_sequence_length measures it).
char32_t utf8_code_point(std::string_view sequence);

// One code point as it is safe to print on a terminal: a control character (C0 but tab, DEL,
// C1), which could drive the terminal or break the line, becomes '?'; so does a byte that is
// not valid UTF-8. A tab stays a tab.
std::string printable_code_point(std::string_view sequence);

// A string as it is safe to print inside one line of output: every code point through
// printable_code_point, so that no character from a template can end the line, move the
// cursor or change colours.
std::string printable_text(std::string_view s);

}  // namespace stacklint
