// A depth-first walk over a template's tree that keeps each node's property path.
#pragma once

#include <functional>
#include <string>

#include "load/node.hpp"

namespace stacklint {

// Calls `visit(node, path)` for `node` and every node below it, parents first, in document
// order; `path` is the property path of each ("Resources/Fn/Properties/Code/Fn::Sub/0").
// `visit` returns false to skip the node's children. The recursion is bounded by the loader's
// nesting limit.
using NodeVisitor = std::function<bool(const Node& node, const std::string& path)>;
void walk_nodes(const Node& node, std::string path, const NodeVisitor& visit);

}  // namespace stacklint
