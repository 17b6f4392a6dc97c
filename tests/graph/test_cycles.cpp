#include <catch2/catch.hpp>

#include <algorithm>

#include "graph/cycles.hpp"

using namespace stacklint;

TEST_CASE("Cycles: components of a graph") {
    // 0 <-> 1, 2 -> 0, 3 alone, 4 -> 4
    const Adjacency next = {{1}, {0}, {0}, {}, {4}};
    const auto c = strongly_connected_components(next);
    CHECK(c[0] == c[1]);
    CHECK(c[2] != c[0]);
    CHECK(c[3] != c[0]);
    CHECK(c[4] != c[3]);
}

TEST_CASE("Cycles: none in a DAG") {
    const Adjacency next = {{1, 2}, {2}, {}};
    const CycleSearch s = find_cycles(next, 100);
    CHECK(s.cycles.empty());
    CHECK_FALSE(s.truncated);
}

TEST_CASE("Cycles: each elementary cycle once, from its smallest node") {
    // 0 -> 1 -> 2 -> 0 and 1 -> 0, plus a self-loop on 3 and duplicates
    const Adjacency next = {{1, 1}, {2, 0}, {0}, {3, 3}};
    const CycleSearch s = find_cycles(next, 100);
    REQUIRE(s.cycles.size() == 3);
    CHECK(std::count(s.cycles.begin(), s.cycles.end(), std::vector<std::size_t>{0, 1}) == 1);
    CHECK(std::count(s.cycles.begin(), s.cycles.end(), std::vector<std::size_t>{0, 1, 2}) == 1);
    CHECK(s.cycles.back() == std::vector<std::size_t>{3});
}

TEST_CASE("Cycles: the complete graph on 5 nodes has 84 elementary cycles") {
    // sum over k=2..5 of C(5,k) * (k-1)! = 10 + 20 + 30 + 24
    Adjacency next(5);
    for (std::size_t i = 0; i < 5; ++i) {
        for (std::size_t j = 0; j < 5; ++j) {
            if (i != j) next[i].push_back(j);
        }
    }
    const CycleSearch s = find_cycles(next, 1000);
    CHECK(s.cycles.size() == 84);
    for (const auto& c : s.cycles)
        CHECK(*std::min_element(c.begin(), c.end()) == c.front());
    const CycleSearch capped = find_cycles(next, 10);
    CHECK(capped.cycles.size() == 10);
    CHECK(capped.truncated);
}

TEST_CASE("Cycles: a chain of 200,000 nodes closing on itself needs no recursion") {
    const std::size_t n = 200'000;
    Adjacency next(n);
    for (std::size_t i = 0; i < n; ++i)
        next[i].push_back((i + 1) % n);
    const CycleSearch s = find_cycles(next, 10);
    REQUIRE(s.cycles.size() == 1);
    CHECK(s.cycles[0].size() == n);
    CHECK(s.cycles[0].front() == 0);
    CHECK(s.cycles[0].back() == n - 1);
}
