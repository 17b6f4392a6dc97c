#include "load/scalar_position.hpp"

#include <optional>
#include <string_view>

namespace stacklint {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// The byte index in `line` of 1-based code-point column `column`, or kNone past the end.
std::size_t byte_of_column(std::string_view line, std::uint32_t column) {
    std::size_t i = 0;
    for (std::uint32_t c = 1; c < column; ++c) {
        if (i >= line.size()) return kNone;
        ++i;
        while (i < line.size() && is_continuation(static_cast<unsigned char>(line[i])))
            ++i;
    }
    return i <= line.size() ? i : kNone;
}

std::uint32_t column_of_byte(std::string_view line, std::size_t byte) {
    std::uint32_t column = 1;
    for (std::size_t i = 0; i < byte && i < line.size(); ++i) {
        if (!is_continuation(static_cast<unsigned char>(line[i]))) ++column;
    }
    return column;
}

std::optional<unsigned> hex_value(std::string_view digits) {
    unsigned v = 0;
    for (char c : digits) {
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= static_cast<unsigned>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= static_cast<unsigned>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
    }
    return v;
}

std::size_t utf8_length(unsigned code_point) {
    if (code_point < 0x80) return 1;
    if (code_point < 0x800) return 2;
    if (code_point < 0x10000) return 3;
    return 4;
}

// One escape sequence of a double-quoted string at `line[i]` (the backslash): how many source
// bytes it takes and how many bytes of UTF-8 it writes. The JSON escapes are a subset of
// YAML's. nullopt for what cannot be mapped on one line (an escaped line break) or is unsure
// (surrogates written alone).
struct Escape {
    std::size_t source;
    std::size_t decoded;
};
std::optional<Escape> escape_at(std::string_view line, std::size_t i) {
    if (i + 1 >= line.size()) return std::nullopt;  // an escaped line break
    const char e = line[i + 1];
    auto hex = [&](std::size_t digits) -> std::optional<Escape> {
        if (i + 2 + digits > line.size()) return std::nullopt;
        const auto v = hex_value(line.substr(i + 2, digits));
        if (!v) return std::nullopt;
        if (*v >= 0xD800 && *v <= 0xDBFF && digits == 4) {
            // A high surrogate: JSON writes characters beyond U+FFFF as a pair.
            const std::size_t j = i + 6;
            if (j + 6 > line.size() || line[j] != '\\' || line[j + 1] != 'u') return std::nullopt;
            const auto low = hex_value(line.substr(j + 2, 4));
            if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
            return Escape{12, 4};
        }
        if (*v >= 0xD800 && *v <= 0xDFFF) return std::nullopt;
        return Escape{2 + digits, utf8_length(*v)};
    };
    switch (e) {
        case 'x':
            return hex(2);
        case 'u':
            return hex(4);
        case 'U':
            return hex(8);
        case 'N':  // U+0085
        case '_':  // U+00A0
            return Escape{2, 2};
        case 'L':  // U+2028
        case 'P':  // U+2029
            return Escape{2, 3};
        case '0':
        case 'a':
        case 'b':
        case 't':
        case '\t':
        case 'n':
        case 'v':
        case 'f':
        case 'r':
        case 'e':
        case ' ':
        case '"':
        case '/':
        case '\\':
            return Escape{2, 1};
        default:
            return std::nullopt;
    }
}

std::size_t indentation(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ')
        ++n;
    return n;
}

}  // namespace

ScalarLocator::ScalarLocator(const Source& source, const Node& scalar)
    : source_(source), start_(scalar.mark()) {
    done_ = true;
    if (!scalar.is_scalar() || !start_.valid()) return;
    const std::string_view first = source.line_text(start_.line);
    const std::size_t at = byte_of_column(first, start_.column);
    if (at == kNone || at >= first.size()) return;
    first_byte_ = at;
    line_ = start_.line;
    byte_ = at + 1;
    switch (first[at]) {
        case '"':
            style_ = Style::DoubleQuoted;
            break;
        case '\'':
            style_ = Style::SingleQuoted;
            break;
        case '>':
            return;  // folded: line breaks become spaces, and where is not exact enough
        case '|': {
            std::size_t i = at + 1;
            while (i < first.size() && (first[i] == '-' || first[i] == '+'))
                ++i;
            // An explicit indentation indicator counts from the parent node's indentation,
            // which the scalar does not know; after the header only a comment may follow.
            if (i < first.size() && first[i] != ' ' && first[i] != '\t' && first[i] != '#') return;
            // The block's indentation is that of its first line that is not blank.
            for (std::uint32_t n = start_.line + 1; n <= source.line_count(); ++n) {
                const std::string_view text = source.line_text(n);
                const std::size_t spaces = indentation(text);
                if (spaces == text.size()) continue;
                if (spaces == 0) return;
                indent_ = spaces;
                break;
            }
            if (indent_ == 0) return;
            style_ = Style::Literal;
            line_ = start_.line + 1;
            break;
        }
        default:
            style_ = Style::Plain;
            break;
    }
    done_ = false;
}

Mark ScalarLocator::checked(std::uint32_t line, std::size_t byte, std::string_view expect) const {
    const std::string_view text = source_.line_text(line);
    if (byte > text.size() || text.substr(byte, expect.size()) != expect) return start_;
    return Mark{line, column_of_byte(text, byte)};
}

Mark ScalarLocator::at(std::size_t offset, std::string_view expect) {
    if (done_) return start_;
    switch (style_) {
        case Style::Unknown:
            return start_;
        case Style::Plain:
            // No escapes; on its first line the value is the text as written.
            return checked(start_.line, first_byte_ + offset, expect);
        case Style::DoubleQuoted:
        case Style::SingleQuoted: {
            const std::string_view text = source_.line_text(line_);
            const char quote = style_ == Style::DoubleQuoted ? '"' : '\'';
            while (decoded_ < offset) {
                if (byte_ >= text.size()) {
                    done_ = true;  // the value goes on to the next line: folding is not mapped
                    return start_;
                }
                std::size_t source = 1;
                std::size_t decoded = 1;
                if (text[byte_] == quote) {
                    // A single-quoted scalar writes ' as ''; anything else is its end.
                    if (quote == '"' || byte_ + 1 >= text.size() || text[byte_ + 1] != '\'') {
                        done_ = true;
                        return start_;
                    }
                    source = 2;
                } else if (quote == '"' && text[byte_] == '\\') {
                    const auto e = escape_at(text, byte_);
                    if (!e) {
                        done_ = true;
                        return start_;
                    }
                    source = e->source;
                    decoded = e->decoded;
                }
                byte_ += source;
                decoded_ += decoded;
            }
            // An offset inside what one escape writes has no place of its own.
            if (decoded_ != offset) return start_;
            return checked(line_, byte_, expect);
        }
        case Style::Literal:
            while (line_ <= source_.line_count()) {
                const std::string_view text = source_.line_text(line_);
                const std::size_t spaces = indentation(text);
                if (spaces < text.size() && spaces < indent_) break;  // past the block's end
                const std::size_t length = text.size() > indent_ ? text.size() - indent_ : 0;
                if (offset < decoded_ + length) {
                    return checked(line_, indent_ + (offset - decoded_), expect);
                }
                if (offset == decoded_ + length) return start_;  // the line break itself
                decoded_ += length + 1;
                ++line_;
            }
            done_ = true;
            return start_;
    }
    return start_;
}

}  // namespace stacklint
