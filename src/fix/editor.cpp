#include "fix/editor.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace stacklint::fix {

Value Value::string(std::string text) {
    Value v;
    v.text = std::move(text);
    return v;
}
Value Value::literal(std::string text) {
    Value v;
    v.kind = Kind::Literal;
    v.text = std::move(text);
    return v;
}
Value Value::list(std::vector<Value> items) {
    Value v;
    v.kind = Kind::List;
    v.items = std::move(items);
    return v;
}
Value map_value(const std::vector<std::pair<std::string, Value>>& entries) {
    Value v;
    v.kind = Value::Kind::Map;
    for (const auto& [key, value] : entries) {
        Value item = value;
        item.key = key;
        v.items.push_back(std::move(item));
    }
    return v;
}

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_space(char c) {
    return is_blank(c) || c == '\n' || c == '\r';
}

std::string double_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    std::array<char, 8> buf{};
                    std::snprintf(buf.data(), buf.size(), "\\u%04x", static_cast<unsigned>(c));
                    out += buf.data();
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string single_quoted(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

// What ends a plain scalar's text when it matched the node's value exactly.
bool ends_plain(std::string_view text, std::size_t at) {
    if (at >= text.size()) return true;
    const char c = text[at];
    return is_space(c) || c == ',' || c == ']' || c == '}' || c == ':';
}

}  // namespace

std::shared_ptr<const Fix> make_fix(FixSafety safety, std::string description,
                                    std::vector<std::optional<TextEdit>> edits) {
    auto fix = std::make_shared<Fix>();
    fix->safety = safety;
    fix->description = std::move(description);
    for (auto& e : edits) {
        if (!e) return nullptr;
        fix->edits.push_back(std::move(*e));
    }
    if (fix->edits.empty()) return nullptr;
    std::sort(fix->edits.begin(), fix->edits.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
    for (std::size_t i = 1; i < fix->edits.size(); ++i) {
        if (edits_overlap(fix->edits[i - 1], fix->edits[i])) return nullptr;
    }
    return fix;
}

bool plain_yaml_string(std::string_view text) {
    if (text.empty()) return false;
    const auto c0 = static_cast<unsigned char>(text.front());
    if (!std::isalpha(c0) && c0 != '_' && c0 != '/') return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        // A colon is plain text unless a space or the end follows it (`AWS::S3::Bucket`).
        if (c == ':' && i + 1 < text.size() && text[i + 1] != ' ') continue;
        if (!std::isalnum(u) && c != '_' && c != '.' && c != '/' && c != '-') return false;
    }
    // Words YAML 1.1 reads as booleans or null.
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const std::string_view word :
         {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}) {
        if (lower == word) return false;
    }
    return true;
}

Editor::Editor(const Document& doc) : doc_(doc) {
    if (!doc.source || !doc.root || doc.aliases) return;
    text_ = doc.source->bytes();
    usable_ = true;
    json_ = doc.format == Format::Json;
    // The indentation step: that of the first indented line (not a comment).
    for (std::size_t line = 1; line <= doc.source->line_count(); ++line) {
        const std::string_view t = doc.source->line_text(static_cast<std::uint32_t>(line));
        const std::size_t n = t.find_first_not_of(' ');
        if (n == std::string_view::npos || n == 0 || t[n] == '#' || t[n] == '\t') continue;
        indent_unit_ = std::min<std::size_t>(n, 8);
        break;
    }
}

std::optional<std::size_t> Editor::offset(Mark mark) const {
    if (!usable_) return std::nullopt;
    return doc_.source->offset_of(mark);
}

std::optional<Span> Editor::scalar(Mark mark, std::string_view text) const {
    const std::optional<std::size_t> at = offset(mark);
    if (!at || *at >= text_.size()) return std::nullopt;
    const char q = text_[*at];
    if (q == '"' || q == '\'') {
        std::string value;
        for (std::size_t i = *at + 1; i < text_.size(); ++i) {
            const char c = text_[i];
            if (c == '\n' || c == '\r') return std::nullopt;
            if (q == '\'' && c == '\'') {
                if (i + 1 < text_.size() && text_[i + 1] == '\'') {
                    value += '\'';
                    ++i;
                    continue;
                }
                if (value != text) return std::nullopt;
                return Span{*at, i + 1};
            }
            if (q == '"' && c == '"') {
                if (value != text) return std::nullopt;
                return Span{*at, i + 1};
            }
            if (q == '"' && c == '\\') {
                if (i + 1 >= text_.size()) return std::nullopt;
                const char e = text_[++i];
                switch (e) {
                    case '"':
                        value += '"';
                        break;
                    case '\\':
                        value += '\\';
                        break;
                    case '/':
                        value += '/';
                        break;
                    case 'n':
                        value += '\n';
                        break;
                    case 't':
                        value += '\t';
                        break;
                    default:
                        return std::nullopt;  // not worth decoding: no edit
                }
                continue;
            }
            value += c;
        }
        return std::nullopt;
    }
    if (text.empty() || text.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
    if (text_.substr(*at, text.size()) != text || !ends_plain(text_, *at + text.size())) {
        return std::nullopt;
    }
    return Span{*at, *at + text.size()};
}

std::optional<Span> Editor::key_span(const Entry& entry) const {
    return scalar(entry.key_mark, entry.key);
}

std::string Editor::render_key(std::string_view key) const {
    if (json_ || !plain_yaml_string(key)) return double_quoted(key);
    return std::string(key);
}

std::string Editor::render_scalar(const Value& value) const {
    if (value.kind == Value::Kind::Literal) return value.text;
    if (json_ || !plain_yaml_string(value.text)) return double_quoted(value.text);
    return value.text;
}

std::optional<TextEdit> Editor::replace_scalar(Mark mark, std::string_view old_text,
                                               std::string_view new_text, bool literal) const {
    const std::optional<Span> span = scalar(mark, old_text);
    if (!span) return std::nullopt;
    const char q = text_[span->begin];
    std::string text;
    if (literal && q != '"' && q != '\'') {
        text = new_text;
    } else if (q == '"' || json_) {
        text = double_quoted(new_text);
    } else if (q == '\'') {
        text = single_quoted(new_text);
    } else {
        text = plain_yaml_string(new_text) ? std::string(new_text) : double_quoted(new_text);
    }
    return TextEdit{span->begin, span->end - span->begin, std::move(text)};
}

std::optional<TextEdit> Editor::rename_key(const Entry& entry, std::string_view new_key) const {
    return replace_scalar(entry.key_mark, entry.key, new_key);
}

bool Editor::is_flow(const Node& collection) const {
    if (json_) return true;
    const std::optional<std::size_t> at = offset(collection.mark());
    return at && *at < text_.size() && (text_[*at] == '{' || text_[*at] == '[');
}

std::size_t Editor::line_start(std::size_t at) const {
    while (at > 0 && text_[at - 1] != '\n' && text_[at - 1] != '\r')
        --at;
    return at;
}

bool Editor::line_starts_at(std::size_t at) const {
    for (std::size_t i = line_start(at); i < at; ++i)
        if (!is_blank(text_[i])) return false;
    return true;
}

std::size_t Editor::line_end(std::size_t at) const {
    while (at < text_.size() && text_[at] != '\n' && text_[at] != '\r')
        ++at;
    return at;
}

std::size_t Editor::next_line_start(std::size_t at) const {
    at = line_end(at);
    if (at < text_.size() && text_[at] == '\r') ++at;
    if (at < text_.size() && text_[at] == '\n') ++at;
    return at;
}

std::string_view Editor::eol_at(std::size_t at) const {
    // The line break of this line, else of the first line that has one.
    std::size_t end = line_end(at);
    if (end >= text_.size()) end = line_end(0);
    if (end + 1 < text_.size() && text_[end] == '\r' && text_[end + 1] == '\n') return "\r\n";
    if (end < text_.size() && text_[end] == '\r') return "\r";
    return "\n";
}

std::optional<std::size_t> Editor::end_of(const Node& node) const {
    const std::optional<std::size_t> at = offset(node.mark());
    if (!at || *at >= text_.size()) return std::nullopt;
    const char c = text_[*at];
    if (node.is_scalar()) {
        const std::optional<Span> s = scalar(node.mark(), node.text());
        return s ? std::optional(s->end) : std::nullopt;
    }
    if (node.is_null()) return std::nullopt;
    if (c == '!' && !node.intrinsic_name().empty()) {
        // A short form (`!Sub text`): the node ends where its argument does.
        const Node& arg = *node.intrinsic_arg();
        if (arg.is_sequence() && arg.mark() == node.entries().front().value.mark() &&
            node.intrinsic_name() == "Fn::GetAtt") {
            return std::nullopt;  // `!GetAtt A.b` split in two: no single node spells it
        }
        return end_of(arg);
    }
    if (c == '{' || c == '[') {
        // Match brackets, skipping quoted strings and comments.
        int depth = 0;
        for (std::size_t i = *at; i < text_.size(); ++i) {
            const char ch = text_[i];
            if (ch == '"' || ch == '\'') {
                // In YAML a quote opens a string only where a scalar starts (`it's` has none).
                std::size_t p = i;
                while (p > *at && is_space(text_[p - 1]))
                    --p;
                const char before = p > 0 ? text_[p - 1] : ' ';
                const bool opens =
                    json_ || before == '[' || before == '{' || before == ',' || before == ':';
                if (!opens) continue;
                for (++i; i < text_.size(); ++i) {
                    if (ch == '"' && text_[i] == '\\') {
                        ++i;
                    } else if (text_[i] == ch) {
                        if (ch == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
                            ++i;
                            continue;
                        }
                        break;
                    }
                }
                continue;
            }
            if (!json_ && ch == '#' && i > 0 && is_space(text_[i - 1])) {
                i = line_end(i) - 1;
                continue;
            }
            if (ch == '{' || ch == '[') ++depth;
            if (ch == '}' || ch == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return std::nullopt;
    }
    if (node.is_mapping() && !node.entries().empty()) {
        const std::optional<Span> first = key_span(node.entries().front());
        if (!first || first->begin != *at) return std::nullopt;
        return end_of(node.entries().back().value);
    }
    if (node.is_sequence() && !node.items().empty() && c == '-') {
        return end_of(node.items().back());
    }
    return std::nullopt;
}

std::optional<TextEdit> Editor::remove_child(const Node& parent, std::size_t index) const {
    const bool mapping = parent.is_mapping();
    const std::size_t n = parent.size();
    if (n < 2 || index >= n) return std::nullopt;
    const auto begin_of = [&](std::size_t i) -> std::optional<std::size_t> {
        if (mapping) {
            const std::optional<Span> k = key_span(parent.entries()[i]);
            return k ? std::optional(k->begin) : std::nullopt;
        }
        return offset(parent.items()[i].mark());
    };
    const auto finish = [&](std::size_t i) {
        return end_of(mapping ? parent.entries()[i].value : parent.items()[i]);
    };
    const std::optional<std::size_t> begin = begin_of(index);
    const std::optional<std::size_t> end = finish(index);
    if (!begin || !end) return std::nullopt;
    if (!is_flow(parent)) {
        std::size_t from = line_start(*begin);
        if (mapping) {
            if (!line_starts_at(*begin)) return std::nullopt;
        } else {
            // `- item` with the dash first on its line.
            std::size_t d = *begin;
            while (d > from && is_blank(text_[d - 1]))
                --d;
            if (d == from || text_[d - 1] != '-' || !line_starts_at(d - 1)) return std::nullopt;
        }
        // The next sibling must start on a later line.
        const std::size_t to = next_line_start(*end);
        if (index + 1 < n) {
            const std::optional<std::size_t> next = begin_of(index + 1);
            if (!next || *next < to) return std::nullopt;
        }
        return TextEdit{from, to - from, {}};
    }
    // Flow: take the separator after the child, or before it for the last one. Only blanks,
    // line breaks and the comma may lie between (a comment there would be lost).
    const auto separator = [&](std::size_t from, std::size_t to) {
        int commas = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (text_[i] == ',') {
                ++commas;
            } else if (!is_space(text_[i])) {
                return false;
            }
        }
        return commas == 1;
    };
    if (index + 1 < n) {
        const std::optional<std::size_t> next = begin_of(index + 1);
        if (!next || *next < *end || !separator(*end, *next)) return std::nullopt;
        return TextEdit{*begin, *next - *begin, {}};
    }
    const std::optional<std::size_t> prev_end = finish(index - 1);
    if (!prev_end || *prev_end > *begin || !separator(*prev_end, *begin)) return std::nullopt;
    return TextEdit{*prev_end, *end - *prev_end, {}};
}

std::optional<TextEdit> Editor::remove_item(const Node& sequence, std::size_t index) const {
    if (!sequence.is_sequence()) return std::nullopt;
    return remove_child(sequence, index);
}

std::optional<TextEdit> Editor::remove_entry(const Node& mapping, std::string_view key) const {
    if (!mapping.is_mapping()) return std::nullopt;
    const auto& entries = mapping.entries();
    const auto it =
        std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
    if (it == entries.end()) return std::nullopt;
    // A key written twice: which one CloudFormation reads is T002's business, not a fix's.
    if (std::count_if(entries.begin(), entries.end(),
                      [&](const Entry& e) { return e.key == key; }) > 1) {
        return std::nullopt;
    }
    return remove_child(mapping, static_cast<std::size_t>(it - entries.begin()));
}

std::optional<TextEdit> Editor::remove_from_list(const Node& mapping, std::string_view key,
                                                 const Node* item, bool whole) const {
    if (!mapping.is_mapping()) return std::nullopt;
    const Entry* e = mapping.find(key);
    if (e == nullptr) return std::nullopt;
    const Node& list = e->value;
    if (whole || &list == item ||
        (list.is_sequence() && list.size() == 1 && item == &list.items()[0])) {
        return remove_entry(mapping, key);
    }
    if (!list.is_sequence()) return std::nullopt;
    for (std::size_t i = 0; i < list.items().size(); ++i) {
        if (&list.items()[i] == item) return remove_item(list, i);
    }
    return std::nullopt;
}

std::string Editor::render(const Value& value, std::size_t indent, bool multiline) const {
    const std::string_view eol = eol_at(0);
    const std::string pad(indent + indent_unit_, ' ');
    switch (value.kind) {
        case Value::Kind::String:
        case Value::Kind::Literal:
            return render_scalar(value);
        case Value::Kind::List: {
            std::string out = "[";
            for (std::size_t i = 0; i < value.items.size(); ++i) {
                if (i > 0) out += multiline ? "," : ", ";
                if (multiline) out.append(eol).append(pad);
                out += render(value.items[i], indent + indent_unit_, multiline);
            }
            if (multiline) out.append(eol).append(indent, ' ');
            return out + "]";
        }
        case Value::Kind::Map: {
            std::string out = "{";
            for (std::size_t i = 0; i < value.items.size(); ++i) {
                if (i > 0) out += multiline ? "," : ", ";
                if (multiline) out.append(eol).append(pad);
                out += render_key(value.items[i].key) + ": " +
                       render(value.items[i], indent + indent_unit_, multiline);
            }
            if (multiline) out.append(eol).append(indent, ' ');
            return out + "}";
        }
    }
    return {};
}

std::string Editor::render_entry(std::string_view key, const Value& value, std::size_t indent,
                                 bool flow, bool multiline) const {
    if (flow) return render_key(key) + ": " + render(value, indent, multiline);
    const std::string_view eol = eol_at(0);
    std::string out = render_key(key) + ":";
    const std::size_t inner = indent + indent_unit_;
    switch (value.kind) {
        case Value::Kind::String:
        case Value::Kind::Literal:
            return out + " " + render_scalar(value);
        case Value::Kind::Map:
            for (const Value& v : value.items)
                out.append(eol).append(inner, ' ') += render_entry(v.key, v, inner, false);
            return out;
        case Value::Kind::List:
            for (const Value& item : value.items) {
                out.append(eol).append(inner, ' ') += "- ";
                if (item.kind != Value::Kind::Map) {
                    out += render(item, inner, false);
                    continue;
                }
                for (std::size_t i = 0; i < item.items.size(); ++i) {
                    if (i > 0) out.append(eol).append(inner + 2, ' ');
                    out += render_entry(item.items[i].key, item.items[i], inner + 2, false);
                }
            }
            return out;
    }
    return out;
}

std::optional<TextEdit> Editor::insert_entry(const Node& mapping, std::string_view after,
                                             std::string_view key, const Value& value) const {
    return insert_entries(mapping, after, {{std::string(key), value}});
}

std::optional<TextEdit> Editor::insert_entries(
    const Node& mapping, std::string_view after,
    const std::vector<std::pair<std::string, Value>>& added) const {
    if (!usable_ || !mapping.is_mapping() || mapping.entries().empty() || added.empty()) {
        return std::nullopt;
    }
    const auto& entries = mapping.entries();
    const std::optional<Span> first = key_span(entries.front());
    const std::optional<std::size_t> at = offset(mapping.mark());
    if (!first || !at) return std::nullopt;
    const bool flow = is_flow(mapping);
    if (!flow && *at != first->begin) return std::nullopt;
    const Entry* anchor = nullptr;
    if (!after.empty()) {
        for (const Entry& e : entries)
            if (e.key == after) anchor = &e;
    }
    const std::string_view eol = eol_at(first->begin);
    // What separates two entries: in block style a line break and the indentation; in flow
    // style a comma and a space, or a line break and the line's own indentation when the
    // entries are written one per line.
    const auto separator = [&](std::size_t key_begin, std::size_t indent) {
        if (!flow) return std::string(eol) + std::string(indent, ' ');
        if (!line_starts_at(key_begin)) return std::string(", ");
        return "," + std::string(eol) +
               std::string(text_.substr(line_start(key_begin), key_begin - line_start(key_begin)));
    };
    const auto joined = [&](std::size_t key_begin, std::size_t indent) {
        std::string out;
        for (std::size_t i = 0; i < added.size(); ++i) {
            if (i > 0) out += separator(key_begin, indent);
            out += render_entry(added[i].first, added[i].second, indent, flow,
                                json_ && line_starts_at(key_begin));
        }
        return out;
    };
    if (anchor != nullptr) {
        const std::optional<Span> k = key_span(*anchor);
        const std::optional<std::size_t> end = end_of(anchor->value);
        if (k && end) {
            const std::size_t indent = anchor->key_mark.column - 1;
            // Block: at the end of the entry's last line (after a comment there); flow: right
            // after its value.
            const std::size_t where = flow ? *end : line_end(*end);
            return TextEdit{where, 0, separator(k->begin, indent) + joined(k->begin, indent)};
        }
    }
    const std::size_t indent = entries.front().key_mark.column - 1;
    return TextEdit{first->begin, 0,
                    joined(first->begin, indent) + separator(first->begin, indent)};
}

std::optional<TextEdit> Editor::insert_item(const Node& sequence, const Value& value) const {
    if (!usable_ || !sequence.is_sequence() || sequence.items().empty()) return std::nullopt;
    const Node& last = sequence.items().back();
    const std::optional<std::size_t> item = offset(last.mark());
    const std::optional<std::size_t> end = end_of(last);
    if (!item || !end) return std::nullopt;
    const std::string_view eol = eol_at(*item);
    const std::size_t content = last.mark().column - 1;
    if (is_flow(sequence)) {
        // After the last item: `, new`, or on a line of its own when items are one per line.
        const bool own_line = line_starts_at(*item);
        std::string text = ",";
        if (own_line) {
            text.append(eol).append(text_.substr(line_start(*item), *item - line_start(*item)));
        } else {
            text += ' ';
        }
        text += render(value, content, json_ && own_line);
        return TextEdit{*end, 0, std::move(text)};
    }
    // Block: a new `- item` line after the last item's last line, at its dash's column.
    std::size_t dash = *item;
    while (dash > 0 && is_blank(text_[dash - 1]))
        --dash;
    if (dash == 0 || text_[dash - 1] != '-' || !line_starts_at(dash - 1)) return std::nullopt;
    const std::size_t dash_indent = dash - 1 - line_start(dash - 1);
    std::string text(eol);
    text.append(dash_indent, ' ').append("-").append(*item - dash, ' ');
    if (value.kind == Value::Kind::Map) {
        for (std::size_t i = 0; i < value.items.size(); ++i) {
            if (i > 0) text.append(eol).append(content, ' ');
            text += render_entry(value.items[i].key, value.items[i], content, false);
        }
    } else {
        text += render(value, content, false);
    }
    return TextEdit{line_end(*end), 0, std::move(text)};
}

std::optional<TextEdit> Editor::replace_with_scalar(const Node& node,
                                                    const Node& replacement) const {
    const std::optional<std::size_t> begin = offset(node.mark());
    const std::optional<std::size_t> end = end_of(node);
    const std::optional<Span> with = scalar(replacement.mark(), replacement.text());
    if (!begin || !end || !with || *end < *begin) return std::nullopt;
    return TextEdit{*begin, *end - *begin,
                    std::string(text_.substr(with->begin, with->end - with->begin))};
}

}  // namespace stacklint::fix
