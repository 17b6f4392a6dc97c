#include "graph/cycles.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <queue>

namespace stacklint {

namespace {

constexpr std::size_t kUnset = std::numeric_limits<std::size_t>::max();

// Tarjan's algorithm over the nodes `allowed` admits, from each root in `roots` that has not
// been visited yet. `component` receives an id per visited node.
template <typename Allowed>
void tarjan(const Adjacency& next, const std::vector<std::size_t>& roots, Allowed allowed,
            std::vector<std::size_t>& component) {
    const std::size_t n = next.size();
    std::vector<std::size_t> index(n, kUnset);
    std::vector<std::size_t> low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> stack;
    struct Frame {
        std::size_t node;
        std::size_t edge;
    };
    std::vector<Frame> calls;
    std::size_t counter = 0;
    std::size_t components = 0;

    auto visit = [&](std::size_t v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
        calls.push_back(Frame{v, 0});
    };
    for (std::size_t root : roots) {
        if (index[root] != kUnset || !allowed(root)) continue;
        visit(root);
        while (!calls.empty()) {
            Frame& f = calls.back();
            const std::size_t u = f.node;
            if (f.edge < next[u].size()) {
                const std::size_t w = next[u][f.edge++];
                if (w >= n || !allowed(w)) continue;
                if (index[w] == kUnset) {
                    visit(w);  // invalidates `f`
                } else if (on_stack[w]) {
                    low[u] = std::min(low[u], index[w]);
                }
                continue;
            }
            if (low[u] == index[u]) {
                std::size_t w = kUnset;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    component[w] = components;
                } while (w != u);
                ++components;
            }
            calls.pop_back();
            if (!calls.empty()) {
                const std::size_t parent = calls.back().node;
                low[parent] = std::min(low[parent], low[u]);
            }
        }
    }
}

bool has_self_loop(const Adjacency& next, std::size_t v) {
    return std::find(next[v].begin(), next[v].end(), v) != next[v].end();
}

}  // namespace

std::vector<std::size_t> strongly_connected_components(const Adjacency& next) {
    std::vector<std::size_t> component(next.size(), kUnset);
    std::vector<std::size_t> roots(next.size());
    for (std::size_t i = 0; i < roots.size(); ++i)
        roots[i] = i;
    tarjan(
        next, roots, [](std::size_t) { return true; }, component);
    return component;
}

CycleSearch find_cycles(const Adjacency& edges, std::size_t max_cycles) {
    CycleSearch out;
    // A repeated edge would report its cycles twice.
    Adjacency next = edges;
    for (auto& list : next) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    const std::size_t n = next.size();

    // Components that hold a cycle, smallest first node first. Each round takes the one
    // whose first node s is smallest, lists the cycles through s, removes s and splits the
    // rest into its components again. Every round finds at least one cycle, so the work is
    // bounded by the number of cycles listed, not by the size of the graph.
    using Component = std::vector<std::size_t>;  // ascending
    auto later = [](const Component& a, const Component& b) { return a.front() > b.front(); };
    std::priority_queue<Component, std::vector<Component>, decltype(later)> pending(later);
    std::vector<std::size_t> ids(n, kUnset);
    auto split = [&](const Component& nodes, const std::vector<bool>& allowed) {
        for (std::size_t v : nodes)
            ids[v] = kUnset;
        tarjan(
            next, nodes, [&](std::size_t v) { return allowed[v]; }, ids);
        std::map<std::size_t, Component> groups;
        for (std::size_t v : nodes)
            groups[ids[v]].push_back(v);
        for (auto& [id, group] : groups) {
            if (group.size() > 1 || has_self_loop(next, group.front())) {
                pending.push(std::move(group));
            }
        }
    };

    std::vector<bool> member(n, false);
    {
        Component all(n);
        for (std::size_t i = 0; i < n; ++i)
            all[i] = i;
        split(all, std::vector<bool>(n, true));
    }

    std::vector<bool> blocked(n, false);
    std::vector<std::vector<std::size_t>> blocked_by(n);  // Johnson's B lists
    std::vector<std::size_t> path;
    struct Frame {
        std::size_t node;
        std::size_t edge;
        bool found;
    };
    std::vector<Frame> calls;
    std::vector<std::size_t> work;

    auto unblock = [&](std::size_t u) {
        work.assign(1, u);
        while (!work.empty()) {
            const std::size_t x = work.back();
            work.pop_back();
            if (!blocked[x]) continue;
            blocked[x] = false;
            for (std::size_t y : blocked_by[x])
                work.push_back(y);
            blocked_by[x].clear();
        }
    };

    while (!pending.empty()) {
        Component component = pending.top();
        pending.pop();
        const std::size_t s = component.front();
        for (std::size_t v : component) {
            member[v] = true;
            blocked[v] = false;
            blocked_by[v].clear();
        }
        blocked[s] = true;
        path.assign(1, s);
        calls.assign(1, Frame{s, 0, false});
        while (!calls.empty()) {
            Frame& f = calls.back();
            const std::size_t v = f.node;
            if (f.edge < next[v].size()) {
                const std::size_t w = next[v][f.edge++];
                if (w >= n || !member[w]) continue;
                if (w == s) {
                    f.found = true;
                    if (out.cycles.size() == max_cycles) {
                        out.truncated = true;
                        return out;
                    }
                    out.cycles.push_back(path);
                } else if (!blocked[w]) {
                    blocked[w] = true;
                    path.push_back(w);
                    calls.push_back(Frame{w, 0, false});  // invalidates `f`
                }
                continue;
            }
            const bool found = f.found;
            if (found) {
                unblock(v);
            } else {
                for (std::size_t w : next[v]) {
                    if (w >= n || !member[w]) continue;
                    auto& list = blocked_by[w];
                    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
                }
            }
            calls.pop_back();
            path.pop_back();
            if (!calls.empty() && found) calls.back().found = true;
        }
        member[s] = false;
        component.erase(component.begin());
        split(component, member);
        for (std::size_t v : component)
            member[v] = false;
    }
    return out;
}

}  // namespace stacklint
