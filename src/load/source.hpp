// The bytes of one input file and the arithmetic between byte offsets and line:column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/node.hpp"

namespace stacklint {

class Source {
  public:
    // `name` is the path as the user gave it (or "<stdin>").
    Source(std::string name, std::string bytes);

    const std::string& name() const { return name_; }
    // The bytes as read, including any byte-order mark.
    const std::string& bytes() const { return bytes_; }
    // Lines break at "\n", "\r\n" and a lone "\r", as in YAML and in editors.
    std::size_t line_count() const { return line_starts_.size(); }
    // Text of a 1-based line without its line break; empty when out of range.
    std::string_view line_text(std::uint32_t line) const;
    // Byte offset -> 1-based line and code-point column. Offsets past the end clamp to it.
    Mark mark_at(std::size_t offset) const;
    // 1-based line and code-point column -> byte offset; nullopt when the mark is not in the
    // text (a column past its line's end included).
    std::optional<std::size_t> offset_of(Mark mark) const;

  private:
    std::string name_;
    std::string bytes_;
    std::vector<std::size_t> line_starts_;
};

// Converts byte offsets that mostly increase (as parser events do) to marks in time linear in
// the file, even for one very long line. Falls back to a fresh count when an offset goes back.
class MarkCursor {
  public:
    explicit MarkCursor(const Source& source) : source_(source) {}
    Mark at(std::size_t offset);

  private:
    const Source& source_;
    std::size_t offset_ = 0;
    Mark mark_{1, 1};
};

}  // namespace stacklint
