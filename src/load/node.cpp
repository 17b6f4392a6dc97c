#include "load/node.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace stacklint {

Node Node::null(Mark mark) {
    Node n;
    n.kind_ = Kind::Null;
    n.mark_ = mark;
    return n;
}

Node Node::scalar(std::string value, bool quoted, Mark mark) {
    Node n;
    n.kind_ = Kind::Scalar;
    n.text_ = std::move(value);
    n.quoted_ = quoted;
    n.mark_ = mark;
    return n;
}

Node Node::sequence(Mark mark) {
    Node n;
    n.kind_ = Kind::Sequence;
    n.mark_ = mark;
    return n;
}

Node Node::mapping(Mark mark) {
    Node n;
    n.kind_ = Kind::Mapping;
    n.mark_ = mark;
    return n;
}

namespace {
bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}
}  // namespace

std::optional<bool> Node::as_bool() const {
    if (kind_ != Kind::Scalar) return std::nullopt;
    if (iequals(text_, "true")) return true;
    if (iequals(text_, "false")) return false;
    return std::nullopt;
}

std::optional<long long> Node::as_int() const {
    if (kind_ != Kind::Scalar || text_.empty()) return std::nullopt;
    std::string_view s = text_;
    if (s.front() == '+') s.remove_prefix(1);
    long long value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

namespace {
// Below this many keys a linear scan is as fast as a binary search and needs no index.
constexpr std::size_t kIndexedSize = 16;
}  // namespace

const Entry* Node::find(std::string_view key) const {
    if (key_index_) {
        const auto& index = *key_index_;
        const auto it = std::lower_bound(
            index.begin(), index.end(), key,
            [this](std::uint32_t i, std::string_view k) { return entries_[i].key < k; });
        if (it != index.end() && entries_[*it].key == key) return &entries_[*it];
        return nullptr;
    }
    for (const Entry& e : entries_) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

void Node::index_keys() {
    if (kind_ != Kind::Mapping || entries_.size() <= kIndexedSize) {
        key_index_.reset();
        return;
    }
    auto index = std::make_shared<std::vector<std::uint32_t>>(entries_.size());
    for (std::uint32_t i = 0; i < index->size(); ++i)
        (*index)[i] = i;
    // Stable, so that of equal keys the first in the file is found, as by the linear scan.
    std::stable_sort(index->begin(), index->end(), [this](std::uint32_t a, std::uint32_t b) {
        return entries_[a].key < entries_[b].key;
    });
    key_index_ = std::move(index);
}

const Node* Node::get(std::string_view key) const {
    const Entry* e = find(key);
    return e ? &e->value : nullptr;
}

std::size_t Node::size() const {
    switch (kind_) {
        case Kind::Sequence:
            return items_.size();
        case Kind::Mapping:
            return entries_.size();
        default:
            return 0;
    }
}

std::string_view Node::intrinsic_name() const {
    if (kind_ != Kind::Mapping || entries_.size() != 1) return {};
    const Entry& e = entries_.front();
    if (e.key == "Ref") return e.key;
    // `Condition` is only the condition function when it names a condition; a mapping like
    // `{Condition: {...}}` in an IAM statement is data.
    if (e.key == "Condition") return e.value.is_scalar() ? std::string_view(e.key) : "";
    // `Fn::ForEach::Name` is not a function call but a loop that generates the mapping's
    // keys (AWS::LanguageExtensions), even when it is the mapping's only key.
    if (e.key.starts_with("Fn::ForEach::")) return {};
    if (e.key.starts_with("Fn::")) return e.key;
    return {};
}

const Node* Node::intrinsic_arg() const {
    return intrinsic_name().empty() ? nullptr : &entries_.front().value;
}

std::size_t Node::count_nodes() const {
    std::size_t n = 1;
    for (const Node& item : items_)
        n += item.count_nodes();
    for (const Entry& e : entries_)
        n += e.value.count_nodes();
    return n;
}

std::string_view Node::kind_name() const {
    switch (kind_) {
        case Kind::Null:
            return "null";
        case Kind::Scalar:
            return "a scalar";
        case Kind::Sequence:
            return "a list";
        case Kind::Mapping:
            return "a mapping";
    }
    return "?";
}

bool is_intrinsic_function_name(std::string_view name) {
    static constexpr std::array kNames = {
        "Ref",           "Condition",         "Fn::And",     "Fn::Base64", "Fn::Cidr",
        "Fn::Equals",    "Fn::FindInMap",     "Fn::ForEach", "Fn::GetAtt", "Fn::GetAZs",
        "Fn::If",        "Fn::ImportValue",   "Fn::Join",    "Fn::Length", "Fn::Not",
        "Fn::Or",        "Fn::Select",        "Fn::Split",   "Fn::Sub",    "Fn::ToJsonString",
        "Fn::Transform", "Fn::GetStackOutput"};
    return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

}  // namespace stacklint
