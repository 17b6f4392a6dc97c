// Where a piece of a scalar's value is written in the file: the position of `${Name}` inside
// a long `Fn::Sub` string rather than the start of the string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/node.hpp"
#include "load/source.hpp"

namespace stacklint {

// Positions inside one scalar's value, given as byte offsets into `scalar.text()` that do not
// decrease from one call to the next (so that all the placeholders of a long string are found
// in one pass over it).
//
// The value is mapped back to the file for the styles where that is exact: JSON strings and
// YAML double-quoted scalars (with their escapes) and single-quoted scalars on one line, YAML
// literal block scalars (`|`, `|-`, `|+`), and plain scalars on one line. Anything else
// (folded `>` blocks, an explicit indentation indicator, quoted or plain scalars that go on
// to the next line before the offset, an escape that writes part of the text looked for)
// gives `scalar.mark()`, the start of the scalar, and so does a result where the file does
// not literally hold the text looked for: the answer is never a wrong place.
class ScalarLocator {
  public:
    ScalarLocator(const Source& source, const Node& scalar);

    // Where the text `expect`, which starts at byte `offset` of the value, is written.
    Mark at(std::size_t offset, std::string_view expect);

  private:
    enum class Style : std::uint8_t { Unknown, Plain, DoubleQuoted, SingleQuoted, Literal };

    bool advance(std::size_t offset);
    Mark checked(std::uint32_t line, std::size_t byte, std::string_view expect) const;

    const Source& source_;
    Mark start_;
    Style style_ = Style::Unknown;
    std::size_t first_byte_ = 0;  // where the scalar starts in its first line
    // Quoted styles: the next unread byte of the first line and the value's bytes before it.
    // Literal blocks: the current line, where its content starts, and the value's bytes
    // before that line.
    std::uint32_t line_ = 0;
    std::size_t byte_ = 0;
    std::size_t decoded_ = 0;
    std::size_t indent_ = 0;
    bool done_ = false;  // nothing further can be mapped
};

}  // namespace stacklint
