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
#include <vector>

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

// A long counted repetition costs RE2 one copy of the repeated atom per count: compiling
// `^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$` takes about 100 ms. `split_repetition` rewrites the
// alternatives of a pattern where a cheaper equivalent exists:
//   - `^A X{m,n} B$`, where X is the only atom of variable width: `^A X{m,} B$` and a length
//     check (the text's code points between the fixed width plus m and plus n);
//   - `A X{m,n}` without a final `$`, or `X{m,n} B` without a leading `^`: X{m} (a search
//     that finds X repeated n times finds it repeated m times at the same place).
// An alternative is one of the pattern's top-level `|` branches; a pattern matches when one
// of them does. Empty when no alternative needs it (the pattern is compiled as written).
struct PatternPart {
    std::string ecma;
    std::size_t min_chars = 0;  // code points, when `bounded`
    std::size_t max_chars = 0;
    bool bounded = false;
};
std::vector<PatternPart> split_repetition(std::string_view ecma);

// A compiled pattern. Matching is a search (JSON Schema patterns are not anchored).
class Pattern {
  public:
    // nullptr when the pattern cannot be translated or RE2 refuses it. `simplify`: use
    // split_repetition's equivalent form where there is one (tests compare both).
    static std::unique_ptr<const Pattern> compile(std::string_view ecma, bool simplify = true);
    ~Pattern();
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;

    // True when `text` contains a match. Strings longer than `kMaxSubject` are not checked
    // (true): CloudFormation refuses any template above 1 MB, so such a string is already
    // someone else's finding, and a bound keeps every check cheap.
    bool search(std::string_view text) const;
    bool exact() const { return exact_; }

    static constexpr std::size_t kMaxSubject = std::size_t{1024} * 1024;

    // How many RE2 programs match it (more than one after split_repetition).
    std::size_t parts() const { return parts_.size(); }

  private:
    struct Part {
        std::unique_ptr<re2::RE2> re;
        std::size_t min_chars = 0;
        std::size_t max_chars = 0;
        bool bounded = false;
    };
    Pattern(std::vector<Part> parts, bool exact);
    std::vector<Part> parts_;
    bool exact_;
};

}  // namespace stacklint::schema
