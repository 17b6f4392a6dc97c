// Writing a file so that readers see either the old or the new content, never a mixture; and
// reading a small file whole, with the system's reason when it cannot be read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stacklint {

// Writes `content` to a temporary file in the same directory as `path`, flushes it to disk,
// and renames it over `path` (rename within one file system is atomic). The new file gets the
// mode a plain create would (0666 minus the umask), or the old file's mode when it existed.
// Returns false with a message when any step fails; the target is then left untouched.
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

// Reads the regular file `path` whole into `bytes`. Returns false with the reason in `error`
// ("No such file or directory", "Is a directory", "larger than 1 MiB") otherwise.
bool read_small_file(const std::string& path, std::size_t max_bytes, std::string& bytes,
                     std::string& error);

}  // namespace stacklint
