// Rule files: the YAML a declarative rule is written in (docs/rule-language.md), read and
// checked with the position of every mistake.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/severity.hpp"
#include "declarative/condition.hpp"
#include "load/loader.hpp"

namespace stacklint::declarative {

// What a rule is judged on.
enum class Scope : std::uint8_t { Resources, Parameters, Outputs, Stacks };

struct RuleSpec {
    std::string id;
    std::string name;
    std::string pack;
    Severity severity = Severity::Warning;
    std::string summary;
    std::string doc;      // Markdown: What it finds / Why it matters / Bad / Good (/ Fix)
    std::string message;  // with {name}, {type}, {path}, {value}... placeholders
    Scope scope = Scope::Resources;
    std::vector<std::string> globs;  // types (resources) or names (the rest)
    std::optional<bool> stateful;
    std::optional<Condition> when;
    Condition require;
    bool unknown_fails = false;
    bool opt_in = false;  // runs only when a `select` names it (RuleInfo::opt_in)
    std::string file;     // the rule file, as shown in messages
    Mark id_mark;         // where its id is written
    Mark name_mark;       // ... and its name
};

struct RuleFile {
    // The parsed file: the conditions point at its nodes (the values they compare with).
    std::shared_ptr<const Document> document;
    std::vector<RuleSpec> rules;
};

struct RuleFileError {
    std::string file;
    Mark mark;
    std::string message;
    // "FILE:LINE:COL: MESSAGE"
    std::string text() const;
};

// Whether ids must be a built-in's (a pack letter and three digits: rules/<pack>/*.yaml) or a
// team's (`PREFIX-NAME`: never a built-in's).
enum class Origin : std::uint8_t { BuiltIn, User };

// Reads and checks one rule file. `pack` is the pack its rules belong to.
// `format`: rule files are YAML; the built-in ones are embedded as JSON (tools/rulegen).
std::optional<RuleFile> parse_rule_file(const std::shared_ptr<const Source>& source, Origin origin,
                                        const std::string& pack, RuleFileError& error,
                                        Format format = Format::Yaml);

}  // namespace stacklint::declarative
