#include "graph/walk.hpp"

namespace stacklint {

namespace {

void walk(const Node& node, std::string& path, const NodeVisitor& visit) {
    if (!visit(node, path)) return;
    const std::size_t length = path.size();
    if (node.is_sequence()) {
        for (std::size_t i = 0; i < node.items().size(); ++i) {
            path.append("/").append(std::to_string(i));
            walk(node.items()[i], path, visit);
            path.resize(length);
        }
    } else if (node.is_mapping()) {
        for (const Entry& e : node.entries()) {
            path.append("/").append(e.key);
            walk(e.value, path, visit);
            path.resize(length);
        }
    }
}

}  // namespace

void walk_nodes(const Node& node, std::string path, const NodeVisitor& visit) {
    walk(node, path, visit);
}

}  // namespace stacklint
