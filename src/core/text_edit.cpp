#include "core/text_edit.hpp"

namespace stacklint {

std::string_view safety_name(FixSafety safety) {
    return safety == FixSafety::Safe ? "safe" : "unsafe";
}

bool edits_overlap(const TextEdit& a, const TextEdit& b) {
    // Touching ranges are fine unless one of them is an insertion at the shared point.
    if (a.length == 0 || b.length == 0) {
        return a.offset <= b.end() && b.offset <= a.end();
    }
    return a.offset < b.end() && b.offset < a.end();
}

bool apply_edits(std::string_view text, const std::vector<TextEdit>& edits, std::string& out) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const TextEdit& e = edits[i];
        if (e.offset < at || e.end() > text.size()) return false;
        if (i > 0 && edits_overlap(edits[i - 1], e)) return false;
        at = e.end();
    }
    std::string result;
    result.reserve(text.size());
    at = 0;
    for (const TextEdit& e : edits) {
        result.append(text.substr(at, e.offset - at));
        result.append(e.text);
        at = e.end();
    }
    result.append(text.substr(at));
    out = std::move(result);
    return true;
}

}  // namespace stacklint
