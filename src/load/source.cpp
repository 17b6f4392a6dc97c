#include "load/source.hpp"

#include <algorithm>

namespace stacklint {

namespace {
bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}
bool has_bom(std::string_view bytes) {
    return bytes.starts_with("\xEF\xBB\xBF");
}
}  // namespace

Source::Source(std::string name, std::string bytes)
    : name_(std::move(name)), bytes_(std::move(bytes)) {
    // A byte-order mark is not part of the first line's text.
    line_starts_.push_back(has_bom(bytes_) ? 3 : 0);
    const std::size_t n = bytes_.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = bytes_[i];
        if (c == '\n') {
            line_starts_.push_back(i + 1);
        } else if (c == '\r') {
            if (i + 1 < n && bytes_[i + 1] == '\n') ++i;
            line_starts_.push_back(i + 1);
        }
    }
}

std::string_view Source::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    const std::size_t start = line_starts_[line - 1];
    std::size_t end = start;
    while (end < bytes_.size() && bytes_[end] != '\n' && bytes_[end] != '\r')
        ++end;
    return std::string_view(bytes_).substr(start, end - start);
}

Mark Source::mark_at(std::size_t offset) const {
    offset = std::min(offset, bytes_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    if (it == line_starts_.begin()) return Mark{1, 1};  // inside the byte-order mark
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
    std::uint32_t column = 1;
    for (std::size_t i = line_starts_[line - 1]; i < offset; ++i) {
        if (!is_continuation(static_cast<unsigned char>(bytes_[i]))) ++column;
    }
    return Mark{static_cast<std::uint32_t>(line), column};
}

std::optional<std::size_t> Source::offset_of(Mark mark) const {
    if (mark.line == 0 || mark.column == 0 || mark.line > line_starts_.size()) return std::nullopt;
    std::size_t i = line_starts_[mark.line - 1];
    for (std::uint32_t column = 1; column < mark.column; ++column) {
        if (i >= bytes_.size() || bytes_[i] == '\n' || bytes_[i] == '\r') return std::nullopt;
        ++i;
        while (i < bytes_.size() && is_continuation(static_cast<unsigned char>(bytes_[i])))
            ++i;
    }
    return i;
}

Mark MarkCursor::at(std::size_t offset) {
    const std::string& bytes = source_.bytes();
    offset = std::min(offset, bytes.size());
    if (offset < offset_ || offset_ == 0) {
        mark_ = source_.mark_at(offset);
        offset_ = offset;
        return mark_;
    }
    for (std::size_t i = offset_; i < offset; ++i) {
        const char c = bytes[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
            ++mark_.line;
            mark_.column = 1;
        } else if (c != '\r' && !is_continuation(static_cast<unsigned char>(c))) {
            ++mark_.column;
        }
    }
    offset_ = offset;
    return mark_;
}

}  // namespace stacklint
