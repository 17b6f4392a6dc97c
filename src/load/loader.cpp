#include "load/loader.hpp"

#include <algorithm>
#include <cstdio>

#include "core/text.hpp"

namespace stacklint {

namespace {

bool ends_with_icase(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                      [](char a, char b) { return a == (b | 0x20); });
}

bool is_blank(std::string_view bytes) {
    return std::all_of(bytes.begin(), bytes.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

}  // namespace

Format detect_format(std::string_view name, std::string_view bytes) {
    if (ends_with_icase(name, ".json")) return Format::Json;
    if (ends_with_icase(name, ".yaml") || ends_with_icase(name, ".yml")) return Format::Yaml;
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[')) {
        return Format::Json;
    }
    return Format::Yaml;
}

std::string_view file_kind_noun(FileKind kind) {
    switch (kind) {
        case FileKind::Configuration:
            return "a configuration file";
        case FileKind::Rules:
            return "a rule file";
        case FileKind::Template:
            break;
    }
    return {};
}

std::optional<Diagnostic> check_encoding(const Source& source, FileKind kind) {
    const std::string_view bytes = source.bytes();
    const bool config = kind != FileKind::Template;
    const std::string noun(file_kind_noun(kind));
    const std::string must_be_utf8 =
        config ? noun + " must be UTF-8" : "CloudFormation templates must be UTF-8";
    if (bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4)) ||
        bytes.starts_with(std::string_view("\xFF\xFE\x00\x00", 4))) {
        return Diagnostic{
            "T001", Mark{1, 1},
            "file is UTF-32 (it starts with a UTF-32 byte-order mark); " + must_be_utf8};
    }
    if (bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xFF\xFE")) {
        return Diagnostic{
            "T001", Mark{1, 1},
            "file is UTF-16 (it starts with a UTF-16 byte-order mark); " + must_be_utf8};
    }
    // A NUL byte anywhere says "binary file" more clearly than whatever invalid UTF-8 precedes it.
    if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        return Diagnostic{"T001", source.mark_at(nul),
                          std::string("file contains a NUL byte; it looks like a binary file, ") +
                              (config ? "not " + noun : std::string("not a template"))};
    }
    for (std::size_t i = 0; i < bytes.size();) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        const std::size_t n = utf8_sequence_length(bytes, i);
        if (n == 0) {
            return Diagnostic{"T001", source.mark_at(i),
                              "invalid UTF-8 (byte " + hex_byte(c) + "); " + must_be_utf8};
        }
        i += n;
    }
    return std::nullopt;
}

Document load_document(std::shared_ptr<const Source> source, const LoadLimits& limits) {
    const Format format = detect_format(source->name(), source->bytes());
    return load_document(std::move(source), format, limits);
}

Document load_document(std::shared_ptr<const Source> source, Format format,
                       const LoadLimits& limits, FileKind kind) {
    Document doc;
    doc.source = std::move(source);
    doc.format = format;
    doc.kind = kind;
    if (auto bad = check_encoding(*doc.source, kind)) {
        doc.diagnostics.push_back(std::move(*bad));
        return doc;
    }
    std::string_view text = doc.source->bytes();
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (is_blank(text)) {
        doc.root = Node::null(Mark{1, 1});
        return doc;
    }
    if (format == Format::Json) {
        load_json(doc, limits);
    } else {
        load_yaml(doc, limits);
    }
    return doc;
}

}  // namespace stacklint
