// Replays inputs through the fuzz targets without libFuzzer: every input a fuzzer ever broke
// stacklint with (tests/fuzz/regressions/<target>/), and the project's own fixtures as a
// smoke test of the targets' invariants. A violated invariant aborts the test binary.
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/targets.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using stacklint::test::source_path;

namespace {

using Target = std::function<void(const std::uint8_t*, std::size_t)>;

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<fs::path> files_under(const fs::path& dir, const std::string& name = {}) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file() && (name.empty() || e.path().filename() == name))
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void replay(const Target& target, const std::string& bytes) {
    target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

TEST_CASE("Fuzz regressions: every input a fuzzer found is handled") {
    const std::vector<std::pair<std::string, Target>> targets{
        {"yaml_loader", stacklint::fuzz::yaml_loader},
        {"json_loader", stacklint::fuzz::json_loader},
        {"lint", stacklint::fuzz::lint},
        {"fix", stacklint::fuzz::fix},
        {"cdk_manifest", stacklint::fuzz::cdk_manifest},
        {"rule_file", stacklint::fuzz::rule_file},
    };
    std::size_t replayed = 0;
    for (const auto& [name, target] : targets) {
        for (const fs::path& input : files_under(source_path("tests/fuzz/regressions/" + name))) {
            if (input.filename() == "README.md") continue;
            INFO(input.string());
            replay(target, read_bytes(input));
            ++replayed;
        }
    }
    SUCCEED("replayed " << replayed << " inputs");
}

TEST_CASE("Fuzz targets: the fixtures pass every target's invariants") {
    std::size_t templates = 0, manifests = 0;
    for (const fs::path& file : files_under(source_path("fixtures"))) {
        const std::string ext = file.extension().string();
        if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
        INFO(file.string());
        const std::string bytes = read_bytes(file);
        if (file.filename() == "manifest.json") {
            replay(stacklint::fuzz::cdk_manifest, bytes);
            ++manifests;
        }
        replay(ext == ".json" ? stacklint::fuzz::json_loader : stacklint::fuzz::yaml_loader, bytes);
        replay(stacklint::fuzz::lint, std::string(1, ext == ".json" ? '\1' : '\0') + bytes);
        replay(stacklint::fuzz::fix, std::string(1, ext == ".json" ? '\1' : '\0') + bytes);
        ++templates;
    }
    CHECK(templates > 100);
    CHECK(manifests > 5);
    // Every rule file of the project (built-in rules, the example pack, the language's
    // fixtures, malformed ones included) through the rule_file target.
    std::size_t rule_files = 0;
    for (const std::string root : {"rules", "examples/policy-pack", "fixtures/rule-language"}) {
        for (const fs::path& file : files_under(source_path(root))) {
            if (file.extension() != ".yaml" || file.string().find("/tests/") != std::string::npos)
                continue;
            INFO(file.string());
            replay(stacklint::fuzz::rule_file, read_bytes(file));
            ++rule_files;
        }
    }
    CHECK(rule_files >= 80);
}
