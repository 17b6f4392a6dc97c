#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <utility>

namespace stacklint {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (diff > limit) return limit + 1;
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

namespace {
// The closest candidate, and whether another one is as close.
std::pair<std::string_view, bool> closest(std::string_view word,
                                          const std::vector<std::string_view>& candidates) {
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::string_view best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    bool tie = false;
    for (std::string_view c : candidates) {
        if (c == word) continue;
        std::string lc(c);
        std::transform(lc.begin(), lc.end(), lc.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        // A difference only in case is the most likely typo of all.
        const std::size_t d = lc == lower ? 0 : edit_distance(lower, lc, limit);
        if (d <= limit && d < best_distance) {
            best = c;
            best_distance = d;
            tie = false;
        } else if (d <= limit && d == best_distance && c != best) {
            tie = true;
        }
    }
    return {best, tie};
}
}  // namespace

std::string_view closest_match(std::string_view word,
                               const std::vector<std::string_view>& candidates) {
    return closest(word, candidates).first;
}

std::string_view unique_closest_match(std::string_view word,
                                      const std::vector<std::string_view>& candidates) {
    const auto [best, tie] = closest(word, candidates);
    return tie ? std::string_view() : best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    const std::string_view m = closest_match(word, candidates);
    return m.empty() ? std::string() : " (did you mean '" + std::string(m) + "'?)";
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    const std::size_t left = s.size() - i;
    const auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

char32_t utf8_code_point(std::string_view sequence) {
    if (sequence.empty()) return 0;
    const auto b = [&](std::size_t k) { return static_cast<char32_t>(sequence[k]) & 0xFF; };
    switch (sequence.size()) {
        case 1:
            return b(0);
        case 2:
            return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
        case 3:
            return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
        default:
            return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
    }
}

std::string printable_code_point(std::string_view sequence) {
    if (sequence.empty()) return {};
    if (utf8_sequence_length(sequence, 0) != sequence.size()) return "?";
    const char32_t c = utf8_code_point(sequence);
    if ((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0)) return "?";
    return std::string(sequence);
}

std::string printable_text(std::string_view s) {
    // Printable ASCII, as nearly every name and message is, needs no look at code points.
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) {
        return std::string(s);
    }
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = std::max<std::size_t>(1, utf8_sequence_length(s, i));
        out += printable_code_point(s.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace stacklint
