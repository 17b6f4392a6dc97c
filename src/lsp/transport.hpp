// JSON-RPC over a byte stream with LSP's `Content-Length` framing (LSP 3.17, "Base
// Protocol"): reading whole messages from a file descriptor, writing them to a stream.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace stacklint::lsp {

class Reader {
  public:
    explicit Reader(int fd, std::size_t max_message = std::size_t{256} * 1024 * 1024)
        : fd_(fd), max_message_(max_message) {}

    // The next message's content; nullopt at the end of the input. A malformed header or an
    // oversized message ends the input too, with `error` saying why.
    std::optional<std::string> next();
    // Whether a whole message (or the end of the input) can be read without waiting: the
    // server reads every message that is already there before it lints, so that a burst of
    // edits is linted once, at its last version.
    bool ready();
    const std::string& error() const { return error_; }

  private:
    bool fill(bool block);  // reads more into buffer_; false at the end of the input
    std::optional<std::size_t> complete() const;  // length of a whole message in buffer_

    int fd_;
    std::size_t max_message_;
    std::string buffer_;
    bool eof_ = false;
    std::string error_;
};

// Writes one message with its header and flushes.
void write_message(std::ostream& out, const std::string& content);

}  // namespace stacklint::lsp
