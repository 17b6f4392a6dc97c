#include "core/glob.hpp"

#include <vector>

namespace stacklint {

namespace {

// `[...]` at pattern[p] (p points at '['): sets `matched` and returns the index after ']', or
// npos when the set is not closed (the '[' is then an ordinary character).
std::size_t match_set(std::string_view pattern, std::size_t p, char c, bool& matched) {
    std::size_t i = p + 1;
    bool negate = false;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
        negate = true;
        ++i;
    }
    bool hit = false;
    bool first = true;
    for (; i < pattern.size(); ++i) {
        if (pattern[i] == ']' && !first) {
            matched = hit != negate;
            return i + 1;
        }
        first = false;
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            if (pattern[i] <= c && c <= pattern[i + 2]) hit = true;
            i += 2;
        } else if (pattern[i] == c) {
            hit = true;
        }
    }
    return std::string_view::npos;
}

// Iterative matching with one backtracking point for the last '*' (the classic linear
// algorithm): no recursion, so a hostile pattern cannot blow the stack.
bool match_segment(std::string_view pattern, std::string_view text) {
    std::size_t p = 0, t = 0;
    std::size_t star_p = std::string_view::npos, star_t = 0;
    while (t < text.size()) {
        if (p < pattern.size()) {
            const char pc = pattern[p];
            if (pc == '*') {
                star_p = p++;
                star_t = t;
                continue;
            }
            if (pc == '?') {
                ++p;
                ++t;
                continue;
            }
            if (pc == '[') {
                bool matched = false;
                const std::size_t next = match_set(pattern, p, text[t], matched);
                if (next != std::string_view::npos) {
                    if (matched) {
                        p = next;
                        ++t;
                        continue;
                    }
                } else if (text[t] == '[') {
                    ++p;
                    ++t;
                    continue;
                }
            } else if (pc == text[t]) {
                ++p;
                ++t;
                continue;
            }
        }
        if (star_p == std::string_view::npos) return false;
        p = star_p + 1;
        t = ++star_t;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::vector<std::string_view> split_path(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('/', start);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view seg = s.substr(start, end - start);
        if (!seg.empty() && seg != ".") out.push_back(seg);
        start = end + 1;
    }
    return out;
}

// Segment-wise match where "**" spans any number of segments. `prefix` allows the pattern to
// match only a leading part of the path (the directory case). Dynamic programming over
// (pattern segment, path segment): quadratic at worst, never exponential.
bool match_segments(const std::vector<std::string_view>& pat,
                    const std::vector<std::string_view>& path, bool prefix) {
    const std::size_t np = pat.size(), nt = path.size();
    // reach[j]: pattern segments so far can consume exactly the first j path segments.
    std::vector<char> reach(nt + 1, 0), next(nt + 1, 0);
    reach[0] = 1;
    for (std::size_t i = 0; i < np; ++i) {
        std::fill(next.begin(), next.end(), 0);
        if (pat[i] == "**") {
            bool any = false;
            for (std::size_t j = 0; j <= nt; ++j) {
                any = any || reach[j];
                next[j] = any;
            }
        } else {
            for (std::size_t j = 0; j < nt; ++j) {
                if (reach[j] && match_segment(pat[i], path[j])) next[j + 1] = 1;
            }
        }
        std::swap(reach, next);
    }
    if (reach[nt]) return true;
    if (!prefix) return false;
    for (std::size_t j = 1; j < nt; ++j) {
        if (reach[j]) return true;
    }
    return false;
}

}  // namespace

bool match_glob(std::string_view pattern, std::string_view name) {
    return match_segment(pattern, name);
}

bool match_path_glob(std::string_view pattern, std::string_view path) {
    std::vector<std::string_view> pat = split_path(pattern);
    const std::vector<std::string_view> segments = split_path(path);
    if (pat.empty()) return false;
    if (pattern.find('/') == std::string_view::npos) pat.insert(pat.begin(), "**");
    return match_segments(pat, segments, true);
}

}  // namespace stacklint
