// Checks shared by the fuzz targets: what must hold for any input, beyond "no crash". A
// violation aborts, so libFuzzer records the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "load/loader.hpp"

namespace stacklint::fuzz {

[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

inline void require(bool ok, const char* what) {
    if (!ok) fail(what);
}

// Every position the loader reports lies inside the file: findings must never point at a
// line that does not exist. Walks without recursion (the tree is at most 256 deep anyway).
inline void check_positions(const Document& doc) {
    const std::uint32_t lines = static_cast<std::uint32_t>(doc.source->line_count());
    const auto inside = [lines](Mark m) {
        return m.line >= 1 && m.line <= lines + 1 && m.column >= 1;
    };
    for (const Diagnostic& d : doc.diagnostics) {
        require(!d.message.empty(), "a diagnostic without a message");
        require(!d.mark.valid() || inside(d.mark), "a diagnostic outside the file");
    }
    if (!doc.root) return;
    std::vector<const Node*> work{&*doc.root};
    while (!work.empty()) {
        const Node* n = work.back();
        work.pop_back();
        require(inside(n->mark()), "a node outside the file");
        for (const Node& item : n->items())
            work.push_back(&item);
        for (const Entry& e : n->entries()) {
            require(inside(e.key_mark), "a key outside the file");
            require(n->find(e.key) != nullptr, "a key that lookup cannot find");
            work.push_back(&e.value);
        }
    }
}

}  // namespace stacklint::fuzz
