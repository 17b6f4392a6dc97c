// Per-stack memoisation for work several rules share (the schema validation S003-S011 all
// report from, for one).
#pragma once

#include <memory>
#include <mutex>
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

// The value stored under `key` for the whole set, computing it with `compute()` the first
// time; thread-safe (template rules of different stacks run at once). For work that looks at
// every stack of a set, which each stack's rules would otherwise repeat: the storage stacks
// of each app (R002, R004, R005, R007).
template <typename T, typename Compute>
const T& memoized(const LintSet& set, std::string_view key, Compute compute) {
    const std::lock_guard<std::mutex> lock(set.memo->mutex);
    auto it = set.memo->values.find(key);
    if (it == set.memo->values.end()) {
        it = set.memo->values.emplace(std::string(key), std::make_shared<const T>(compute())).first;
    }
    return *static_cast<const T*>(it->second.get());
}

}  // namespace stacklint
