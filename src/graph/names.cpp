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

}  // namespace

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
