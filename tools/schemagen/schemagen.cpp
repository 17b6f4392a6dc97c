// schemagen --enhanced DIR [--raw DIR] [--sam FILE] [--corrections FILE] [--constraints FILE]
//           OUTPUT_FILE
// schemagen INPUT_DIR OUTPUT_FILE
//
// The first form makes schemas/cfn-resource-types.jsonl from the enhanced resource schemas
// (shared/schemas/cfn-lint-enhanced), AWS's raw schemas (deprecated properties, attributes),
// SAM's schema (the AWS::Serverless::* lines) and the project's own corrections and
// constraint list;
// the second reduces a folder of raw AWS resource provider schemas (the generator's golden
// test). See schemas/README.md.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "schemagen/enhanced.hpp"
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

int usage() {
    std::fprintf(stderr,
                 "usage: schemagen --enhanced DIR [--raw DIR] [--sam FILE] [--corrections FILE] "
                 "[--constraints FILE] OUTPUT_FILE\n"
                 "       schemagen INPUT_DIR OUTPUT_FILE\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string enhanced;
    std::string corrections_file;
    std::string constraints_file;
    std::string raw_dir;
    std::string sam_file;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&](std::string& into) {
            if (i + 1 >= argc) return false;
            into = argv[++i];
            return true;
        };
        if (arg == "--enhanced") {
            if (!value(enhanced)) return usage();
        } else if (arg == "--corrections") {
            if (!value(corrections_file)) return usage();
        } else if (arg == "--constraints") {
            if (!value(constraints_file)) return usage();
        } else if (arg == "--raw") {
            if (!value(raw_dir)) return usage();
        } else if (arg == "--sam") {
            if (!value(sam_file)) return usage();
        } else if (arg.starts_with("--")) {
            return usage();
        } else {
            positional.emplace_back(arg);
        }
    }
    if (positional.size() != (enhanced.empty() ? 2u : 1u)) return usage();
    try {
        namespace schema = stacklint::schema;
        const auto start = std::chrono::steady_clock::now();
        const std::string& output = positional.back();
        std::string jsonl;
        std::string counts;
        if (enhanced.empty()) {
            schema::ReduceStats stats;
            jsonl = schema::reduce_schemas(positional.front(), &stats);
            counts = std::to_string(stats.types) + " types, " +
                     std::to_string(stats.physical_names) + " with physicalNameProperty, " +
                     std::to_string(stats.dropped_definitions) +
                     " unreferenced definitions dropped";
        } else {
            const nlohmann::json corrections = corrections_file.empty()
                                                   ? nlohmann::json::array()
                                                   : schema::read_json_file(corrections_file);
            const nlohmann::json constraints = constraints_file.empty()
                                                   ? nlohmann::json::array()
                                                   : schema::read_json_file(constraints_file);
            const nlohmann::json sam =
                sam_file.empty() ? nlohmann::json() : schema::read_json_file(sam_file);
            schema::EnhancedStats stats;
            jsonl = schema::generate_from_enhanced(enhanced, raw_dir, corrections, constraints,
                                                   sam_file.empty() ? nullptr : &sam, &stats);
            counts = std::to_string(stats.reduce.types) + " types (" +
                     std::to_string(stats.region_only_types) + " not in us-east-1), " +
                     std::to_string(stats.regions) + " regions, " +
                     std::to_string(stats.regional_types) + " types missing from some region, " +
                     std::to_string(stats.regional_properties) +
                     " properties missing from some region, " +
                     std::to_string(stats.reduce.physical_names) + " with physicalNameProperty, " +
                     std::to_string(stats.writable_read_only) +
                     " create-only pointers taken off the read-only lists, " +
                     std::to_string(stats.raw_deprecated) + " deprecated pointers and " +
                     std::to_string(stats.raw_attributes) +
                     " attributes added from the raw schemas, " +
                     std::to_string(stats.corrections) + " corrections, " +
                     std::to_string(stats.constraints) + " constraint schemas, " +
                     std::to_string(stats.sam.types) + " SAM types (" +
                     std::to_string(stats.sam.pass_through_resolved) + " of " +
                     std::to_string(stats.sam.pass_through) +
                     " pass-through properties given their CloudFormation schema)";
            for (const std::string& skipped : stats.skipped)
                counts += "; skipped provider entry '" + skipped + "' (no such resource schema)";
        }
        write_file(output, jsonl);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
        std::printf("schemagen: %s; wrote %zu bytes to %s in %lld ms\n", counts.c_str(),
                    jsonl.size(), output.c_str(), static_cast<long long>(ms));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "schemagen: error: %s\n", e.what());
        return 1;
    }
}
