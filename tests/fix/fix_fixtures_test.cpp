// Before/after fixtures of the fixes: every template under fixtures/fix/<RULE>/ is fixed with
// that rule's fixes (safe and unsafe), and the text must equal `<name>.fixed.<ext>` byte for
// byte; a fixture without one must come out unchanged (a case where no fix may be offered).
// The fixed text must then have nothing left to fix for the rule (a second run is a no-op),
// and no finding of the rule that still carries a fix.
//
// Every other rule runs too (M001 needs the rules its suppressions name), but only the
// directory's rule's fixes are applied. STACKLINT_UPDATE_FIX_FIXTURES=1 writes the expected
// files instead of comparing: review every change it makes before committing it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fix/fixer.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

namespace {

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// `block.yaml` -> `block.fixed.yaml`.
fs::path expected_path(const fs::path& input) {
    return input.parent_path() / (input.stem().string() + ".fixed" + input.extension().string());
}

fix::FixOutcome fix_file(const fs::path& file, const std::string& rule) {
    Input input;
    input.display = file.string();
    input.path = file.string();
    input.explicit_path = true;
    LintOptions options;
    options.jobs = 1;
    options.today = "2026-01-01";
    fix::FixOptions fix_options;
    fix_options.unsafe = true;
    fix_options.filter = [rule](std::vector<Finding>& findings) {
        std::erase_if(findings, [&](const Finding& f) { return f.rule != rule; });
    };
    return fix::run_fixes({input}, options, fix_options);
}

void check_fixture(const fs::path& file) {
    const std::string rule = file.parent_path().filename().string();
    const fs::path expected_file = expected_path(file);
    const std::string original = read_bytes(file);
    const fix::FixOutcome out = fix_file(file, rule);
    INFO(file.string());
    const std::string fixed = out.files.empty() ? original : out.files.front().fixed;
    // NOLINTNEXTLINE(concurrency-mt-unsafe): tests run on one thread
    const char* update = std::getenv("STACKLINT_UPDATE_FIX_FIXTURES");
    if (update != nullptr && *update == '1') {
        if (fixed != original) std::ofstream(expected_file, std::ios::binary) << fixed;
        return;
    }
    if (!fs::exists(expected_file)) {
        CHECK(out.files.empty());
        return;
    }
    const std::string expected = read_bytes(expected_file);
    REQUIRE(out.files.size() == 1);
    CHECK(fixed == expected);
    CHECK(out.fixed > 0);
    for (const Finding& f : out.result.findings) {
        INFO(f.rule << " " << f.mark.line << ":" << f.mark.column << " " << f.message);
        CHECK_FALSE((f.rule == rule && f.fix != nullptr));
    }
    // A second run has nothing to do.
    const fix::FixOutcome again = fix_file(expected_file, rule);
    CHECK(again.files.empty());
}

class FixFixtureInvoker final : public Catch::ITestInvoker {
  public:
    explicit FixFixtureInvoker(fs::path file) : file_(std::move(file)) {}
    void invoke() const override { check_fixture(file_); }

  private:
    fs::path file_;
};

const bool registered = [] {
    static std::deque<std::string> names;  // Catch keeps references to the names
    const fs::path root = fs::path(test::source_path("fixtures/fix"));
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.find(".fixed.") == std::string::npos) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
        names.push_back("Fix fixture: " +
                        fs::relative(p, root.parent_path().parent_path()).generic_string());
        Catch::AutoReg(new FixFixtureInvoker(p), Catch::SourceLineInfo(__FILE__, __LINE__), "",
                       Catch::NameAndTags(names.back(), "[fix]"));
    }
    return true;
}();

}  // namespace
