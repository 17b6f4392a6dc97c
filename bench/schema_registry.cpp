// bench_registry [JSONL_FILE]
//
// Times the lazy schema registry on the shipped data: construction, 1,000
// find() calls on distinct random types cold (search + decode) and warm
// (cache hits), and 1,000 misses (binary search only). Fixed seed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schema/registry.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "schemas/cfn-resource-types.jsonl";
    try {
        auto start = Clock::now();
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        if (!in.is_open()) throw std::runtime_error(std::string(path) + ": cannot open");
        std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
        in.seekg(0);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!in) throw std::runtime_error(std::string(path) + ": cannot read");
        const double read_ms = ms_since(start);

        start = Clock::now();
        const stacklint::schema::Registry registry{std::string_view(bytes)};
        const double construct_ms = ms_since(start);

        start = Clock::now();
        std::vector<std::string_view> names = registry.type_names();
        const double scan_ms = ms_since(start);
        if (names.size() < 1000) {
            std::fprintf(stderr, "bench_registry: need at least 1000 types, have %zu\n",
                         names.size());
            return 1;
        }
        std::mt19937 rng(12345);
        std::shuffle(names.begin(), names.end(), rng);
        names.resize(1000);

        std::vector<std::string> misses;
        for (std::string_view name : names)
            misses.push_back(std::string(name) + "X");

        start = Clock::now();
        std::size_t found = 0;
        for (const std::string& name : misses)
            found += registry.find(name) != nullptr;
        const double miss_ms = ms_since(start);

        start = Clock::now();
        for (std::string_view name : names)
            found += registry.find(name) != nullptr;
        const double cold_ms = ms_since(start);

        start = Clock::now();
        for (std::string_view name : names)
            found += registry.find(name) != nullptr;
        const double warm_ms = ms_since(start);

        std::printf("data: %s, %zu bytes, read in %.2f ms\n", path, registry.size_bytes(), read_ms);
        std::printf("construct: %.6f ms\n", construct_ms);
        std::printf("type_names() scan: %.2f ms\n", scan_ms);
        std::printf("1000 misses (search only): %.2f ms (%.2f us each)\n", miss_ms, miss_ms);
        std::printf("1000 distinct finds, cold (search + decode): %.2f ms (%.1f us each)\n",
                    cold_ms, cold_ms);
        std::printf("1000 finds, warm (cached): %.3f ms (%.3f us each)\n", warm_ms, warm_ms);
        std::printf("found %zu of 2000, cached %zu\n", found, registry.cached_count());
        return found == 2000 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_registry: error: %s\n", e.what());
        return 1;
    }
}
