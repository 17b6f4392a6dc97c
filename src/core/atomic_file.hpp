// Writing a file so that readers see either the old or the new content, never a mixture; and
// reading a small file whole, with the system's reason when it cannot be read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stacklint {

// Writes `content` to a temporary file in the same directory as `path`, flushes it to disk,
// and renames it over `path` (rename within one file system is atomic). The new file gets the
// mode a plain create would (0666 minus the umask), or the old file's mode when it existed.
// Returns false with a message when any step fails; the target is then left untouched.
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

// Why a bounded read failed. Callers word it for their audience: a template's error differs
// from a configuration file's.
struct ReadFailure {
    enum class Kind {
        cannot_open,   // open(2) failed; `error_number` says why (ENOENT, EACCES, ...)
        is_directory,  // a directory where a file was expected
        not_regular,   // a FIFO, socket or device: never read, it could block or be endless
        cannot_read,   // read(2) failed; `error_number` says why
        too_large,     // more than `max_bytes`; reading stopped there
    };
    Kind kind;
    int error_number = 0;
};

// Reads the regular file `path` whole into `bytes`, or standard input when `path` is null,
// stopping with `too_large` as soon as more than `max_bytes` arrive. A FIFO is refused without
// waiting for a writer. Returns the failure, or nothing on success.
std::optional<ReadFailure> read_bounded(const char* path, std::size_t max_bytes,
                                        std::string& bytes);

// Reads the regular file `path` whole into `bytes`. Returns false with the reason in `error`
// ("No such file or directory", "Is a directory", "larger than 1 MiB") otherwise.
bool read_small_file(const std::string& path, std::size_t max_bytes, std::string& bytes,
                     std::string& error);

}  // namespace stacklint
