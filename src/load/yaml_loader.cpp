// YAML through yaml-cpp's event parser. We build our own tree from the events (rather than
// yaml-cpp's node graph) so that positions, quoting, short-form tags, anchors and every limit
// are under our control.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <istream>
#include <optional>
#include <streambuf>
#include <unordered_map>

#include "core/text.hpp"
#include "load/loader.hpp"
#include "load/tree_builder.hpp"

namespace stacklint {

namespace {

// An istream over bytes we already hold, without copying them.
class ViewBuffer : public std::streambuf {
  public:
    ViewBuffer(const char* begin, const char* end) {
        char* b = const_cast<char*>(begin);  // std::streambuf wants char*; we never write
        setg(b, b, const_cast<char*>(end));
    }
};

// `!Ref` and `!Condition` keep their names; every other short form gains `Fn::`. The rule
// functions of the Rules section (`!ValueOf`, `!EachMemberIn`...) are read the same way, as
// AWS's own sample templates write them.
std::string long_form(std::string_view tag) {
    static constexpr std::array kFn = {
        "Base64",      "Cidr",         "FindInMap",        "GetAZs",       "GetAtt",
        "ImportValue", "Join",         "Select",           "Split",        "Sub",
        "Transform",   "If",           "Equals",           "And",          "Or",
        "Not",         "ToJsonString", "Length",           "Contains",     "RefAll",
        "ValueOf",     "ValueOfAll",   "EachMemberEquals", "EachMemberIn", "GetStackOutput"};
    if (!tag.starts_with('!') || tag.starts_with("!!")) return {};
    tag.remove_prefix(1);
    if (tag == "Ref" || tag == "Condition") return std::string(tag);
    for (std::string_view fn : kFn) {
        if (tag == fn) return "Fn::" + std::string(tag);
    }
    return {};
}

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";

class YamlHandler final : public YAML::EventHandler {
  public:
    YamlHandler(Document& doc, const LoadLimits& limits, std::size_t base)
        : doc_(doc), limits_(limits), builder_(doc, limits), cursor_(*doc.source), base_(base) {}

    TreeBuilder& builder() { return builder_; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    // A mapping key that is itself a collection. CloudFormation has none, but yaml-cpp also
    // reports one for some unclosed flow collections, where its own syntax error (which
    // follows) says more. So the key is skipped and the error kept until the end.
    std::optional<LoadAbort> complex_key;

    void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
        if (skipping()) return;
        const Mark mark = to_mark(m);
        if (builder_.expecting_key()) {
            builder_.key(plain_text_at(offset(m)), mark);
            return;
        }
        emit(Node::null(mark), anchor);
    }

    void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
        if (skipping()) return;
        const Mark mark = to_mark(m);
        doc_.aliases = true;
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) {
            throw LoadAbort(mark,
                            "alias refers to an anchor that encloses it; a recursive "
                            "alias has no finite value");
        }
        const Anchored& a = it->second;
        alias_nodes_ += a.nodes;
        if (alias_nodes_ > limits_.max_alias_nodes) {
            throw LoadAbort(mark, "YAML aliases expand to more than " +
                                      std::to_string(limits_.max_alias_nodes) +
                                      " nodes (an alias bomb?); stacklint stops reading here");
        }
        if (builder_.depth() + a.height > limits_.max_depth) {
            throw LoadAbort(mark, "alias expands to " + too_deep_message(limits_.max_depth));
        }
        if (builder_.expecting_key()) {
            if (!a.node.is_scalar() && !a.node.is_null()) {
                throw LoadAbort(mark, "a mapping key must be a scalar, this alias is " +
                                          std::string(a.node.kind_name()));
            }
            builder_.key(a.node.text(), mark);
            return;
        }
        builder_.count_nodes(a.nodes, mark);
        // The copy as a whole is the value written here; inside it, positions stay those of
        // the text that spells it (the anchor's), and the engine drops findings repeated there.
        Node copy = a.node;
        copy.set_mark(mark);
        builder_.attach_built(std::move(copy));
    }

    void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (skipping()) return;
        const Mark mark = to_mark(m);
        const bool has_properties = tag != "?" && tag != "!";
        bool quoted = tag == "!";
        const std::size_t start = anchor || has_properties ? value_offset(m) : offset(m);
        check_closed(start);
        if (builder_.expecting_key()) {
            if (!long_form(tag).empty()) {
                throw LoadAbort(mark, "a mapping key cannot be the function " + tag);
            }
            builder_.key(value, anchor || has_properties ? value_mark(m) : mark);
            return;
        }
        const Mark inner = start == offset(m) ? mark : cursor_.at(start);
        if (!has_properties) {
            emit(Node::scalar(value, quoted, inner), anchor);
            return;
        }
        if (tag.starts_with(kCoreTagPrefix)) {
            const std::string_view core = std::string_view(tag).substr(kCoreTagPrefix.size());
            if (core == "null") {
                emit(Node::null(inner), anchor);
                return;
            }
            emit(Node::scalar(value, core == "str", inner), anchor);
            return;
        }
        const std::string fn = function_of(tag, mark);
        if (fn.empty()) {
            emit(Node::scalar(value, false, inner), anchor);
            return;
        }
        Node arg = Node::scalar(value, false, inner);
        if (fn == "Fn::GetAtt") arg = split_getatt(std::move(arg), start);
        emit(wrap(fn, mark, std::move(arg)), anchor);
    }

    void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        if (skip_collection(m)) return;
        open(m, tag, anchor);
        builder_.begin_sequence(open_.back().inner);
    }
    void OnSequenceEnd() override {
        if (!end_skipped()) close();
    }

    void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        if (skip_collection(m)) return;
        open(m, tag, anchor);
        builder_.begin_mapping(open_.back().inner);
    }
    void OnMapEnd() override {
        if (!end_skipped()) close();
    }

  private:
    struct Open {
        std::string function;  // long form of the collection's tag, or empty
        Mark outer;            // where the node (its tag, if any) starts
        Mark inner;            // where the collection itself starts
        YAML::anchor_t anchor;
    };
    struct Anchored {
        Node node;
        std::size_t nodes;
        std::size_t height;
    };

    std::size_t offset(const YAML::Mark& m) const {
        return base_ + static_cast<std::size_t>(m.pos < 0 ? 0 : m.pos);
    }
    Mark to_mark(const YAML::Mark& m) { return cursor_.at(offset(m)); }

    // yaml-cpp marks a node where its properties (`!Tag`, `&anchor`) start; the value itself
    // starts after them.
    std::size_t value_offset(const YAML::Mark& m) const {
        const std::string& bytes = doc_.source->bytes();
        std::size_t i = offset(m);
        while (i < bytes.size() && (bytes[i] == '!' || bytes[i] == '&')) {
            while (i < bytes.size() && !std::isspace(static_cast<unsigned char>(bytes[i])) &&
                   bytes[i] != '[' && bytes[i] != '{' && bytes[i] != ',')
                ++i;
            while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i])))
                ++i;
        }
        return i;
    }
    Mark value_mark(const YAML::Mark& m) { return cursor_.at(value_offset(m)); }

    // yaml-cpp 0.7 ends a quoted scalar at the end of the input without complaint when a line
    // break comes before it (only a file ending inside the scalar's first line is an error), so
    // one missing quote would silently turn the rest of the file into a string. The source
    // must therefore show the closing quote. Each scalar's bytes are scanned once, so the
    // check stays linear in the file.
    void check_closed(std::size_t start) {
        const std::string& bytes = doc_.source->bytes();
        if (start >= bytes.size() || (bytes[start] != '"' && bytes[start] != '\'')) return;
        const char quote = bytes[start];
        // Double quotes escape with a backslash, single quotes by doubling the quote.
        const char* const stops = quote == '"' ? "\"\\" : "'";
        for (std::size_t i = bytes.find_first_of(stops, start + 1); i != std::string::npos;
             i = bytes.find_first_of(stops, i + 2)) {
            const bool escaped =
                quote == '"' ? bytes[i] == '\\' : i + 1 < bytes.size() && bytes[i + 1] == '\'';
            if (!escaped) return;
        }
        throw LoadAbort(cursor_.at(start), std::string("invalid YAML: the string quoted with ") +
                                               quote +
                                               " here is never closed, so the rest of the file "
                                               "would be read as part of it");
    }

    // The text of a plain scalar the parser reported as null (`~`, `null`, or nothing).
    std::string plain_text_at(std::size_t off) const {
        const std::string& bytes = doc_.source->bytes();
        std::size_t end = off;
        while (end < bytes.size() && bytes[end] != ':' &&
               !std::isspace(static_cast<unsigned char>(bytes[end])))
            ++end;
        std::string text = bytes.substr(off, end - off);
        return text == "~" || text == "null" || text == "Null" || text == "NULL" ? text : "";
    }

    // The intrinsic function a local tag stands for, or empty (and reported) when it stands
    // for none: an unknown tag in a template, any tag in a configuration file.
    std::string function_of(const std::string& tag, Mark mark) {
        if (doc_.kind != FileKind::Template) {
            doc_.diagnostics.push_back({"T003", mark,
                                        "YAML tag '" + tag + "' has no meaning in " +
                                            std::string(file_kind_noun(doc_.kind)) +
                                            "; write the "
                                            "value without it"});
            return {};
        }
        std::string fn = long_form(tag);
        if (fn.empty()) unknown_tag(tag, mark);
        return fn;
    }

    void unknown_tag(const std::string& tag, Mark mark) {
        if (tag.starts_with("!Rain::")) {
            doc_.preprocessor_tags = true;
            doc_.diagnostics.push_back(
                {"T003", mark,
                 "'" + tag +
                     "' is a directive of the Rain preprocessor: CloudFormation reads the "
                     "template only once 'rain pkg' has written it out; lint that output for a "
                     "full check",
                 true});
            return;
        }
        static const std::vector<std::string_view> kShortForms = {
            "!Ref",          "!Condition",   "!Base64",        "!Cidr",   "!FindInMap", "!GetAZs",
            "!GetAtt",       "!ImportValue", "!Join",          "!Select", "!Split",     "!Sub",
            "!Transform",    "!If",          "!Equals",        "!And",    "!Or",        "!Not",
            "!ToJsonString", "!Length",      "!GetStackOutput"};
        doc_.diagnostics.push_back(
            {"T003", mark,
             "unknown tag '" + tag + "'" + did_you_mean(tag, kShortForms) +
                 ": CloudFormation knows only its short forms (!Ref, !Sub, !GetAtt, ...); "
                 "the value is read as if untagged"});
    }

    bool skipping() const { return skip_depth_ > 0; }

    // Starts or deepens the skipping of a complex key; true when the event is skipped.
    bool skip_collection(const YAML::Mark& m) {
        if (skip_depth_ > 0) {
            if (builder_.depth() + ++skip_depth_ > limits_.max_depth) {
                throw LoadAbort(to_mark(m), too_deep_message(limits_.max_depth));
            }
            return true;
        }
        if (!builder_.expecting_key()) return false;
        const Mark mark = to_mark(m);
        if (!complex_key)
            complex_key.emplace(mark, "a mapping key must be a scalar, not a collection");
        skip_key_mark_ = mark;
        skip_depth_ = 1;
        return true;
    }

    // Ends a skipped collection; true when the event was part of a skipped key.
    bool end_skipped() {
        if (skip_depth_ == 0) return false;
        if (--skip_depth_ == 0) builder_.key("", skip_key_mark_);
        return true;
    }

    void open(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor) {
        const Mark mark = to_mark(m);
        std::string fn;
        if (tag != "?" && tag != "!" && !tag.starts_with(kCoreTagPrefix)) {
            fn = function_of(tag, mark);
        }
        const Mark inner = tag != "?" || anchor ? value_mark(m) : mark;
        open_.push_back(Open{std::move(fn), mark, inner, anchor});
    }

    void close() {
        Open o = std::move(open_.back());
        open_.pop_back();
        Node node = builder_.pop_collection();
        if (!o.function.empty()) node = wrap(o.function, o.outer, std::move(node));
        if (!o.function.empty()) builder_.count_nodes(1, o.outer);  // the wrapper
        if (o.anchor) remember(o.anchor, node);
        builder_.attach_built(std::move(node));
    }

    void emit(Node node, YAML::anchor_t anchor) {
        if (anchor) remember(anchor, node);
        builder_.value(std::move(node));
    }

    void remember(YAML::anchor_t anchor, const Node& node) {
        anchors_[anchor] = Anchored{node, node.count_nodes(), height(node)};
    }

    static std::size_t height(const Node& node) {
        std::size_t h = 0;
        for (const Node& item : node.items())
            h = std::max(h, height(item));
        for (const Entry& e : node.entries())
            h = std::max(h, height(e.value));
        return node.is_sequence() || node.is_mapping() ? h + 1 : h;
    }

    static Node wrap(const std::string& fn, Mark mark, Node arg) {
        Node m = Node::mapping(mark);
        m.entries().push_back(Entry{fn, mark, std::move(arg)});
        return m;
    }

    // `!GetAtt Res.Attr.Sub` is `{Fn::GetAtt: [Res, Attr.Sub]}`: split at the first dot.
    // `start` is the scalar's offset in the source (its opening quote, if quoted).
    Node split_getatt(Node scalar, std::size_t start) {
        const std::string& text = scalar.text();
        const Mark mark = scalar.mark();
        Node list = Node::sequence(mark);
        const std::size_t dot = text.find('.');
        if (dot == std::string::npos) {
            list.items().push_back(std::move(scalar));
            return list;
        }
        list.items().push_back(Node::scalar(text.substr(0, dot), false, mark));
        // The attribute starts after the dot in the source when the text up to the dot is
        // spelt there as it reads (no escape, no folded line break); otherwise the scalar's
        // own position is the best one known.
        const std::string& bytes = doc_.source->bytes();
        std::size_t first = start;
        if (first < bytes.size() && (bytes[first] == '"' || bytes[first] == '\'')) ++first;
        const bool verbatim = bytes.compare(first, dot + 1, text, 0, dot + 1) == 0;
        const Mark attr = verbatim ? cursor_.at(first + dot + 1) : mark;
        list.items().push_back(Node::scalar(text.substr(dot + 1), false, attr));
        return list;
    }

    Document& doc_;
    const LoadLimits& limits_;
    TreeBuilder builder_;
    MarkCursor cursor_;
    std::size_t base_;
    std::vector<Open> open_;
    std::unordered_map<YAML::anchor_t, Anchored> anchors_;
    std::size_t alias_nodes_ = 0;
    std::size_t skip_depth_ = 0;
    Mark skip_key_mark_;
};

// Stops the parser at the start of a second document.
class SecondDocument final : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark& m) override { throw m; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

// yaml-cpp's message for an indentation made of tabs ("illegal map value") does not say why;
// YAML allows only spaces there. Empty unless `line` is indented with a tab.
std::string tab_hint(const Source& source, std::uint32_t line) {
    const std::string_view text = source.line_text(line);
    const std::size_t indent = text.find_first_not_of(" \t");
    if (text.substr(0, indent).find('\t') == std::string_view::npos) return {};
    return " (line " + std::to_string(line) +
           " is indented with a tab; YAML allows only spaces for indentation)";
}

}  // namespace

void load_yaml(Document& doc, const LoadLimits& limits) {
    const std::string& bytes = doc.source->bytes();
    const std::size_t base = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    // YAML breaks lines at CR LF, LF and a lone CR (YAML 1.2, production b-break), and so does
    // Source; yaml-cpp knows only the first two. The parser therefore reads a copy in which
    // each lone CR is a LF: one byte for one, so every offset still points into `bytes`, and
    // scalars get the LF that YAML's line-break normalisation gives them anyway.
    std::string normalized;
    const std::string* input = &bytes;
    for (std::size_t cr = bytes.find('\r'); cr != std::string::npos;
         cr = bytes.find('\r', cr + 1)) {
        if (cr + 1 < bytes.size() && bytes[cr + 1] == '\n') continue;
        if (input == &bytes) {
            normalized = bytes;
            input = &normalized;
        }
        normalized[cr] = '\n';
    }
    ViewBuffer buffer(input->data() + base, input->data() + input->size());
    std::istream in(&buffer);
    YamlHandler handler(doc, limits, base);
    MarkCursor errors(*doc.source);
    auto offset_of = [&](const YAML::Mark& m) {
        return m.is_null() || m.pos < 0 ? bytes.size() : base + static_cast<std::size_t>(m.pos);
    };
    auto fail = [&](Mark mark, const std::string& message) {
        doc.root.reset();
        doc.diagnostics.push_back({"T001", mark, message});
    };
    try {
        YAML::Parser parser(in);
        if (!parser.HandleNextDocument(handler) || !handler.builder().done()) {
            doc.root = Node::null(Mark{1, 1});
            return;
        }
        if (handler.complex_key) throw *handler.complex_key;
        doc.root = handler.builder().take_root();
        try {
            SecondDocument probe;
            parser.HandleNextDocument(probe);
        } catch (const YAML::Mark& m) {
            doc.diagnostics.push_back(
                {"T001", errors.at(offset_of(m)),
                 doc.kind != FileKind::Template
                     ? "a second YAML document starts here; " +
                           std::string(file_kind_noun(doc.kind)) +
                           " is one YAML "
                           "document"
                     : "a second YAML document starts here; CloudFormation reads one document "
                       "per template"});
        } catch (const YAML::Exception& e) {
            doc.diagnostics.push_back({"T001", errors.at(offset_of(e.mark)),
                                       "invalid YAML after the first document: " + e.msg});
        }
    } catch (const LoadAbort& e) {
        fail(e.mark, e.what());
    } catch (const YAML::DeepRecursion& e) {
        fail(errors.at(offset_of(e.mark)),
             "nesting too deep for the YAML parser; stacklint stops reading the file here");
    } catch (const YAML::Exception& e) {
        const Mark at = errors.at(offset_of(e.mark));
        fail(at, "invalid YAML: " + e.msg + tab_hint(*doc.source, at.line));
    } catch (const std::exception& e) {
        fail(Mark{1, 1}, std::string("cannot read YAML: ") + e.what());
    }
}

}  // namespace stacklint
