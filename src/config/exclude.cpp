#include "config/exclude.hpp"

#include <algorithm>
#include <system_error>

#include "core/glob.hpp"

namespace stacklint {

namespace fs = std::filesystem;

namespace {

// The path a glob is matched against: relative to `base` when the file is inside it, else
// absolute (where only globs without '/', matching a name at any depth, can apply).
std::string path_for_matching(const std::string& path, const fs::path& base) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec).lexically_normal();
    if (ec) return path;
    const fs::path relative = absolute.lexically_relative(base);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
    return absolute.generic_string();
}

}  // namespace

std::vector<Input> remove_excluded(std::vector<Input>& inputs,
                                   const std::vector<std::string>& globs, const fs::path& base) {
    std::vector<Input> removed;
    if (globs.empty()) return removed;
    const auto excluded = [&](const Input& input) {
        return !input.from_stdin && is_excluded(input.path, globs, base);
    };
    std::vector<Input> kept;
    for (Input& input : inputs)
        (excluded(input) ? removed : kept).push_back(std::move(input));
    inputs = std::move(kept);
    return removed;
}

bool is_excluded(const std::string& path, const std::vector<std::string>& globs,
                 const fs::path& base) {
    if (globs.empty()) return false;
    const std::string relative = path_for_matching(path, base);
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& g) { return match_path_glob(g, relative); });
}

}  // namespace stacklint
