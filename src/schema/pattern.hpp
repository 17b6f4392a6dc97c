// JSON Schema `pattern` checks: ECMA-262 regular expressions run on RE2.
//
// The AWS schemas write their patterns in ECMA-262 syntax. RE2 runs in time linear in the
// input and never recurses, so a 10 MB string cannot make a check hang or overflow the
// stack, but it knows neither lookarounds nor backreferences and differs in details.
// `translate_ecma` rewrites a pattern into RE2 syntax. Where a construct has no RE2
// equivalent the translation *relaxes* it (drops a lookaround, turns a backreference into
// "anything"): the relaxed pattern matches every string the original matches and more, so a
// mismatch under it is still a mismatch under the original, and stacklint never reports a
// string the real pattern accepts.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace stacklint::schema {

struct TranslatedPattern {
    std::string re2;     // the pattern in RE2 syntax
    bool exact = false;  // false: some construct was relaxed (the pattern accepts more)
};

// RE2 syntax for an ECMA-262 pattern, or nullopt when the pattern cannot be translated
// soundly (a syntax error, an empty class `[]`, a negated class holding `\S`...).
std::optional<TranslatedPattern> translate_ecma(std::string_view ecma);

// A compiled pattern. Matching is a search (JSON Schema patterns are not anchored).
class Pattern {
  public:
    // nullptr when the pattern cannot be translated or RE2 refuses it.
    static std::unique_ptr<const Pattern> compile(std::string_view ecma);
    ~Pattern();
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;

    // True when `text` contains a match. Strings longer than `kMaxSubject` are not checked
    // (true): CloudFormation refuses any template above 1 MB, so such a string is already
    // someone else's finding, and a bound keeps every check cheap.
    bool search(std::string_view text) const;
    bool exact() const { return exact_; }

    static constexpr std::size_t kMaxSubject = std::size_t{1024} * 1024;

  private:
    Pattern(std::unique_ptr<re2::RE2> re, bool exact);
    std::unique_ptr<re2::RE2> re_;
    bool exact_;
};

}  // namespace stacklint::schema
