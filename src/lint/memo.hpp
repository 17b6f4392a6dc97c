// Per-stack memoisation for work several rules share (the schema validation S003-S011 all
// report from, for one).
#pragma once

#include <memory>
#include <string_view>

#include "model/stack.hpp"

namespace stacklint {

// The value stored under `key` for `stack`, computing it with `compute()` the first time.
// Not thread-safe on its own: the pipeline never runs two rules of one stack at once.
template <typename T, typename Compute>
const T& memoized(const Stack& stack, std::string_view key, Compute compute) {
    auto it = stack.memo.find(key);
    if (it == stack.memo.end()) {
        it = stack.memo.emplace(std::string(key), std::make_shared<const T>(compute())).first;
    }
    return *static_cast<const T*>(it->second.get());
}

}  // namespace stacklint
