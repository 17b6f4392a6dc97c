#include "model/values.hpp"

namespace stacklint {

namespace {

void collect(const Node& node, PossibleValues& out) {
    const std::string_view fn = node.intrinsic_name();
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
