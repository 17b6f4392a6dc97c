#include "discover/discover.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "cdk/assembly.hpp"
#include "core/atomic_file.hpp"

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
    const std::string shown = display.empty() ? "." : display;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        out.errors.push_back({shown, "cannot read directory: " + errno_text(errno)});
        return;
    }
    if (!visited.insert({st.st_dev, st.st_ino}).second) return;  // a symlink loop
    // A directory that cannot be listed (no read permission) or whose entries cannot be
    // opened (no search permission) would hide its templates: say so, never skip it quietly.
    if (::access(dir.c_str(), R_OK | X_OK) != 0) {
        out.errors.push_back({shown, "cannot read directory: " + errno_text(errno)});
        return;
    }
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
    fs::directory_iterator it(dir, ec);
    if (ec) {
        out.errors.push_back({shown, "cannot read directory: " + ec.message()});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        children.emplace_back(it->path().filename().string(), it->path());
    }
    if (ec) out.errors.push_back({shown, "cannot read directory: " + ec.message()});
    std::sort(children.begin(), children.end());

    for (const auto& [name, path] : children) {
        const std::string child_display = display.empty() || display == "." ? name
                                          : display.back() == '/'           ? display + name
                                                                            : display + "/" + name;
        struct stat cst {};
        if (::stat(path.c_str(), &cst) != 0) {
            // A dangling symlink, a symlink loop or an entry that vanished holds nothing to
            // lint; anything else (a symlink into an unreadable directory) is reported.
            if (errno != ENOENT && errno != ENOTDIR && errno != ELOOP) {
                out.errors.push_back({child_display, "cannot access: " + errno_text(errno)});
            }
            continue;
        }
        if (S_ISDIR(cst.st_mode)) {
            if (name.starts_with('.') || name == "node_modules") continue;
            walk(path, child_display, visited, out);
        } else if (S_ISREG(cst.st_mode) && has_template_extension(name)) {
            out.inputs.push_back(Input{child_display, path.string(), false, false});
        }
    }
}

// The same file or assembly reached twice (named twice, as `a.yaml` and `./a.yaml`, or named
// and found again by a walk) is linted once, where it first appears: linting it twice would
// report every finding twice and make the cross-stack rules see each export twice. A file
// named on the command line stays named (always linted) even when a walk found it first.
void drop_repeated_inputs(std::vector<Input>& inputs) {
    std::map<std::string, std::size_t> seen;  // canonical path -> index in `kept`
    std::vector<Input> kept;
    kept.reserve(inputs.size());
    for (Input& input : inputs) {
        if (!input.from_stdin) {
            std::error_code ec;
            fs::path key = fs::canonical(input.path, ec);
            if (ec) key = fs::absolute(input.path, ec).lexically_normal();
            const auto [it, fresh] = seen.emplace(key.string(), kept.size());
            if (!fresh) {
                kept[it->second].explicit_path |= input.explicit_path;
                continue;
            }
        }
        kept.push_back(std::move(input));
    }
    inputs = std::move(kept);
}

}  // namespace

bool has_template_extension(std::string_view name) {
    return ends_with_icase(name, ".yaml") || ends_with_icase(name, ".yml") ||
           ends_with_icase(name, ".json") || ends_with_icase(name, ".template");
}

bool looks_like_template(std::string_view bytes) {
    if (bytes.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
    const std::size_t begin = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    constexpr std::string_view kKey = "Resources";
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    for (std::size_t at = bytes.find(kKey, begin); at != std::string_view::npos;
         at = bytes.find(kKey, at + 1)) {
        std::size_t start = at;
        std::size_t end = at + kKey.size();
        const bool quoted = start > begin &&
                            (bytes[start - 1] == '"' || bytes[start - 1] == '\'') &&
                            end < bytes.size() && bytes[end] == bytes[start - 1];
        if (quoted) {
            --start;
            ++end;
        }
        // It must be a key: `Resources` whole, then a colon.
        while (end < bytes.size() && blank(bytes[end]))
            ++end;
        if (end >= bytes.size() || bytes[end] != ':') continue;
        // A quoted key anywhere (JSON, whose indentation says nothing about depth), a YAML key
        // at the start of a line (the top level of a block mapping), or a key of a flow
        // mapping (`{Resources: ...}`, after `{` or `,`). A file that passes is parsed, and linted
        // only if its top level has the key, so a nested one that passes here is dropped then.
        if (quoted || start == begin || bytes[start - 1] == '\n' || bytes[start - 1] == '\r') {
            return true;
        }
        std::size_t before = start;
        while (before > begin && blank(bytes[before - 1]))
            --before;
        if (before > begin && (bytes[before - 1] == '{' || bytes[before - 1] == ',')) return true;
    }
    return false;
}

Discovery discover(const std::vector<std::string>& paths) {
    Discovery out;
    std::vector<std::string> targets = paths;
    if (targets.empty()) targets.emplace_back(".");
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
    drop_repeated_inputs(out.inputs);
    return out;
}

bool read_input(const Input& input, std::size_t max_bytes, std::string& bytes, std::string& error) {
    const std::optional<ReadFailure> failure =
        read_bounded(input.from_stdin ? nullptr : input.path.c_str(), max_bytes, bytes);
    if (!failure) return true;
    switch (failure->kind) {
        case ReadFailure::Kind::cannot_open:
            error = failure->error_number == ENOENT
                        ? "no such file or directory"
                        : "cannot open: " + errno_text(failure->error_number);
            break;
        case ReadFailure::Kind::is_directory:
            error = "is a directory";
            break;
        case ReadFailure::Kind::not_regular:
            error = "not a regular file (a FIFO, socket or device is not read)";
            break;
        case ReadFailure::Kind::cannot_read:
            error = "cannot read: " + errno_text(failure->error_number);
            break;
        case ReadFailure::Kind::too_large:
            error = "larger than " + std::to_string(max_bytes / (std::size_t{1024} * 1024)) +
                    " MiB, stacklint's limit (CloudFormation itself accepts at most 1 MB)";
            break;
    }
    return false;
}

}  // namespace stacklint
