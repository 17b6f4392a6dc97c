#include "support/helpers.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace stacklint::test {

namespace {
// The binary reads GITHUB_WORKSPACE for --format github and CI_PROJECT_DIR for --format
// gitlab: the suite runs it without (tests that need one set it on the command line), so that
// running the tests inside GitHub Actions or GitLab CI changes nothing.
[[maybe_unused]] const bool kNoGithubWorkspace = ::unsetenv("GITHUB_WORKSPACE") == 0;
[[maybe_unused]] const bool kNoGitlabProjectDir = ::unsetenv("CI_PROJECT_DIR") == 0;
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
    return run_stacklint_in({}, args, output, merge_stderr);
}

int run_stacklint_in(const std::string& dir, const std::string& args, std::string& output,
                     bool merge_stderr) {
    const std::string cmd = (dir.empty() ? std::string() : "cd '" + dir + "' && ") +
                            std::string(STACKLINT_BINARY) + " " + args +
                            (merge_stderr ? " 2>&1" : " 2>/dev/null");
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

int run_stacklint_bound_by_permissions(const std::string& args, std::string& output,
                                       std::string& why_not) {
    if (::geteuid() != 0) return run_stacklint(args, output, true);
    const std::string cmd = std::string(STACKLINT_BINARY) + " " + args + " 2>&1";
    int out[2];
    int status_pipe[2];  // the child's errno when it cannot drop the capabilities or exec
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    if (::pipe2(status_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(out[0]);
        ::close(status_pipe[0]);
        for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH}) {
            if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
                const int err = errno;
                [[maybe_unused]] const ssize_t n = ::write(status_pipe[1], &err, sizeof err);
                ::_exit(127);
            }
        }
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[1]);
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        const int err = -errno;  // negative: exec failed, which is no reason to skip
        [[maybe_unused]] const ssize_t n = ::write(status_pipe[1], &err, sizeof err);
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(status_pipe[1]);
    output.clear();
    char buffer[4096];
    for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int err = 0;
    const bool failed = ::read(status_pipe[0], &err, sizeof err) == sizeof err;
    ::close(status_pipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (failed && err < 0) throw std::runtime_error("cannot run " + cmd);
    if (failed) {
        why_not = std::string(
                      "running as root, and cannot drop CAP_DAC_OVERRIDE and "
                      "CAP_DAC_READ_SEARCH for the child: ") +
                  std::strerror(err);
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::json yaml_to_json(const Node& n) {
    switch (n.kind()) {
        case Node::Kind::Null:
            return nullptr;
        case Node::Kind::Scalar:
            if (!n.quoted()) {
                if (const auto b = n.as_bool()) return *b;
                if (const auto i = n.as_int()) return *i;
                if (n.text() == "null" || n.text() == "~") return nullptr;
                // A decimal number (not inf or nan, which YAML spells .inf and .nan).
                const bool numeric =
                    !n.text().empty() &&
                    n.text().find_first_not_of("0123456789+-.eE") == std::string::npos;
                char* end = nullptr;
                const double d = std::strtod(n.text().c_str(), &end);
                if (numeric && end == n.text().c_str() + n.text().size()) return d;
            }
            return n.text();
        case Node::Kind::Sequence: {
            nlohmann::json a = nlohmann::json::array();
            for (const Node& item : n.items())
                a.push_back(yaml_to_json(item));
            return a;
        }
        case Node::Kind::Mapping: {
            nlohmann::json o = nlohmann::json::object();
            for (const Entry& e : n.entries())
                o[e.key] = yaml_to_json(e.value);
            return o;
        }
    }
    return nullptr;
}

int run_command(const std::string& command, std::string& output) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    output.clear();
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool have_jsonschema() {
    std::string out;
    return run_command("/usr/bin/python3 -c 'import jsonschema'", out) == 0;
}

int schema_verdict(const std::string& name, const std::string& yaml, const std::string& schema,
                   std::string& output) {
    const Document doc = load_text(name + ".yaml", yaml);
    REQUIRE(doc.diagnostics.empty());
    const nlohmann::json json = doc.root ? yaml_to_json(*doc.root) : nlohmann::json(nullptr);
    const std::string path = write_temp("schema/" + name + ".json", json.dump());
    return run_command(
        "/usr/bin/python3 -m jsonschema -i '" + path + "' '" + source_path(schema) + "'", output);
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
