// Builds a `Node` tree from parser events without recursion; shared by the YAML and JSON
// loaders. Enforces the depth and size limits and reports duplicate keys.
#pragma once

#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "load/loader.hpp"

namespace stacklint {

// Thrown from inside parser callbacks to stop a load; carries the T001 diagnostic.
struct LoadAbort : std::runtime_error {
    LoadAbort(Mark m, const std::string& message) : std::runtime_error(message), mark(m) {}
    Mark mark;
};

// The T001 message for input nested deeper than the limit.
std::string too_deep_message(std::size_t max_depth);

class TreeBuilder {
  public:
    TreeBuilder(Document& doc, const LoadLimits& limits) : doc_(doc), limits_(limits) {}

    void begin_mapping(Mark mark);
    void begin_sequence(Mark mark);
    // Ends the innermost open mapping or sequence and returns it to its parent.
    void end_collection();
    // A key in the innermost mapping; the next value added belongs to it.
    void key(std::string text, Mark mark);
    // A complete value (scalar, null, or a subtree from an alias or a rewritten short form).
    void value(Node node);
    // Attaches a subtree whose nodes the caller has already counted.
    void attach_built(Node node) { attach(std::move(node)); }

    bool expecting_key() const;
    std::size_t depth() const { return stack_.size(); }
    bool done() const { return root_.has_value(); }
    Node take_root() { return std::move(*root_); }

    // Lets the YAML loader wrap a finished collection (`!Sub [..]`) before it is attached.
    Node pop_collection();

    void count_nodes(std::size_t n, Mark mark);

  private:
    struct Frame {
        Node node;
        bool has_key = false;
        std::string key;
        Mark key_mark;
        std::unordered_set<std::string> seen;  // only filled for large mappings
    };
    void attach(Node node);

    Document& doc_;
    const LoadLimits& limits_;
    std::vector<Frame> stack_;
    std::optional<Node> root_;
    std::size_t nodes_ = 0;
};

}  // namespace stacklint
