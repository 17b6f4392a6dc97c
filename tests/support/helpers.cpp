#include "support/helpers.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace stacklint::test {

namespace {
// The binary reads GITHUB_WORKSPACE for --format github: the suite runs it without (tests that
// need one set it on the command line), so that running the tests inside GitHub Actions
// changes nothing.
[[maybe_unused]] const bool kNoGithubWorkspace = ::unsetenv("GITHUB_WORKSPACE") == 0;
}  // namespace

Document load_text(const std::string& name, const std::string& text) {
    return load_document(std::make_shared<const Source>(name, text));
}

LintResult lint_text(const std::string& name, const std::string& text) {
    const std::string path = write_temp(name, text);
    return lint({Input{name, path, false, true}});
}

std::string source_path(const std::string& relative) {
    return std::string(STACKLINT_SOURCE_DIR) + "/" + relative;
}

int run_stacklint(const std::string& args, std::string& output, bool merge_stderr) {
    const std::string cmd =
        std::string(STACKLINT_BINARY) + " " + args + (merge_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
    output.clear();
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string temp_dir() {
    static const std::string dir = [] {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "stacklint-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        static const std::string keep = pattern;
        std::atexit([] { std::filesystem::remove_all(keep); });
        return pattern;
    }();
    return dir;
}

std::string write_temp(const std::string& name, const std::string& content) {
    const std::filesystem::path path = std::filesystem::path(temp_dir()) / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path.string();
}

}  // namespace stacklint::test
