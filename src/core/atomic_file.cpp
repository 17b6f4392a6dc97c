#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace stacklint {

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

bool write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

mode_t mode_for(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) return st.st_mode & 07777;
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temp_name = ".";
    temp_name.append(target.filename().string()).append(".tmp-XXXXXX");
    std::string temp = (dir / temp_name).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        error = "cannot create a temporary file in " + dir.string() + ": " + errno_text();
        return false;
    }
    bool ok = write_all(fd, content) && ::fchmod(fd, mode_for(path)) == 0 && ::fsync(fd) == 0;
    if (!ok) error = "cannot write " + temp + ": " + errno_text();
    if (::close(fd) != 0 && ok) {
        ok = false;
        error = "cannot write " + temp + ": " + errno_text();
    }
    if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
        ok = false;
        error = "cannot replace " + path + ": " + errno_text();
    }
    if (!ok) {
        ::unlink(temp.c_str());
        return false;
    }
    // The rename itself lives in the directory: flush it too, so a crash cannot undo it.
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return true;
}

}  // namespace stacklint

namespace stacklint {

std::optional<ReadFailure> read_bounded(const char* path, std::size_t max_bytes,
                                        std::string& bytes) {
    using Kind = ReadFailure::Kind;
    int fd = STDIN_FILENO;
    if (path != nullptr) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = ::open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) return ReadFailure{Kind::cannot_open, errno};
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            return ReadFailure{S_ISDIR(st.st_mode) ? Kind::is_directory : Kind::not_regular};
        }
        // Regular files never block; clear O_NONBLOCK so reads behave normally.
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    }
    std::optional<ReadFailure> failure;
    bytes.clear();
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            failure = ReadFailure{Kind::cannot_read, errno};
            break;
        }
        if (n == 0) break;
        if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
            failure = ReadFailure{Kind::too_large};
            break;
        }
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    if (path != nullptr) ::close(fd);
    return failure;
}

bool read_small_file(const std::string& path, std::size_t max_bytes, std::string& bytes,
                     std::string& error) {
    const std::optional<ReadFailure> failure = read_bounded(path.c_str(), max_bytes, bytes);
    if (!failure) return true;
    switch (failure->kind) {
        case ReadFailure::Kind::cannot_open:
        case ReadFailure::Kind::cannot_read:
            error = std::strerror(failure->error_number);
            break;
        case ReadFailure::Kind::is_directory:
            error = std::strerror(EISDIR);
            break;
        case ReadFailure::Kind::not_regular:
            error = "not a regular file";
            break;
        case ReadFailure::Kind::too_large:
            error =
                "larger than " + std::to_string(max_bytes / (std::size_t{1024} * 1024)) + " MiB";
            break;
    }
    return false;
}

}  // namespace stacklint
