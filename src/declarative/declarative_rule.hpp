// Declarative rules as rules of the registry: built-in ones (rules/<pack>/*.yaml, carried in
// the binary) and a team's own (`--rules DIR`, `rule_dirs:`).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "declarative/rule_file.hpp"
#include "lint/rule.hpp"

namespace stacklint::declarative {

// The pack of rules read from a team's rule files.
inline constexpr std::string_view kUserPack = "custom";

// Name or type globs, the plain names among them compared as strings.
struct NameGlobs {
    explicit NameGlobs(const std::vector<std::string>& patterns);
    bool matches(std::string_view name) const;
    std::vector<std::string> plain;
    std::vector<std::string> globs;
    bool everything = false;  // "*"
};

class DeclarativeRule final : public Rule {
  public:
    DeclarativeRule(RuleSpec spec, std::shared_ptr<const Document> document);
    const RuleInfo& info() const override { return info_; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override;
    const RuleSpec& spec() const { return spec_; }

  private:
    void judge(const Target& target, std::string_view name, std::string_view type,
               Reporter& out) const;
    RuleSpec spec_;
    std::shared_ptr<const Document> document_;  // the rule file the conditions point into
    NameGlobs targets_;                         // spec_.globs
    RuleInfo info_;
};

// What loading rule directories found.
struct LoadedRules {
    std::vector<RuleFileError> errors;
    std::vector<std::string> ids;  // the rules added, in file order
    std::size_t files = 0;         // rule files read
};

// The rule files of a directory: its `.yaml` and `.yml` files at any depth, except below
// directories named `tests` (the rules' fixtures) or starting with a dot. A path naming a file
// is that file. Sorted, so rules load in the same order everywhere.
std::vector<std::filesystem::path> rule_files(const std::filesystem::path& dir,
                                              std::vector<RuleFileError>& errors);

// Reads the rule files of each path (a directory or a rule file) and adds their rules to the
// registry. A file already loaded by this process (the same real path) is not read again. Every
// mistake is an error naming the file, line and column; an id or name another rule has is one.
LoadedRules load_rules(const std::vector<std::filesystem::path>& paths);

}  // namespace stacklint::declarative
