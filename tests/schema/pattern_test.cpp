// ECMA-262 patterns on RE2: translation, relaxation, and huge inputs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "schema/pattern.hpp"
#include "schema/registry.hpp"

using stacklint::schema::Pattern;
using stacklint::schema::translate_ecma;

namespace {

bool matches(const char* pattern, const std::string& text) {
    const auto p = Pattern::compile(pattern);
    REQUIRE(p != nullptr);
    return p->search(text);
}

void collect_patterns(const nlohmann::json& node, std::set<std::string>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "pattern" && value.is_string()) {
                out.insert(value.get<std::string>());
            } else {
                collect_patterns(value, out);
            }
        }
    } else if (node.is_array()) {
        for (const auto& value : node)
            collect_patterns(value, out);
    }
}

// Every distinct `pattern` of the embedded schema data.
std::set<std::string> shipped_patterns() {
    const std::filesystem::path file =
        std::filesystem::path(STACKLINT_SOURCE_DIR) / "schemas/cfn-resource-types.jsonl";
    std::ifstream in(file);
    REQUIRE(in.is_open());
    std::set<std::string> patterns;
    std::string line;
    while (std::getline(in, line))
        collect_patterns(nlohmann::json::parse(line), patterns);
    return patterns;
}

}  // namespace

TEST_CASE("Patterns: ECMA-262 syntax translated for RE2", "[schema][pattern]") {
    CHECK(matches("^[a-z0-9-_.]+$", "a-b_c.d"));  // '-' after a range is a literal
    CHECK_FALSE(matches("^[a-z0-9-_.]+$", "A"));
    CHECK(matches("^[\\w-.]+$", "a-b.c"));  // Annex B: a class escape makes '-' a literal
    CHECK(matches("^\\u0041{2}$", "AA"));
    CHECK(matches("^a{2}b{$", "aab{"));   // a '{' that is not a quantifier is a literal
    CHECK(matches("^\\s$", "\xC2\xA0"));  // ECMA's \s includes NO-BREAK SPACE
    CHECK_FALSE(matches("^\\S$", "\xC2\xA0"));
    CHECK(matches("^[\\p{L}\\p{N}]+$",
                  "\xC3\xA9t\xC3\xA9"
                  "2"));
    CHECK(matches("^(?<year>[0-9]{4})$", "2024"));
    CHECK(matches("^[^]$", "\n"));
    CHECK(matches("^.{1,2048}$", std::string(1500, 'x')));             // counts above RE2's 1000
    CHECK(matches("^[.\\-_/#A-Za-z0-9]{1,512}\\Z", "/aws/lambda/x"));  // Java's \Z
    CHECK(matches("(?i)^abc$", "ABC"));
    CHECK_FALSE(translate_ecma("[]").has_value());
    CHECK_FALSE(translate_ecma("[z-a]").has_value());
    CHECK(Pattern::compile("(abc") == nullptr);  // translated, but RE2 refuses it
}

TEST_CASE("Patterns: lookarounds and backreferences are relaxed, never stricter",
          "[schema][pattern]") {
    const auto p = Pattern::compile("^(?!aws:)[a-z:]+$");
    REQUIRE(p != nullptr);
    CHECK_FALSE(p->exact());
    CHECK(p->search("aws:x"));  // the real pattern rejects it; the relaxed one cannot tell
    CHECK(p->search("abc"));
    CHECK_FALSE(p->search("ABC"));  // still rejected by what remains
    CHECK(matches("^(a)\\1$", "ab"));
    CHECK(matches("^(?<!-)x(?=y)", "xz"));
}

TEST_CASE("Patterns: huge inputs are linear and bounded", "[schema][pattern]") {
    // Catastrophic backtracking for a backtracking engine; linear for RE2.
    const auto p = Pattern::compile("^(a+)+$");
    REQUIRE(p != nullptr);
    CHECK_FALSE(p->search(std::string(100000, 'a') + "b"));
    // Beyond the subject bound a string is not checked at all.
    CHECK(p->search(std::string(Pattern::kMaxSubject + 1, 'b')));
}

TEST_CASE("Patterns: how many of the shipped schemas' patterns compile",
          "[schema][pattern][data]") {
    const std::set<std::string> patterns = shipped_patterns();
    std::size_t exact = 0;
    std::size_t relaxed = 0;
    std::size_t failed = 0;
    for (const std::string& pattern : patterns) {
        const auto p = Pattern::compile(pattern);
        if (p == nullptr) {
            ++failed;
        } else if (p->exact()) {
            ++exact;
        } else {
            ++relaxed;
        }
    }
    INFO("distinct patterns " << patterns.size() << ": exact " << exact << ", relaxed " << relaxed
                              << ", not checked " << failed);
    CHECK(patterns.size() > 2000);
    // At the time of writing: 2,241 distinct patterns, 5 of them not checked.
    CHECK(failed * 100 < patterns.size());
}

TEST_CASE("Patterns: long counted repetitions are split into a cheap pattern and a length check",
          "[schema][pattern]") {
    using stacklint::schema::split_repetition;
    auto parts = split_repetition("^[a-zA-Z][a-zA-Z0-9\\-]{0,127}$");
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].ecma == "^[a-zA-Z][a-zA-Z0-9\\-]{0,}$");
    CHECK(parts[0].bounded);
    CHECK(parts[0].min_chars == 1);
    CHECK(parts[0].max_chars == 128);
    // Each top-level alternative on its own.
    parts = split_repetition("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$|resource-groups:Name");
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].ecma == "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,}$");
    CHECK(parts[1].ecma == "resource-groups:Name");
    CHECK_FALSE(parts[1].bounded);
    // Unanchored on the repetition's side: the minimum count finds the same matches.
    parts = split_repetition(".{1,255}");
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].ecma == ".{1}");
    CHECK_FALSE(parts[0].bounded);
    // Left alone: short counts, two variable atoms, groups, lazy quantifiers, \Z.
    for (const char* kept : {"^[a-z]{1,16}$", "^a+[b-z]{1,256}$", "^(ab){1,100}$", "^a{1,100}?$",
                             "^[.\\-_/#A-Za-z0-9]{1,512}\\Z", "^x[a-z]{1,64}y"}) {
        INFO(kept);
        CHECK(split_repetition(kept).empty());
    }
    // The lengths are code points, as RE2 matches them.
    const std::string e_acute = "\xC3\xA9";
    std::string forty;
    for (int i = 0; i < 40; ++i)
        forty += e_acute;
    CHECK(matches("^[\\p{L}]{1,40}$", forty));
    CHECK_FALSE(matches("^[\\p{L}]{1,40}$", forty + e_acute));
    CHECK_FALSE(matches("^x[a-z]{2,40}$", "xa"));
    // Above RE2's count limit the bound still holds, exactly.
    const auto big = Pattern::compile("^[a-z]{1,2048}$");
    REQUIRE(big != nullptr);
    CHECK(big->exact());
    CHECK(big->search(std::string(2048, 'a')));
    CHECK_FALSE(big->search(std::string(2049, 'a')));
    CHECK(matches("^x[a-z]{2,40}$", "xab"));
}

TEST_CASE("Patterns: the split form of every shipped pattern answers as the original does",
          "[schema][pattern][data]") {
    const std::set<std::string> patterns = shipped_patterns();
    // Strings around every count the patterns use, of characters they accept and refuse.
    std::vector<std::string> probes = {"",
                                       "a",
                                       "Z",
                                       "1",
                                       "-",
                                       "a-b_c.d",
                                       "abc:def/ghi",
                                       " ",
                                       "\n",
                                       "arn:aws:iam::123456789012:role/x",
                                       "\xC3\xA9t\xC3\xA9"};
    for (const std::size_t n :
         {1,   2,   3,   31,  32,  33,  63,  64,  65,  100,  101,  127,  128,
          129, 200, 201, 255, 256, 257, 511, 512, 513, 1024, 1025, 2048, 2049}) {
        for (const char* unit : {"a", "A", "1", "-", ".", "\xC3\xA9", " "}) {
            std::string s;
            for (std::size_t i = 0; i < n; ++i)
                s += unit;
            probes.push_back(s);
            probes.push_back("x" + s);
            probes.push_back(s + "1");
        }
    }
    std::size_t split = 0;
    for (const std::string& pattern : patterns) {
        if (stacklint::schema::split_repetition(pattern).empty()) continue;
        ++split;
        const auto fast = Pattern::compile(pattern, true);
        const auto slow = Pattern::compile(pattern, false);
        REQUIRE((fast == nullptr) == (slow == nullptr));
        if (fast == nullptr) continue;
        // Counts above RE2's 1000 are relaxed when compiled as written; the split form checks
        // them exactly with the length, so it may refuse what the relaxed form accepts, and
        // never accepts what it refuses.
        if (slow->exact()) CHECK(fast->exact());
        for (const std::string& probe : probes) {
            INFO(pattern << " on a string of " << probe.size()
                         << " bytes: " << probe.substr(0, 40));
            if (slow->exact()) {
                CHECK(fast->search(probe) == slow->search(probe));
            } else if (fast->search(probe)) {
                CHECK(slow->search(probe));
            }
        }
    }
    INFO("patterns split: " << split);
    CHECK(split > 100);
}
