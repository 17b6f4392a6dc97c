#include "load/tree_builder.hpp"

namespace stacklint {

namespace {
// Mappings up to this size are checked for duplicate keys by a linear scan; larger ones
// switch to a hash set so a 100,000-key mapping stays linear.
constexpr std::size_t kLinearScanLimit = 16;
}  // namespace

std::string too_deep_message(std::size_t max_depth) {
    return "nesting deeper than " + std::to_string(max_depth) +
           " levels; stacklint stops reading the file here";
}

void TreeBuilder::count_nodes(std::size_t n, Mark mark) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes) {
        throw LoadAbort(mark, "document has more than " + std::to_string(limits_.max_nodes) +
                                  " nodes; stacklint stops reading it here");
    }
}

void TreeBuilder::begin_mapping(Mark mark) {
    if (stack_.size() >= limits_.max_depth) {
        throw LoadAbort(mark, too_deep_message(limits_.max_depth));
    }
    count_nodes(1, mark);
    stack_.push_back(Frame{Node::mapping(mark), false, {}, {}, {}});
}

void TreeBuilder::begin_sequence(Mark mark) {
    if (stack_.size() >= limits_.max_depth) {
        throw LoadAbort(mark, too_deep_message(limits_.max_depth));
    }
    count_nodes(1, mark);
    stack_.push_back(Frame{Node::sequence(mark), false, {}, {}, {}});
}

bool TreeBuilder::expecting_key() const {
    return !stack_.empty() && stack_.back().node.is_mapping() && !stack_.back().has_key;
}

void TreeBuilder::key(std::string text, Mark mark) {
    Frame& f = stack_.back();
    f.has_key = true;
    f.key_mark = mark;
    std::vector<Entry>& entries = f.node.entries();
    bool duplicate = false;
    if (entries.size() < kLinearScanLimit) {
        for (const Entry& e : entries)
            duplicate = duplicate || e.key == text;
    } else {
        if (f.seen.empty()) {
            for (const Entry& e : entries)
                f.seen.insert(e.key);
        }
        duplicate = !f.seen.insert(text).second;
    }
    if (duplicate) {
        // Only on this rare path is it worth a scan for where the key first appeared.
        Mark first;
        for (const Entry& e : entries) {
            if (e.key == text) first = e.key_mark;
        }
        doc_.diagnostics.push_back(
            {"T002", mark,
             "duplicate key '" + text + "' (first at line " + std::to_string(first.line) +
                 (doc_.kind != FileKind::Template
                      ? "): " + std::string(file_kind_noun(doc_.kind)) +
                            " may give each key only once"
                      : "): CloudFormation keeps only this last value and silently drops the "
                        "first, and `aws cloudformation package` and `deploy` reject the "
                        "file; remove one of them")});
        // The last occurrence wins, as CloudFormation reads it: the earlier one goes.
        std::erase_if(entries, [&](const Entry& e) { return e.key == text; });
    }
    f.key = std::move(text);
}

void TreeBuilder::value(Node node) {
    count_nodes(1, node.mark());
    attach(std::move(node));
}

Node TreeBuilder::pop_collection() {
    Node node = std::move(stack_.back().node);
    stack_.pop_back();
    node.index_keys();
    return node;
}

void TreeBuilder::end_collection() {
    attach(pop_collection());
}

void TreeBuilder::attach(Node node) {
    if (stack_.empty()) {
        root_ = std::move(node);
        return;
    }
    Frame& f = stack_.back();
    if (f.node.is_sequence()) {
        f.node.items().push_back(std::move(node));
        return;
    }
    f.has_key = false;
    f.node.entries().push_back(Entry{std::move(f.key), f.key_mark, std::move(node)});
    f.key.clear();
}

}  // namespace stacklint
