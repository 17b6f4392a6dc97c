// Bytes in, one `Document` out: YAML or JSON, with positions, never an exception.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/node.hpp"
#include "load/source.hpp"

namespace stacklint {

enum class Format { Yaml, Json };

// Something the loader noticed. `rule` is the id of the rule that reports it:
// T001 the file cannot be read as a template, T002 duplicate key, T003 unknown YAML tag.
struct Diagnostic {
    std::string_view rule;
    Mark mark;
    std::string message;
    // A directive of a template preprocessor (Rain's `!Rain::Embed`): no mistake, but the
    // template is read only after the preprocessor ran. Reported as info.
    bool preprocessor = false;
};

// Bounds that keep hostile input from exhausting the stack or memory. Documented in README.
struct LoadLimits {
    std::size_t max_depth = 256;              // nested mappings/sequences
    std::size_t max_alias_nodes = 1'000'000;  // nodes created by expanding YAML aliases
    std::size_t max_nodes = 20'000'000;       // nodes in one document
};

// What a file is read as. The loader's messages say what is wrong with that kind of file, and
// only templates have CloudFormation's short-form tags (`!Ref`): in a configuration file a tag
// is an error.
// What a file is, for messages and for what YAML may hold: configuration and rule files
// (src/declarative) refuse YAML tags, which only templates give a meaning to.
enum class FileKind { Template, Configuration, Rules };

// "a configuration file", "a rule file"; empty for templates.
std::string_view file_kind_noun(FileKind kind);

struct Document {
    std::shared_ptr<const Source> source;
    Format format = Format::Yaml;
    FileKind kind = FileKind::Template;
    std::optional<Node> root;  // empty when the file could not be parsed at all
    std::vector<Diagnostic> diagnostics;
    // True when a YAML tag of a template preprocessor appears (Rain's `!Rain::Embed`,
    // `!Rain::Module`...): another tool rewrites the document before CloudFormation reads it.
    bool preprocessor_tags = false;
    // True when a YAML alias (`*name`) appears: nodes inside an alias's copy keep the anchor's
    // positions, so one edit there would change every place that uses the anchor. Fixes
    // (src/fix/) leave such documents alone.
    bool aliases = false;
};

// Picks JSON for `.json`, YAML for `.yaml`/`.yml`, and otherwise looks at the first
// non-blank character: `{` or `[` means JSON.
Format detect_format(std::string_view name, std::string_view bytes);

// Checks that the bytes are UTF-8 text (BOM allowed) and returns what is wrong otherwise:
// UTF-16/32, NUL bytes, invalid UTF-8 sequences.
std::optional<Diagnostic> check_encoding(const Source& source, FileKind kind = FileKind::Template);

Document load_document(std::shared_ptr<const Source> source, const LoadLimits& limits = {});
Document load_document(std::shared_ptr<const Source> source, Format format,
                       const LoadLimits& limits = {}, FileKind kind = FileKind::Template);

// Format-specific entry points; the bytes must already have passed check_encoding.
void load_yaml(Document& doc, const LoadLimits& limits);
void load_json(Document& doc, const LoadLimits& limits);

}  // namespace stacklint
