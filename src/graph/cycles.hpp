// Cycles in a small directed graph, found without recursion so that no template can exhaust
// the stack however long its chains of references are.
#pragma once

#include <cstddef>
#include <vector>

namespace stacklint {

// Nodes are 0..n-1; `next[v]` lists the nodes v points to (duplicates allowed).
using Adjacency = std::vector<std::vector<std::size_t>>;

// The strongly connected component of each node (iterative Tarjan). Two nodes share an id
// exactly when each can reach the other; ids are otherwise arbitrary.
std::vector<std::size_t> strongly_connected_components(const Adjacency& next);

struct CycleSearch {
    // Each elementary cycle once, as its nodes in order starting with its smallest node (the
    // path closes back to the first node). Ordered by that smallest node.
    std::vector<std::vector<std::size_t>> cycles;
    bool truncated = false;  // more cycles exist than `max_cycles`
};

// Johnson's algorithm, iterative. Stops after `max_cycles` cycles: a dense tangle can hold
// exponentially many, and a person needs only the first few to start untangling it.
CycleSearch find_cycles(const Adjacency& next, std::size_t max_cycles);

}  // namespace stacklint
