#include "lsp/transport.hpp"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>

namespace stacklint::lsp {

namespace {

// The header block's end and the Content-Length it gives; nullopt when the block is not
// complete yet. `bad` is set for a block without a valid Content-Length.
struct Header {
    std::size_t body = 0;    // where the content starts
    std::size_t length = 0;  // its length
};

std::optional<Header> parse_header(const std::string& buffer, bool& bad) {
    const std::size_t end = buffer.find("\r\n\r\n");
    if (end == std::string::npos) {
        bad = buffer.size() > 8192;  // no header is that long
        return std::nullopt;
    }
    std::optional<std::size_t> length;
    std::size_t at = 0;
    while (at < end) {
        std::size_t eol = buffer.find("\r\n", at);
        const std::string line = buffer.substr(at, eol - at);
        at = eol + 2;
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name != "content-length") continue;
        std::size_t i = colon + 1;
        while (i < line.size() && line[i] == ' ')
            ++i;
        std::size_t value = 0;
        bool digits = false;
        for (; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) != 0; ++i) {
            if (value > (std::size_t{1} << 40)) break;
            value = value * 10 + static_cast<std::size_t>(line[i] - '0');
            digits = true;
        }
        if (digits) length = value;
    }
    if (!length) {
        bad = true;
        return std::nullopt;
    }
    return Header{end + 4, *length};
}

}  // namespace

bool Reader::fill(bool block) {
    if (eof_) return false;
    if (!block) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) return true;
    }
    std::array<char, 65536> chunk{};
    ssize_t n = 0;
    do {
        n = ::read(fd_, chunk.data(), chunk.size());
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        eof_ = true;
        return false;
    }
    buffer_.append(chunk.data(), static_cast<std::size_t>(n));
    return true;
}

std::optional<std::size_t> Reader::complete() const {
    bool bad = false;
    const auto h = parse_header(buffer_, bad);
    if (!h || buffer_.size() < h->body + h->length) return std::nullopt;
    return h->body + h->length;
}

bool Reader::ready() {
    if (complete() || eof_) return true;
    fill(false);
    return complete().has_value() || eof_;
}

std::optional<std::string> Reader::next() {
    for (;;) {
        bool bad = false;
        const auto h = parse_header(buffer_, bad);
        if (bad) {
            error_ = "a message header without a valid Content-Length";
            return std::nullopt;
        }
        if (h && h->length > max_message_) {
            error_ = "a message of " + std::to_string(h->length) + " bytes, over the limit";
            return std::nullopt;
        }
        if (h && buffer_.size() >= h->body + h->length) {
            std::string content = buffer_.substr(h->body, h->length);
            buffer_.erase(0, h->body + h->length);
            return content;
        }
        if (!fill(true)) return std::nullopt;
    }
}

void write_message(std::ostream& out, const std::string& content) {
    out << "Content-Length: " << content.size() << "\r\n\r\n" << content;
    out.flush();
}

}  // namespace stacklint::lsp
