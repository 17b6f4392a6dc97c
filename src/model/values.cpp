#include "model/values.hpp"

#include <algorithm>

namespace stacklint {

namespace {

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

PossibleValues possible_values(const Node& node) {
    PossibleValues out;
    collect(node, out);
    return out;
}

}  // namespace stacklint
