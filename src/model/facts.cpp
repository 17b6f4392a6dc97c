#include "model/facts.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "model/values.hpp"

#include "core/embed.hpp"

STACKLINT_EMBED_TEXT(stacklint_stateful_types, "stateful-types.txt")
STACKLINT_EMBED_TEXT(stacklint_slow_types, "slow-to-create-types.txt")
STACKLINT_EMBED_TEXT(stacklint_compute_types, "stateless-compute-types.txt")

namespace stacklint {

namespace {

// One entry per non-blank line, comments ('#' to the end of the line) and blanks trimmed.
std::vector<std::string> parse_list(const char* begin, const char* end) {
    std::vector<std::string> out;
    std::string_view text(begin, static_cast<std::size_t>(end - begin));
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        line = line.substr(0, line.find('#'));
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos) continue;
        const std::size_t last = line.find_last_not_of(" \t\r");
        out.emplace_back(line.substr(first, last - first + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool contains(const std::vector<std::string>& sorted, std::string_view type) {
    return std::binary_search(sorted.begin(), sorted.end(), type,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

}  // namespace

bool is_stateful_type(std::string_view type) {
    static const std::vector<std::string> list =
        parse_list(stacklint_stateful_types_begin, stacklint_stateful_types_end);
    return contains(list, type);
}

std::optional<bool> is_cluster_member(const Resource& resource) {
    if (resource.type_name != "AWS::RDS::DBInstance") return false;
    const Node* cluster = resource.property("DBClusterIdentifier");
    if (cluster == nullptr) return false;
    const PossibleValues ids = possible_values(*cluster);
    // A function other than Fn::If (a Ref to a parameter, an import) always gives a value.
    const bool always_unset = !ids.unknown && ids.all([](const Node* v) { return v == nullptr; });
    const bool always_set = std::none_of(ids.values.begin(), ids.values.end(),
                                         [](const Node* v) { return v == nullptr; });
    if (always_unset) return false;
    if (always_set) return true;
    return std::nullopt;
}

bool holds_state(const Resource& resource) {
    return is_stateful_type(resource.type_name) && is_cluster_member(resource) == false;
}

bool is_slow_to_create_type(std::string_view type) {
    static const std::vector<std::string> list =
        parse_list(stacklint_slow_types_begin, stacklint_slow_types_end);
    return contains(list, type);
}

bool is_stateless_compute_type(std::string_view type) {
    static const std::vector<std::string> list =
        parse_list(stacklint_compute_types_begin, stacklint_compute_types_end);
    return contains(list, type);
}

std::optional<std::string_view> default_deletion_policy(const Resource& resource) {
    if (resource.type_name == "AWS::RDS::DBCluster") return "Snapshot";
    if (resource.type_name == "AWS::RDS::DBInstance") {
        const std::optional<bool> member = is_cluster_member(resource);
        if (!member) return std::nullopt;
        return *member ? "Delete" : "Snapshot";
    }
    return "Delete";
}

std::optional<std::string_view> effective_deletion_policy(const Resource& resource) {
    if (resource.deletion_policy == nullptr) return default_deletion_policy(resource);
    const PossibleValues values = possible_values(resource.deletion_policy->value);
    if (values.unknown || values.values.empty()) return std::nullopt;
    std::optional<std::string_view> common;
    for (const Node* v : values.values) {
        if (v != nullptr && !v->is_scalar()) return std::nullopt;
        const std::optional<std::string_view> policy =
            v == nullptr ? default_deletion_policy(resource) : std::string_view(v->text());
        if (!policy || (common && *common != *policy)) return std::nullopt;
        // An invalid value is T008's to report; what CloudFormation would do is unknown.
        if (*policy != "Delete" && *policy != "Snapshot" && !is_retain_policy(*policy)) {
            return std::nullopt;
        }
        common = policy;
    }
    return common;
}

bool is_retain_policy(std::string_view policy) {
    return policy == "Retain" || policy == "RetainExceptOnCreate";
}

}  // namespace stacklint
