// The configuration's `exclude` globs applied to the files a run would lint.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "discover/discover.hpp"

namespace stacklint {

// Removes the inputs whose path matches one of `globs` (see match_path_glob), taken relative
// to `base` (the configuration file's directory). Files named on the command line are
// excluded too, so a hook that passes every staged file honours the configuration. Stdin is
// never excluded. Returns the inputs removed, in order.
std::vector<Input> remove_excluded(std::vector<Input>& inputs,
                                   const std::vector<std::string>& globs,
                                   const std::filesystem::path& base);

// Whether the file at `path` (as opened) matches one of `globs`, taken as remove_excluded
// takes them. For the templates inside a cloud assembly.
bool is_excluded(const std::string& path, const std::vector<std::string>& globs,
                 const std::filesystem::path& base);

}  // namespace stacklint
