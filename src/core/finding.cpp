#include "core/finding.hpp"

#include <tuple>

namespace stacklint {

std::string Finding::fingerprint() const {
    std::string fp = rule;
    for (const std::string* part : {&stack, &resource, &path}) {
        fp += '|';
        fp += *part;
    }
    return fp;
}

std::optional<SourceRef> parse_source_ref(std::string_view text) {
    std::uint32_t numbers[2] = {0, 0};
    for (int i = 1; i >= 0; --i) {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos || colon + 1 == text.size()) return std::nullopt;
        std::uint32_t n = 0;
        for (char c : text.substr(colon + 1)) {
            if (c < '0' || c > '9' || n > 100'000'000) return std::nullopt;
            n = n * 10 + static_cast<std::uint32_t>(c - '0');
        }
        numbers[i] = n;
        text = text.substr(0, colon);
    }
    if (text.empty() || numbers[0] == 0) return std::nullopt;
    return SourceRef{std::string(text), numbers[0], numbers[1]};
}

bool finding_order(const Finding& a, const Finding& b) {
    return std::tie(a.file, a.mark, a.rule, a.message, a.stack, a.resource, a.path) <
           std::tie(b.file, b.mark, b.rule, b.message, b.stack, b.resource, b.path);
}

}  // namespace stacklint
