#include "graph/names.hpp"

#include <algorithm>

namespace stacklint {

const std::vector<std::string_view>& pseudo_parameters() {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
    static const std::vector<std::string_view> kNames = {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",   "AWS::Partition",
        "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};
    return kNames;
}

bool is_pseudo_parameter(std::string_view name) {
    const auto& names = pseudo_parameters();
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<SubVariable> sub_variables(std::string_view text) {
    std::vector<SubVariable> out;
    std::size_t at = 0;
    while ((at = text.find("${", at)) != std::string_view::npos) {
        if (at + 2 < text.size() && text[at + 2] == '!') {
            at += 3;  // `${!Literal}` writes `${Literal}`
            continue;
        }
        const std::size_t close = text.find('}', at + 2);
        if (close == std::string_view::npos) break;
        out.push_back(SubVariable{text.substr(at + 2, close - at - 2), at});
        at = close + 1;
    }
    return out;
}

bool is_templated_name(std::string_view name) {
    return name.find("${") != std::string_view::npos || name.find("&{") != std::string_view::npos;
}

namespace {

// Splits a loop key template into its literal pieces: `A${x}B&{y}` -> {"A", "B", ""}.
std::vector<std::string_view> literal_pieces(std::string_view pattern) {
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    std::size_t at = 0;
    while (at + 1 < pattern.size()) {
        if ((pattern[at] == '$' || pattern[at] == '&') && pattern[at + 1] == '{') {
            const std::size_t close = pattern.find('}', at + 2);
            if (close == std::string_view::npos) break;
            pieces.push_back(pattern.substr(start, at - start));
            start = at = close + 1;
            continue;
        }
        ++at;
    }
    pieces.push_back(pattern.substr(start));
    return pieces;
}

// One piece of a key template: literal text, or a `${Id}` / `&{Id}` placeholder.
struct Piece {
    std::string_view text;  // the literal text, or the identifier
    bool placeholder = false;
    bool alphanumeric_only = false;  // `&{Id}`
};

std::vector<Piece> pieces_of(std::string_view pattern) {
    std::vector<Piece> out;
    std::size_t start = 0;
    std::size_t at = 0;
    while (at + 1 < pattern.size()) {
        if ((pattern[at] == '$' || pattern[at] == '&') && pattern[at + 1] == '{') {
            const std::size_t close = pattern.find('}', at + 2);
            if (close == std::string_view::npos) break;
            if (at > start) out.push_back({pattern.substr(start, at - start)});
            out.push_back({pattern.substr(at + 2, close - at - 2), true, pattern[at] == '&'});
            start = at = close + 1;
            continue;
        }
        ++at;
    }
    if (start < pattern.size()) out.push_back({pattern.substr(start)});
    return out;
}

std::string alphanumeric(std::string_view value) {
    std::string out;
    for (char c : value) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
    }
    return out;
}

}  // namespace

std::optional<std::vector<std::string>> expand_name_template(std::string_view pattern,
                                                             const std::vector<LoopValues>& loops) {
    const std::vector<Piece> pieces = pieces_of(pattern);
    // Each placeholder's loop (the innermost with that identifier); loops used, in order.
    std::vector<std::size_t> loop_of(pieces.size(), 0);
    std::vector<std::size_t> used;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (!pieces[i].placeholder) continue;
        std::size_t l = loops.size();
        while (l > 0 && loops[l - 1].identifier != pieces[i].text)
            --l;
        if (l == 0 || !loops[l - 1].values) return std::nullopt;
        loop_of[i] = l - 1;
        if (std::find(used.begin(), used.end(), l - 1) == used.end()) used.push_back(l - 1);
    }
    std::size_t total = 1;
    for (std::size_t l : used) {
        const std::size_t n = loops[l].values->size();
        if (n == 0) return std::vector<std::string>{};
        if (total > kMaxGeneratedNames / n) return std::nullopt;
        total *= n;
    }
    // An odometer over the used loops' values: every combination once.
    std::vector<std::size_t> choice(loops.size(), 0);
    std::vector<std::string> out;
    out.reserve(total);
    for (std::size_t k = 0; k < total; ++k) {
        std::string name;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            if (!pieces[i].placeholder) {
                name.append(pieces[i].text);
                continue;
            }
            const std::string_view value = (*loops[loop_of[i]].values)[choice[loop_of[i]]];
            if (pieces[i].alphanumeric_only) {
                name.append(alphanumeric(value));
            } else {
                name.append(value);
            }
        }
        out.push_back(std::move(name));
        for (std::size_t u = used.size(); u-- > 0;) {
            const std::size_t l = used[u];
            if (++choice[l] < loops[l].values->size()) break;
            choice[l] = 0;
        }
    }
    return out;
}

bool matches_name_template(std::string_view pattern, std::string_view name) {
    const std::vector<std::string_view> pieces = literal_pieces(pattern);
    if (pieces.size() == 1) return pieces.front() == name;
    // The first piece is a prefix, the last a suffix, the middle ones appear in order:
    // leftmost matching of each middle piece is enough for `*` wildcards.
    const std::string_view first = pieces.front();
    const std::string_view last = pieces.back();
    if (name.size() < first.size() + last.size()) return false;
    if (!name.starts_with(first) || !name.ends_with(last)) return false;
    std::string_view rest = name.substr(first.size(), name.size() - first.size() - last.size());
    for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
        const std::size_t found = rest.find(pieces[i]);
        if (found == std::string_view::npos) return false;
        rest.remove_prefix(found + pieces[i].size());
    }
    return true;
}

}  // namespace stacklint
