#include "discover/discover.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "cdk/assembly.hpp"

namespace stacklint {

namespace fs = std::filesystem;

namespace {

bool ends_with_icase(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                      [](char a, char b) { return (a | 0x20) == (b | 0x20); });
}

std::string errno_text(int err) {
    return std::strerror(err);
}

using DirId = std::pair<dev_t, ino_t>;

void walk(const fs::path& dir, const std::string& display, std::set<DirId>& visited,
          Discovery& out) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        out.errors.push_back({display, "cannot read directory: " + errno_text(errno)});
        return;
    }
    if (!visited.insert({st.st_dev, st.st_ino}).second) return;  // a symlink loop
    if (cdk::is_cloud_assembly(dir)) {
        out.inputs.push_back(
            Input{display.empty() ? "." : display, dir.string(), false, true, true});
        return;
    }
    // A CDK project names its output directory in cdk.json; it may be hidden (.cdk.out) or
    // outside the project, where the walk would not find it.
    if (const auto assembly = cdk::project_assembly(dir)) {
        struct stat ast {};
        if (::stat(assembly->c_str(), &ast) == 0 &&
            visited.insert({ast.st_dev, ast.st_ino}).second) {
            const std::string name = assembly->lexically_relative(dir).generic_string();
            out.inputs.push_back(
                Input{display.empty() || display == "." ? name : display + "/" + name,
                      assembly->string(), false, true, true});
        }
    }

    std::vector<std::pair<std::string, fs::path>> children;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        out.errors.push_back({display, "cannot read directory: " + ec.message()});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        children.emplace_back(it->path().filename().string(), it->path());
    }
    if (ec) out.errors.push_back({display, "cannot read directory: " + ec.message()});
    std::sort(children.begin(), children.end());

    for (const auto& [name, path] : children) {
        const std::string child_display = display.empty() || display == "." ? name
                                          : display.back() == '/'           ? display + name
                                                                            : display + "/" + name;
        struct stat cst {};
        if (::stat(path.c_str(), &cst) != 0) continue;  // dangling symlink or vanished
        if (S_ISDIR(cst.st_mode)) {
            if (name.starts_with('.') || name == "node_modules") continue;
            walk(path, child_display, visited, out);
        } else if (S_ISREG(cst.st_mode) && has_template_extension(name)) {
            out.inputs.push_back(Input{child_display, path.string(), false, false});
        }
    }
}

}  // namespace

bool has_template_extension(std::string_view name) {
    return ends_with_icase(name, ".yaml") || ends_with_icase(name, ".yml") ||
           ends_with_icase(name, ".json") || ends_with_icase(name, ".template");
}

bool looks_like_template(std::string_view bytes) {
    if (bytes.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
    for (std::size_t at = bytes.find("Resources"); at != std::string_view::npos;
         at = bytes.find("Resources", at + 1)) {
        // A YAML key at the start of a line, or a JSON key in quotes.
        if (at == 0 || bytes[at - 1] == '\n' || bytes[at - 1] == '\r') return true;
        if (bytes[at - 1] == '"' && bytes.substr(at + 9).starts_with("\"")) return true;
    }
    return false;
}

Discovery discover(const std::vector<std::string>& paths) {
    Discovery out;
    std::vector<std::string> targets = paths;
    if (targets.empty()) targets.push_back(".");
    std::set<DirId> visited;
    bool stdin_seen = false;
    for (const std::string& p : targets) {
        if (p == "-") {
            if (!stdin_seen) out.inputs.push_back(Input{"<stdin>", "", true, true});
            stdin_seen = true;
            continue;
        }
        struct stat st {};
        if (::stat(p.c_str(), &st) != 0) {
            out.errors.push_back({p, errno == ENOENT ? "no such file or directory"
                                                     : "cannot access: " + errno_text(errno)});
            continue;
        }
        if (S_ISDIR(st.st_mode) && cdk::named_directory_is_assembly(p)) {
            // Named on the command line, a directory with a cloud assembly manifest is taken
            // at its word: a broken manifest then gets a clear error instead of a silent walk.
            out.inputs.push_back(Input{p, p, false, true, true});
        } else if (S_ISDIR(st.st_mode)) {
            walk(p, p == "." ? "" : p, visited, out);
        } else if (std::filesystem::path(p).filename() == "manifest.json" &&
                   cdk::is_cloud_assembly(std::filesystem::path(p).parent_path())) {
            const std::string dir = std::filesystem::path(p).parent_path().string();
            out.inputs.push_back(
                Input{dir.empty() ? "." : dir, dir.empty() ? "." : dir, false, true, true});
        } else {
            out.inputs.push_back(Input{p, p, false, true});
        }
    }
    return out;
}

bool read_input(const Input& input, std::size_t max_bytes, std::string& bytes, std::string& error) {
    int fd = 0;
    if (!input.from_stdin) {
        fd = ::open(input.path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            error =
                errno == ENOENT ? "no such file or directory" : "cannot open: " + errno_text(errno);
            return false;
        }
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            error = S_ISDIR(st.st_mode) ? "is a directory"
                                        : "not a regular file (a FIFO, "
                                          "socket or device is not read)";
            return false;
        }
        // Regular files never block; clear O_NONBLOCK so reads behave normally.
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    }
    bytes.clear();
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = "cannot read: " + errno_text(errno);
            if (!input.from_stdin) ::close(fd);
            return false;
        }
        if (n == 0) break;
        if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
            error = "larger than " + std::to_string(max_bytes / (1024 * 1024)) +
                    " MiB, stacklint's limit (CloudFormation itself accepts at most 1 MB)";
            if (!input.from_stdin) ::close(fd);
            return false;
        }
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    if (!input.from_stdin) ::close(fd);
    return true;
}

}  // namespace stacklint
