// The dependency graph of a stack drawn for people: Graphviz DOT, Mermaid, or JSON.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "model/stack.hpp"

namespace stacklint {

enum class GraphFormat { Dot, Mermaid, Json };

std::optional<GraphFormat> parse_graph_format(std::string_view name);

// Draws the resources of `stack` and what each waits for (Ref, GetAtt, Sub, DependsOn): an
// edge A -> B means A refers to B, so B is created first. Stateful resources are marked,
// edges on a circular dependency are red. Resources an Fn::ForEach loop generates appear
// once, under their key template. JSON carries that drawing (`nodes`, `edges`, `cycles`) and
// the whole reference graph (`reference_graph`): parameters, pseudo parameters, mappings,
// conditions, resources, loops, outputs and rules as nodes, and every Ref, GetAtt, Sub
// placeholder, DependsOn, Condition, FindInMap, ImportValue and Export as an edge with its
// line and column. The stack must have a template.
void render_graph(std::ostream& out, const Stack& stack, GraphFormat format);

}  // namespace stacklint
