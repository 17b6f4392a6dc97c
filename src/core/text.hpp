// Small text helpers shared by rules.
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

// " (did you mean 'X'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

bool iequals(std::string_view a, std::string_view b);

}  // namespace stacklint
