// LSP positions (line and character, 0-based) against stacklint's marks (1-based line,
// code-point column) and byte offsets. LSP counts characters in UTF-16 code units unless the
// client agrees to UTF-8 (`positionEncoding`, LSP 3.17).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "load/node.hpp"

namespace stacklint::lsp {

enum class Encoding { Utf16, Utf8 };

struct Position {
    std::uint32_t line = 0;
    std::uint32_t character = 0;
};

class LineIndex {
  public:
    LineIndex(std::string_view text, Encoding encoding);
    // A position's byte offset; positions past a line's end clamp to it, past the text's end
    // to the end.
    std::size_t offset(Position p) const;
    Position position(std::size_t offset) const;
    // A mark's position (code-point column counted into the encoding).
    Position position(Mark mark) const;
    // The end of the token that starts at `p` (a key, a scalar, a `!Tag`): at least one
    // character further unless the line ends there.
    Position token_end(Position p) const;

  private:
    std::string_view line_text(std::uint32_t line) const;
    std::string_view text_;
    Encoding encoding_;
    std::vector<std::size_t> starts_;
};

}  // namespace stacklint::lsp
