// The one tree that YAML and JSON templates load into.
//
// Every key and every value remembers where it starts in the file (1-based line and column,
// columns counted in Unicode code points), so every finding can point at the exact spot.
// CloudFormation short forms (`!Ref x`) are already rewritten to their long forms
// (`{Ref: x}`) by the loaders: rules only ever see one spelling.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stacklint {

struct Mark {
    std::uint32_t line = 0;  // 1-based; 0 means "no position"
    std::uint32_t column = 0;

    bool valid() const { return line != 0; }
    friend bool operator==(const Mark&, const Mark&) = default;
    // clang-tidy 14 sees the 0 that a defaulted <=> compares with (NOLINT: a false positive).
    friend auto operator<=>(const Mark&, const Mark&) = default;  // NOLINT(modernize-use-nullptr)
};

struct Entry;

class Node {
  public:
    enum class Kind : std::uint8_t { Null, Scalar, Sequence, Mapping };

    Node() = default;
    static Node null(Mark mark);
    static Node scalar(std::string value, bool quoted, Mark mark);
    static Node sequence(Mark mark);
    static Node mapping(Mark mark);

    Kind kind() const { return kind_; }
    Mark mark() const { return mark_; }
    // Moves this node, not its children: a YAML alias's copy starts where the alias is.
    void set_mark(Mark mark) { mark_ = mark; }
    bool is_null() const { return kind_ == Kind::Null; }
    bool is_scalar() const { return kind_ == Kind::Scalar; }
    bool is_sequence() const { return kind_ == Kind::Sequence; }
    bool is_mapping() const { return kind_ == Kind::Mapping; }

    // Scalars. `quoted` is true for quoted YAML scalars and JSON strings: `"20"` is a string,
    // a plain `20` may be a number. The text is empty for any other kind.
    const std::string& text() const { return text_; }
    bool quoted() const { return quoted_; }
    bool is_string() const { return kind_ == Kind::Scalar; }
    // A plain scalar that reads as a boolean / integer the way CloudFormation reads it.
    std::optional<bool> as_bool() const;
    std::optional<long long> as_int() const;

    // Sequences.
    const std::vector<Node>& items() const { return items_; }
    std::vector<Node>& items() { return items_; }

    // Mappings, in the order the keys appear in the file.
    const std::vector<Entry>& entries() const { return entries_; }
    // Mutable access drops the key index (index_keys() builds it again).
    std::vector<Entry>& entries() {
        key_index_.reset();
        return entries_;
    }
    // Lookup by key: a linear scan, or a binary search once index_keys() has run.
    const Entry* find(std::string_view key) const;
    const Node* get(std::string_view key) const;
    // Indexes the keys of a large mapping so that find() takes logarithmic time. The loaders
    // call it when a mapping is complete; rules that look up every key of one large mapping
    // in another (an `Fn::Sub` with a million variables) would otherwise be quadratic.
    void index_keys();

    // Number of children of a sequence or mapping.
    std::size_t size() const;

    // `{Ref: x}`, `{Fn::Sub: ...}`, `{Condition: x}`: a one-key mapping whose key names an
    // intrinsic function. Returns that key, or empty. An `Fn::ForEach::Name` loop is not a
    // function call, even as the only key: its mapping is one whose keys the loop generates.
    std::string_view intrinsic_name() const;
    // The argument of an intrinsic (the value under its one key).
    const Node* intrinsic_arg() const;

    // Total nodes in this subtree, including this one.
    std::size_t count_nodes() const;

    // A short human description of the kind: "a string", "a list", "a mapping", "null".
    std::string_view kind_name() const;

  private:
    Kind kind_ = Kind::Null;
    bool quoted_ = false;
    Mark mark_;
    std::string text_;
    std::vector<Node> items_;
    std::vector<Entry> entries_;
    // Positions in entries_ sorted by key; only for mappings larger than kIndexedSize.
    // Shared, because copies (YAML aliases) have the same entries in the same order.
    std::shared_ptr<const std::vector<std::uint32_t>> key_index_;
};

struct Entry {
    std::string key;
    Mark key_mark;
    Node value;
};

// Whether `name` is the name of a CloudFormation intrinsic function or `Ref`/`Condition`.
bool is_intrinsic_function_name(std::string_view name);

}  // namespace stacklint
