// JSON through nlohmann/json's SAX parser. nlohmann does not report where a value starts, so
// the bytes reach the parser through an iterator that watches them go by and remembers where
// the latest token began; each SAX callback then reads that position.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "load/loader.hpp"
#include "load/tree_builder.hpp"

namespace stacklint {

namespace {

// Follows the lexer byte by byte: outside strings, the start of the last value token.
struct TokenTracker {
    const char* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
    std::size_t token_start = 0;
    bool in_string = false;
    bool escaped = false;
    bool in_word = false;  // inside a number or a literal (true/false/null)

    void advance() {
        const char c = data[pos];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            in_word = false;
            token_start = pos;
        } else if (c == '{' || c == '[') {
            in_word = false;
            token_start = pos;
        } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') ||
                   (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (!in_word) token_start = pos;
            in_word = true;
        } else {
            in_word = false;
        }
        ++pos;
    }
};

class TrackingIterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator(TokenTracker* tracker, bool is_end) : tracker_(tracker), end_(is_end) {}
    reference operator*() const { return tracker_->data[tracker_->pos]; }
    TrackingIterator& operator++() {
        tracker_->advance();
        return *this;
    }
    TrackingIterator operator++(int) {
        TrackingIterator old = *this;
        tracker_->advance();
        return old;
    }
    bool operator==(const TrackingIterator& other) const { return position() == other.position(); }
    bool operator!=(const TrackingIterator& other) const { return !(*this == other); }

  private:
    std::size_t position() const { return end_ ? tracker_->size : tracker_->pos; }
    TokenTracker* tracker_;
    bool end_;
};

class JsonHandler {
  public:
    using json = nlohmann::json;
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    JsonHandler(Document& doc, const LoadLimits& limits, const TokenTracker& tracker,
                std::size_t base)
        : doc_(doc), builder_(doc, limits), tracker_(tracker), cursor_(*doc.source), base_(base) {}

    TreeBuilder& builder() { return builder_; }

    bool null() {
        builder_.value(Node::null(here()));
        return true;
    }
    bool boolean(bool) { return word(); }
    bool number_integer(number_integer_t) { return word(); }
    bool number_unsigned(number_unsigned_t) { return word(); }
    bool number_float(number_float_t, const string_t&) { return word(); }
    bool string(string_t& value) {
        builder_.value(Node::scalar(std::move(value), true, here()));
        return true;
    }
    bool binary(binary_t&) { return true; }  // not produced by the JSON text parser
    bool start_object(std::size_t) {
        builder_.begin_mapping(here());
        return true;
    }
    bool key(string_t& value) {
        builder_.key(std::move(value), here());
        return true;
    }
    bool end_object() {
        builder_.end_collection();
        return true;
    }
    bool start_array(std::size_t) {
        builder_.begin_sequence(here());
        return true;
    }
    bool end_array() {
        builder_.end_collection();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) {
        // `position` counts the bytes the lexer consumed; the last of them (whitespace aside)
        // is where it gave up.
        const std::string& bytes = doc_.source->bytes();
        std::size_t at = std::min(base_ + position, bytes.size());
        if (at > base_) --at;
        while (at > base_ && std::isspace(static_cast<unsigned char>(bytes[at])))
            --at;
        error_offset = at;
        error = e.what();
        return false;
    }

    std::size_t error_offset = 0;
    std::string error;

  private:
    Mark here() { return cursor_.at(tracker_.token_start); }

    // Numbers and literals keep their text exactly as written (`1.50` stays `1.50`).
    bool word() {
        const std::string& bytes = doc_.source->bytes();
        std::size_t end = tracker_.token_start;
        while (end < bytes.size()) {
            const char c = bytes[end];
            if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') ||
                  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                break;
            ++end;
        }
        builder_.value(Node::scalar(bytes.substr(tracker_.token_start, end - tracker_.token_start),
                                    false, here()));
        return true;
    }

    Document& doc_;
    TreeBuilder builder_;
    const TokenTracker& tracker_;
    MarkCursor cursor_;
    std::size_t base_;  // bytes of a byte-order mark before the JSON text
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
// "syntax error ...": we print our own position.
std::string strip_position(const std::string& what) {
    const std::size_t at = what.find("parse error");
    if (at == std::string::npos) return what;
    const std::size_t colon = what.find(": ", at);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

void load_json(Document& doc, const LoadLimits& limits) {
    const std::string& bytes = doc.source->bytes();
    const std::size_t base = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    TokenTracker tracker{bytes.data(), bytes.size(), base};
    tracker.token_start = base;
    JsonHandler handler(doc, limits, tracker, base);
    MarkCursor errors(*doc.source);
    try {
        const bool ok = nlohmann::json::sax_parse(TrackingIterator(&tracker, false),
                                                  TrackingIterator(&tracker, true), &handler);
        if (!ok || !handler.builder().done()) {
            doc.root.reset();
            doc.diagnostics.push_back(
                {"T001", errors.at(handler.error_offset),
                 "invalid JSON: " + (handler.error.empty() ? std::string("incomplete document")
                                                           : strip_position(handler.error))});
            return;
        }
        doc.root = handler.builder().take_root();
    } catch (const LoadAbort& e) {
        doc.root.reset();
        doc.diagnostics.push_back({"T001", e.mark, e.what()});
    } catch (const std::exception& e) {
        doc.root.reset();
        doc.diagnostics.push_back(
            {"T001", Mark{1, 1}, std::string("cannot read JSON: ") + e.what()});
    }
}

}  // namespace stacklint
