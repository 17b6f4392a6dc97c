// Every real-world template in ../shared/corpus loads and lints without a crash or a tool
// error. The corpus holds only valid YAML and JSON, so no file may be a parse error (T001).
#include <catch2/catch.hpp>

#include <filesystem>

#include "discover/discover.hpp"
#include "lint/engine.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

TEST_CASE("Corpus: all 361 real templates lint with no crash, tool error or parse error") {
    const std::string corpus = test::source_path("../shared/corpus");
    if (!std::filesystem::exists(corpus)) {
        WARN("../shared/corpus is absent; the corpus test checks nothing on this machine");
        return;
    }
    const Discovery d = discover({corpus});
    CHECK(d.errors.empty());
    const LintResult result = lint(d.inputs);
    CHECK(result.errors.empty());
    CHECK(result.files == 361);
    for (const Finding& f : result.findings) {
        INFO(f.file << ":" << f.mark.line << ": " << f.message);
        CHECK(f.rule != "T001");
    }
}
