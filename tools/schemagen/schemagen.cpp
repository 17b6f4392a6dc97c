// schemagen INPUT_DIR OUTPUT_FILE
//
// Reduces the raw CloudFormation resource provider schemas in INPUT_DIR to
// the one-line-per-type JSONL file that stacklint ships. See schemas/README.md.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "schemagen/reduce.hpp"

namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
    // Write beside the target, then rename, so a failed run leaves the old file.
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out.is_open()) throw std::runtime_error(tmp.string() + ": cannot open for writing");
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) throw std::runtime_error(tmp.string() + ": write failed");
    }
    std::filesystem::rename(tmp, path);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: schemagen INPUT_DIR OUTPUT_FILE\n");
        return 2;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        stacklint::schema::ReduceStats stats;
        const std::string jsonl = stacklint::schema::reduce_schemas(argv[1], &stats);
        write_file(argv[2], jsonl);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
        std::printf(
            "schemagen: %zu types, %zu with physicalNameProperty, %zu unreferenced definitions "
            "dropped; wrote %zu bytes to %s in %lld ms\n",
            stats.types, stats.physical_names, stats.dropped_definitions, jsonl.size(), argv[2],
            static_cast<long long>(ms));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "schemagen: error: %s\n", e.what());
        return 1;
    }
}
