// Building fixes: text edits at byte ranges of a template as it was written.
//
// Rules know nodes (with line:column); a fix needs bytes. The Editor finds the bytes that
// spell a node and checks them against the node before it proposes anything: a scalar's
// text must read back as the node's value, a mapping must start with its first key. What it
// cannot verify (a multi-line or block scalar, a node produced by the SAM transform, a
// document with YAML aliases, whose copies share the anchor's text) gets no edit: every
// method returns nullopt rather than guess. New text follows the style around it: block or
// flow YAML, JSON, the file's indentation and line breaks.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text_edit.hpp"
#include "load/loader.hpp"

namespace stacklint::fix {

// A value to write into a template. `Literal` text is written bare (a number, `true`);
// `String` text is quoted when YAML would read it as something else. A map's entries are its
// `items`, each with its `key`.
struct Value {
    enum class Kind { String, Literal, List, Map };
    Kind kind = Kind::String;
    std::string key;  // for an entry of a map
    std::string text;
    std::vector<Value> items;

    static Value string(std::string text);
    static Value literal(std::string text);
    static Value list(std::vector<Value> items);
};

// A map of `entries`, in this order.
Value map_value(const std::vector<std::pair<std::string, Value>>& entries);

// A byte range [begin, end) of the source.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

class Editor {
  public:
    explicit Editor(const Document& doc);

    // False when nothing in the document may be edited (no text, YAML aliases).
    bool usable() const { return usable_; }

    // The bytes of the scalar at `mark` whose value is `text`: a plain, single- or double-
    // quoted scalar on one line (its quotes included).
    std::optional<Span> scalar(Mark mark, std::string_view text) const;

    // Replaces the scalar at `mark` (value `old_text`) with `new_text`, keeping its quoting;
    // a `literal` (`true`, `30`) replacing an unquoted scalar is written bare, in JSON too.
    std::optional<TextEdit> replace_scalar(Mark mark, std::string_view old_text,
                                           std::string_view new_text, bool literal = false) const;
    // Renames the key of `entry` (of a mapping), keeping its quoting.
    std::optional<TextEdit> rename_key(const Entry& entry, std::string_view new_key) const;

    // Adds `key: value` to `mapping`: right after the entry `after` (in block style after its
    // last line, and after a comment there), or before the first entry when there is no such
    // entry or its end cannot be found.
    std::optional<TextEdit> insert_entry(const Node& mapping, std::string_view after,
                                         std::string_view key, const Value& value) const;
    // The same for several entries, in this order, as one edit.
    std::optional<TextEdit> insert_entries(
        const Node& mapping, std::string_view after,
        const std::vector<std::pair<std::string, Value>>& added) const;
    // Adds `value` as the last item of `sequence` (after a comment on the last item's line).
    std::optional<TextEdit> insert_item(const Node& sequence, const Value& value) const;

    // Removes item `index` of `sequence` with its separator (a block item's whole line), or the
    // entry `key` of `mapping`. A collection never becomes empty: removing its only child gives
    // nullopt (remove the collection's own entry instead).
    std::optional<TextEdit> remove_item(const Node& sequence, std::size_t index) const;
    std::optional<TextEdit> remove_entry(const Node& mapping, std::string_view key) const;

    // Removes `item` from the list that the entry `key` of `mapping` holds, or the whole entry
    // when the item is its only one, is its scalar value, or `whole` says every item goes.
    std::optional<TextEdit> remove_from_list(const Node& mapping, std::string_view key,
                                             const Node* item, bool whole = false) const;

    // Replaces the whole of `node` (any kind) with the text of `replacement`, a scalar whose
    // source spelling is copied (for `!Sub text` -> `text`).
    std::optional<TextEdit> replace_with_scalar(const Node& node, const Node& replacement) const;

    // The byte where `node` ends (after its last character), for scalars and for flow and
    // block collections whose children can all be measured.
    std::optional<std::size_t> end_of(const Node& node) const;

  private:
    std::optional<std::size_t> offset(Mark mark) const;
    std::optional<Span> key_span(const Entry& entry) const;
    // The text of `value` in flow style (flow YAML, JSON), its collections laid out over lines
    // at `indent` when `multiline`.
    std::string render(const Value& value, std::size_t indent, bool multiline) const;
    std::string render_entry(std::string_view key, const Value& value, std::size_t indent,
                             bool flow, bool multiline = false) const;
    std::string render_scalar(const Value& value) const;
    std::string render_key(std::string_view key) const;
    bool is_flow(const Node& collection) const;
    bool line_starts_at(std::size_t at) const;  // only blanks before `at` on its line
    std::size_t line_start(std::size_t at) const;
    std::size_t line_end(std::size_t at) const;         // at the line break
    std::size_t next_line_start(std::size_t at) const;  // after the line break
    std::string_view eol_at(std::size_t at) const;      // the line break of `at`'s line
    std::optional<TextEdit> remove_child(const Node& parent, std::size_t index) const;

    const Document& doc_;
    std::string_view text_;
    bool usable_ = false;
    bool json_ = false;
    std::size_t indent_unit_ = 2;
};

// A fix made of `edits`, or null when any of them could not be made (nullopt) or two overlap:
// a fix is applied whole or not at all.
std::shared_ptr<const Fix> make_fix(FixSafety safety, std::string description,
                                    std::vector<std::optional<TextEdit>> edits);

// Whether `text` can be written as a plain YAML scalar that reads back as the same string.
bool plain_yaml_string(std::string_view text);

}  // namespace stacklint::fix
