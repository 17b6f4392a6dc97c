#include "lsp/positions.hpp"

#include <algorithm>

namespace stacklint::lsp {

namespace {

bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The length of the UTF-8 sequence starting with `c` (1 for a stray byte).
std::size_t sequence_length(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0xF0) return 4;
    if (u >= 0xE0) return 3;
    if (u >= 0xC0) return 2;
    return 1;
}

// Code units of one code point in the encoding.
std::uint32_t units(std::size_t bytes, Encoding e) {
    if (e == Encoding::Utf8) return static_cast<std::uint32_t>(bytes);
    return bytes == 4 ? 2 : 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text, Encoding encoding) : text_(text), encoding_(encoding) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            starts_.push_back(i + 1);
        } else if (text[i] == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            starts_.push_back(i + 1);
        }
    }
}

std::string_view LineIndex::line_text(std::uint32_t line) const {
    if (line >= starts_.size()) return {};
    std::size_t end = starts_[line];
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r')
        ++end;
    return text_.substr(starts_[line], end - starts_[line]);
}

std::size_t LineIndex::offset(Position p) const {
    if (p.line >= starts_.size()) return text_.size();
    const std::string_view line = line_text(p.line);
    std::size_t i = 0;
    std::uint32_t counted = 0;
    while (i < line.size() && counted < p.character) {
        const std::size_t n = std::min(sequence_length(line[i]), line.size() - i);
        counted += units(n, encoding_);
        i += n;
    }
    return starts_[p.line] + i;
}

Position LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(it - starts_.begin() - 1);
    std::uint32_t character = 0;
    for (std::size_t i = starts_[line]; i < offset;) {
        const std::size_t n = std::min(sequence_length(text_[i]), offset - i);
        character += units(n, encoding_);
        i += n;
    }
    return {line, character};
}

Position LineIndex::position(Mark mark) const {
    if (!mark.valid()) return {};
    const std::uint32_t line = mark.line - 1;
    const std::string_view text = line_text(line);
    std::size_t i = 0;
    for (std::uint32_t column = 1; column < mark.column && i < text.size(); ++column) {
        ++i;
        while (i < text.size() && continuation(text[i]))
            ++i;
    }
    return position(line < starts_.size() ? starts_[line] + i : text_.size());
}

Position LineIndex::token_end(Position p) const {
    const std::string_view line = line_text(p.line);
    std::size_t i = offset(p) - (p.line < starts_.size() ? starts_[p.line] : 0);
    const std::size_t start = i;
    const auto quote = i < line.size() ? line[i] : '\0';
    if (quote == '"' || quote == '\'') {
        for (++i; i < line.size() && line[i] != quote; ++i) {
            if (quote == '"' && line[i] == '\\') ++i;
        }
        i = std::min(line.size(), i + 1);
    } else {
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != ',' &&
               line[i] != ']' && line[i] != '}' &&
               !(line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' '))) {
            ++i;
        }
    }
    if (i == start && i < line.size()) ++i;
    return position(starts_[std::min<std::size_t>(p.line, starts_.size() - 1)] + i);
}

}  // namespace stacklint::lsp
