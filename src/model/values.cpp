#include "model/values.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace stacklint {

namespace {

// The arguments of a well-formed `Fn::If` ([condition name, then, else]), else nullptr.
const Node* if_arguments(const Node& node) {
    if (node.intrinsic_name() != "Fn::If") return nullptr;
    const Node& arg = *node.intrinsic_arg();
    if (!arg.is_sequence() || arg.items().size() != 3 || !arg.items()[0].is_scalar()) {
        return nullptr;
    }
    return &arg;
}

// Adds the condition names of the `Fn::If`s in `node` to `names` (each once) and returns
// whether the subtree holds anything to resolve: an `Fn::If` or an `AWS::NoValue`. Other
// functions are left as they are, so their arguments are not searched. Stops adding names
// past `limit`: the caller gives up then anyway.
bool find_conditionals(const Node& node, std::vector<std::string_view>& names, std::size_t limit) {
    if (const Node* args = if_arguments(node)) {
        const std::string_view name = args->items()[0].text();
        if (names.size() <= limit && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
        find_conditionals(args->items()[1], names, limit);
        find_conditionals(args->items()[2], names, limit);
        return true;
    }
    if (is_no_value(node)) return true;
    if (!node.intrinsic_name().empty()) return false;
    bool found = false;
    for (const Node& item : node.items())
        found = find_conditionals(item, names, limit) || found;
    for (const Entry& e : node.entries())
        found = find_conditionals(e.value, names, limit) || found;
    return found;
}

// `node` when condition `names[i]` is true exactly for the bits i set in `choice`;
// nullopt when it is absent (AWS::NoValue).
std::optional<Node> resolve(const Node& node, const std::vector<std::string_view>& names,
                            std::uint64_t choice) {
    if (const Node* args = if_arguments(node)) {
        const auto at = static_cast<std::size_t>(
            std::find(names.begin(), names.end(), args->items()[0].text()) - names.begin());
        if (at < names.size()) {
            const bool holds = ((choice >> at) & 1U) != 0;
            return resolve(args->items()[holds ? 1 : 2], names, choice);
        }
        return node;  // a condition the caller does not decide
    }
    if (is_no_value(node)) return std::nullopt;
    if (node.is_sequence()) {
        Node out = Node::sequence(node.mark());
        for (const Node& item : node.items()) {
            if (std::optional<Node> r = resolve(item, names, choice)) {
                out.items().push_back(std::move(*r));
            }
        }
        return out;
    }
    if (is_literal_mapping(node)) {
        Node out = Node::mapping(node.mark());
        for (const Entry& e : node.entries()) {
            if (std::optional<Node> r = resolve(e.value, names, choice)) {
                out.entries().push_back(Entry{e.key, e.key_mark, std::move(*r)});
            }
        }
        out.index_keys();
        return out;
    }
    return node;  // a scalar, a null, or a function that stays unknown
}

void collect(const Node& node, PossibleValues& out) {
    const std::string_view fn = node.intrinsic_name();
    if (fn.empty() && is_generated_mapping(node)) {
        out.unknown = true;  // its keys exist only once the loop is expanded
        return;
    }
    if (fn.empty()) {
        out.values.push_back(&node);
        return;
    }
    if (is_no_value(node)) {
        out.values.push_back(nullptr);
        return;
    }
    if (fn == "Fn::If") {
        const Node& arg = *node.intrinsic_arg();
        if (arg.is_sequence() && arg.items().size() == 3) {
            collect(arg.items()[1], out);
            collect(arg.items()[2], out);
            return;
        }
    }
    out.unknown = true;
}

}  // namespace

bool is_generated_mapping(const Node& node) {
    return node.is_mapping() &&
           std::any_of(node.entries().begin(), node.entries().end(),
                       [](const Entry& e) { return e.key.starts_with("Fn::ForEach::"); });
}

bool is_no_value(const Node& node) {
    if (node.intrinsic_name() != "Ref") return false;
    const Node* arg = node.intrinsic_arg();
    return arg->is_scalar() && arg->text() == "AWS::NoValue";
}

bool has_framework_variable(std::string_view text) {
    static constexpr std::array<std::string_view, 6> kPrefixes = {
        "self:", "opt:", "sls:", "file(", "cf:", "param:"};
    for (std::size_t at = text.find("${"); at != std::string_view::npos;
         at = text.find("${", at + 2)) {
        const std::string_view rest = text.substr(at + 2);
        for (std::string_view prefix : kPrefixes)
            if (rest.starts_with(prefix)) return true;
    }
    return false;
}

PossibleValues possible_values(const Node& node) {
    PossibleValues out;
    collect(node, out);
    return out;
}

bool is_literal_mapping(const Node& node) {
    return node.is_mapping() && node.intrinsic_name().empty();
}

std::vector<std::string_view> conditions_in(const Node& node, std::size_t limit, bool& overflow) {
    std::vector<std::string_view> names;
    find_conditionals(node, names, limit);
    overflow = names.size() > limit;
    if (overflow) names.resize(limit);
    return names;
}

std::optional<Node> resolve_conditions(const Node& node, const std::vector<std::string_view>& names,
                                       std::uint64_t choice) {
    return resolve(node, names, choice);
}

PossibleTrees possible_trees(const Node& node, std::size_t max_conditions) {
    PossibleTrees out;
    if (!node.intrinsic_name().empty() && if_arguments(node) == nullptr && !is_no_value(node)) {
        out.unknown = true;
        return out;
    }
    max_conditions = std::min<std::size_t>(max_conditions, 16);
    std::vector<std::string_view> names;
    if (!find_conditionals(node, names, max_conditions)) {
        out.values.push_back(&node);
        return out;
    }
    if (names.size() > max_conditions) {
        out.unknown = true;
        return out;
    }
    // From "every condition true" down to "every condition false", so the first candidate
    // is the one written first.
    const std::uint64_t choices = std::uint64_t{1} << names.size();
    for (std::uint64_t c = choices; c-- > 0;) {
        std::optional<Node> tree = resolve(node, names, c);
        if (!tree) {
            out.values.push_back(nullptr);
        } else if (!tree->intrinsic_name().empty()) {
            out.unknown = true;  // this branch is a function: its value cannot be known
        } else {
            out.owned.push_back(std::make_unique<const Node>(std::move(*tree)));
            out.values.push_back(out.owned.back().get());
        }
    }
    return out;
}

}  // namespace stacklint
