#include "fix/diff.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace stacklint::fix {

namespace {

// Lines with their line breaks, so that a changed line break is a changed line.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            lines.push_back(text.substr(start, i + 1 - start));
            start = i + 1;
        }
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

enum class Op { Keep, Remove, Add };

struct Step {
    Op op;
    std::size_t line;  // in `before` for Keep and Remove, in `after` for Add
};

// Myers' O((N+M)D) shortest edit script between a[lo_a, hi_a) and b[lo_b, hi_b). Fixes change
// a few lines of a file, so D is small; past `kMaxD` the middle is replaced as a whole.
void diff_middle(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                 std::size_t lo_a, std::size_t hi_a, std::size_t lo_b, std::size_t hi_b,
                 std::vector<Step>& out) {
    const auto n = static_cast<std::ptrdiff_t>(hi_a - lo_a);
    const auto m = static_cast<std::ptrdiff_t>(hi_b - lo_b);
    constexpr std::ptrdiff_t kMaxD = 2000;
    const std::ptrdiff_t max_d = std::min(n + m, kMaxD);
    const std::ptrdiff_t offset = max_d + 1;
    std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * offset + 1), 0);
    std::vector<std::vector<std::ptrdiff_t>> trace;
    const auto eq = [&](std::ptrdiff_t x, std::ptrdiff_t y) {
        return a[lo_a + static_cast<std::size_t>(x)] == b[lo_b + static_cast<std::size_t>(y)];
    };
    std::ptrdiff_t found = -1;
    for (std::ptrdiff_t d = 0; d <= max_d && found < 0; ++d) {
        trace.push_back(v);
        for (std::ptrdiff_t k = -d; k <= d; k += 2) {
            const auto at = [&](std::ptrdiff_t kk) -> std::ptrdiff_t& {
                return v[static_cast<std::size_t>(kk + offset)];
            };
            std::ptrdiff_t x =
                (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
            std::ptrdiff_t y = x - k;
            while (x < n && y < m && eq(x, y)) {
                ++x;
                ++y;
            }
            at(k) = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) {
        for (std::size_t i = lo_a; i < hi_a; ++i)
            out.push_back({Op::Remove, i});
        for (std::size_t j = lo_b; j < hi_b; ++j)
            out.push_back({Op::Add, j});
        return;
    }
    // Walk back through the trace.
    std::vector<Step> steps;
    std::ptrdiff_t x = n;
    std::ptrdiff_t y = m;
    for (std::ptrdiff_t d = found; d > 0; --d) {
        const std::vector<std::ptrdiff_t>& pv = trace[static_cast<std::size_t>(d)];
        const auto at = [&](std::ptrdiff_t kk) {
            return pv[static_cast<std::size_t>(kk + offset)];
        };
        const std::ptrdiff_t k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const std::ptrdiff_t pk = down ? k + 1 : k - 1;
        const std::ptrdiff_t px = at(pk);
        const std::ptrdiff_t py = px - pk;
        // The edit leads from (px, py) to (mid_x, mid_y); a run of equal lines follows.
        const std::ptrdiff_t mid_x = down ? px : px + 1;
        const std::ptrdiff_t mid_y = down ? py + 1 : py;
        while (x > mid_x && y > mid_y) {
            --x;
            --y;
            steps.push_back({Op::Keep, lo_a + static_cast<std::size_t>(x)});
        }
        if (down) {
            steps.push_back({Op::Add, lo_b + static_cast<std::size_t>(py)});
        } else {
            steps.push_back({Op::Remove, lo_a + static_cast<std::size_t>(px)});
        }
        x = px;
        y = py;
    }
    while (x > 0 && y > 0) {
        --x;
        --y;
        steps.push_back({Op::Keep, lo_a + static_cast<std::size_t>(x)});
    }
    std::reverse(steps.begin(), steps.end());
    out.insert(out.end(), steps.begin(), steps.end());
}

void append_line(std::string& out, char mark, std::string_view line) {
    out += mark;
    std::string_view body = line;
    bool ends = false;
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) {
        body.remove_suffix(1);
        ends = true;
    }
    out.append(body);
    out += '\n';
    if (!ends) out += "\\ No newline at end of file\n";
}

std::string range(std::size_t start, std::size_t count) {
    // A hunk that adds to an empty range names the line before it.
    const std::size_t first = count == 0 ? start : start + 1;
    return std::to_string(first) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         std::size_t context) {
    if (before == after) return {};
    const std::vector<std::string_view> a = split_lines(before);
    const std::vector<std::string_view> b = split_lines(after);
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    std::vector<Step> steps;
    for (std::size_t i = 0; i < prefix; ++i)
        steps.push_back({Op::Keep, i});
    diff_middle(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, steps);
    for (std::size_t i = a.size() - suffix; i < a.size(); ++i)
        steps.push_back({Op::Keep, i});

    // Line numbers in both files at each step.
    std::vector<std::size_t> pos_a(steps.size() + 1);
    std::vector<std::size_t> pos_b(steps.size() + 1);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        pos_a[i + 1] = pos_a[i] + (steps[i].op != Op::Add ? 1 : 0);
        pos_b[i + 1] = pos_b[i] + (steps[i].op != Op::Remove ? 1 : 0);
    }
    // A path outside the working directory is absolute: no a/ and b/ prefixes then.
    const bool absolute = name.starts_with('/');
    std::string out = (absolute ? "--- " : "--- a/") + std::string(name) + "\n" +
                      (absolute ? "+++ " : "+++ b/") + std::string(name) + "\n";
    std::size_t i = 0;
    while (i < steps.size()) {
        if (steps[i].op == Op::Keep) {
            ++i;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` after the last change
        // that is within 2 * context lines of the next.
        const std::size_t start = i >= context ? i - context : 0;
        std::size_t end = i;
        std::size_t last_change = i;
        for (std::size_t j = i; j < steps.size(); ++j) {
            if (steps[j].op != Op::Keep) {
                last_change = j;
            } else if (j - last_change > 2 * context) {
                break;
            }
        }
        end = std::min(steps.size(), last_change + context + 1);
        out += "@@ -" + range(pos_a[start], pos_a[end] - pos_a[start]) + " +" +
               range(pos_b[start], pos_b[end] - pos_b[start]) + " @@\n";
        for (std::size_t j = start; j < end; ++j) {
            const Step& s = steps[j];
            if (s.op == Op::Keep) append_line(out, ' ', a[s.line]);
            if (s.op == Op::Remove) append_line(out, '-', a[s.line]);
            if (s.op == Op::Add) append_line(out, '+', b[s.line]);
        }
        i = end;
    }
    return out;
}

}  // namespace stacklint::fix
