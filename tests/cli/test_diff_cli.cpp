// `stacklint diff`: every case under fixtures/diff/<case>/ (a `before` and an `after` file or
// directory, and expect.txt with lines `FILE LINE RULE` for the findings the change must
// produce, FILE as findings name it) is its own test case; then --against in a temporary git
// repository, and the command line's errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/helpers.hpp"

using namespace stacklint;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> findings_of(const std::string& json) {
    std::vector<std::string> out;
    const auto doc = nlohmann::json::parse(json);
    for (const auto& f : doc["findings"]) {
        out.push_back(f["file"].get<std::string>() + " " +
                      std::to_string(f["line"].is_null() ? 0 : f["line"].get<int>()) + " " +
                      f["rule"].get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void check_case(const fs::path& dir) {
    std::string before, after;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.starts_with("before")) before = name;
        if (name.starts_with("after")) after = name;
    }
    REQUIRE(!before.empty());
    REQUIRE(!after.empty());
    std::vector<std::string> expected;
    std::ifstream in(dir / "expect.txt");
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) expected.push_back(line);
    std::sort(expected.begin(), expected.end());
    std::string out;
    const int code = test::run_stacklint_in(
        dir.string(), "diff --no-config -f json --fail-on none " + before + " " + after, out);
    INFO(out);
    REQUIRE(code == 0);
    CHECK(findings_of(out) == expected);
}

class DiffCaseInvoker final : public Catch::ITestInvoker {
  public:
    explicit DiffCaseInvoker(fs::path dir) : dir_(std::move(dir)) {}
    void invoke() const override { check_case(dir_); }

  private:
    fs::path dir_;
};

const bool registered = [] {
    static std::deque<std::string> names;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(test::source_path("fixtures/diff")))
        if (e.is_directory()) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& d : dirs) {
        names.push_back("Diff fixture: fixtures/diff/" + d.filename().string());
        Catch::AutoReg(new DiffCaseInvoker(d), Catch::SourceLineInfo(__FILE__, __LINE__), "",
                       Catch::NameAndTags(names.back(), "[diff]"));
    }
    return true;
}();

int sh(const std::string& command) {
    return std::system(command.c_str());  // NOLINT(cert-env33-c): a test's own commands
}

}  // namespace

TEST_CASE("Diff: --against compares each template with its version at a git revision") {
    test::write_temp("diff-git/stack.yaml",
                     "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n"
                     "    DeletionPolicy: Retain\n");
    test::write_temp("diff-git/other.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
    const std::string dir = test::temp_dir() + "/diff-git";
    REQUIRE(sh("cd '" + dir +
               "' && git init -q . && git add . && git -c user.name=t -c "
               "user.email=t@example.com commit -q -m one") == 0);
    // The table is renamed in the working tree; a new file has no old version.
    std::ofstream(dir + "/stack.yaml")
        << "Resources:\n  OrdersTable:\n    Type: AWS::DynamoDB::Table\n"
           "    DeletionPolicy: Retain\n";
    std::ofstream(dir + "/new.yaml") << "Resources:\n  B:\n    Type: AWS::S3::Bucket\n";
    std::string out;
    CHECK(test::run_stacklint_in(dir, "diff --no-config -f json --against HEAD", out) == 1);
    CHECK(findings_of(out) == std::vector<std::string>{"stack.yaml 2 D002"});
    // Naming files works the same way, and the working tree is never touched.
    CHECK(test::run_stacklint_in(dir, "diff --no-config -q --against HEAD stack.yaml", out) == 1);
    CHECK(out.find("'Orders' (line 2 of the previous version) is now 'OrdersTable'") !=
          std::string::npos);
    // A revision that does not exist is a tool error.
    CHECK(test::run_stacklint_in(dir, "diff --no-config --against no-such-rev", out, true) == 2);
    CHECK(out.find("'no-such-rev' is not a revision of a git repository here") !=
          std::string::npos);
}

TEST_CASE("Diff: change rules run only in diff, and diff needs two paths or --against") {
    const std::string dir = test::source_path("fixtures/diff/removed");
    std::string out;
    // A plain lint of the new version knows nothing of the old one.
    test::run_stacklint("--no-config -f json --fail-on none '" + dir + "/after.yaml'", out);
    const auto parsed = nlohmann::json::parse(out);
    for (const auto& f : parsed["findings"])
        CHECK_FALSE(f["rule"].get<std::string>().starts_with("D"));
    // And diff reports change rules only.
    test::run_stacklint_in(dir, "diff --no-config -f json --fail-on none before.yaml after.yaml",
                           out);
    const auto changes = nlohmann::json::parse(out);
    for (const auto& f : changes["findings"])
        CHECK(f["rule"].get<std::string>().starts_with("D"));
    CHECK(test::run_stacklint("diff --no-config '" + dir + "/after.yaml'", out, true) == 2);
    CHECK(out == "stacklint: error: diff needs OLD and NEW, or --against REV\n");
    // --select and --ignore work on change rules as on any other.
    test::run_stacklint_in(
        dir, "diff --no-config -f json --fail-on none --ignore D001 before.yaml after.yaml", out);
    CHECK(nlohmann::json::parse(out)["findings"].empty());
}
