#include "schema/pattern.hpp"

#include <re2/re2.h>

#include <cstdint>

namespace stacklint::schema {

namespace {

// ECMA-262 WhiteSpace and LineTerminator: what `\s` means there. RE2's `\s` is ASCII only,
// so a plain `\s` would reject strings that the real pattern accepts.
constexpr std::string_view kEcmaSpaces =
    "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}"
    "\\x{205F}\\x{3000}\\x{FEFF}";

// RE2 refuses repetition counts above 1000.
constexpr unsigned long kMaxRepeat = 1000;

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string hex_escape(std::uint32_t cp) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string digits;
    do {
        digits.insert(digits.begin(), kDigits[cp % 16]);
        cp /= 16;
    } while (cp != 0);
    return "\\x{" + digits + "}";
}

// The length of the UTF-8 sequence starting with `lead` (1 for ASCII and stray bytes).
std::size_t utf8_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

std::uint32_t utf8_decode(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(s[i]) & 0xFF; };
    switch (s.size()) {
        case 2:
            return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
        case 3:
            return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        case 4:
            return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
                   (b(3) & 0x3F);
        default:
            return b(0);
    }
}

// Walks `s` from `from`, skipping escapes and character classes, and calls
// `visit(c, k, depth)` for each `(`, `)` and `|` at index k, with the group depth after it;
// returns the index where `visit` returned true, or npos.
template <typename Visit>
std::size_t scan_structure(std::string_view s, std::size_t from, Visit visit) {
    int depth = 0;
    bool in_class = false;
    for (std::size_t k = from; k < s.size(); ++k) {
        const char c = s[k];
        if (c == '\\') {
            ++k;
        } else if (in_class) {
            if (c == ']') in_class = false;
        } else if (c == '[') {
            in_class = true;
        } else if (c == '(' || c == ')' || c == '|') {
            depth += c == '(' ? 1 : (c == ')' ? -1 : 0);
            if (visit(c, k, depth)) return k;
        }
    }
    return std::string_view::npos;
}

// One element of a character class: a single character (which can end a range) or a class
// escape such as `\d` (which cannot).
struct ClassAtom {
    std::string text;  // RE2 spelling
    std::uint32_t cp = 0;
    bool is_char = true;
};

class Translator {
  public:
    explicit Translator(std::string_view s) : s_(s) {}

    std::optional<TranslatedPattern> run() {
        while (i_ < s_.size()) {
            if (!step()) return std::nullopt;
        }
        return TranslatedPattern{std::move(out_), exact_};
    }

  private:
    bool at(std::size_t k, char c) const { return k < s_.size() && s_[k] == c; }
    bool starts(std::string_view prefix) const { return s_.substr(i_).starts_with(prefix); }

    bool step() {
        const char c = s_[i_];
        switch (c) {
            case '\\':
                return escape_outside();
            case '[':
                return char_class();
            case '(':
                return group();
            case '{':
                return brace();
            case '}':
            case ']':
                out_ += '\\';
                out_ += c;
                ++i_;
                return true;
            default: {
                const std::size_t len = utf8_length(static_cast<unsigned char>(c));
                out_ += s_.substr(i_, len);
                i_ += len;
                return true;
            }
        }
    }

    // The index just past the group opened at `open`, or npos when it is never closed.
    std::size_t group_end(std::size_t open) const {
        const std::size_t close = scan_structure(
            s_, open, [](char c, std::size_t, int depth) { return c == ')' && depth == 0; });
        return close == std::string_view::npos ? close : close + 1;
    }

    // Skips a quantifier (`*`, `+`, `?`, `{n,m}`, each possibly lazy) at i_, if any.
    void skip_quantifier() {
        if (at(i_, '*') || at(i_, '+') || at(i_, '?')) {
            ++i_;
        } else if (at(i_, '{')) {
            std::size_t k = i_ + 1;
            while (k < s_.size() && (is_digit(s_[k]) || s_[k] == ','))
                ++k;
            if (!at(k, '}') || k == i_ + 1) return;
            i_ = k + 1;
        } else {
            return;
        }
        if (at(i_, '?')) ++i_;
    }

    bool group() {
        const bool lookahead = starts("(?=") || starts("(?!");
        const bool lookbehind = starts("(?<=") || starts("(?<!");
        if (lookahead || lookbehind) {
            // An assertion consumes nothing: dropping it only lets more strings match.
            const std::size_t end = group_end(i_);
            if (end == std::string_view::npos) return false;
            i_ = end;
            skip_quantifier();
            exact_ = false;
            return true;
        }
        if (starts("(?<")) {  // named group
            out_ += "(?P<";
            i_ += 3;
            return true;
        }
        if (starts("(?:")) {
            out_ += "(?:";
            i_ += 3;
            return true;
        }
        if (starts("(?")) {
            // Inline flags, `(?i)` or `(?s:...)`: Java syntax, which the service side honours
            // and RE2 shares for i, m and s.
            std::size_t k = i_ + 2;
            while (k < s_.size() && (s_[k] == 'i' || s_[k] == 'm' || s_[k] == 's' || s_[k] == '-'))
                ++k;
            if (k == i_ + 2 || !(at(k, ')') || at(k, ':'))) return false;
            out_.append(s_.substr(i_, k + 1 - i_));
            i_ = k + 1;
            return true;
        }
        out_ += '(';
        ++i_;
        return true;
    }

    bool brace() {
        // `{n}`, `{n,}`, `{n,m}` is a quantifier; any other `{` is a literal (Annex B).
        std::size_t k = i_ + 1;
        auto number = [&](unsigned long& value) {
            const std::size_t from = k;
            value = 0;
            while (k < s_.size() && is_digit(s_[k])) {
                if (value < 1000000) value = value * 10 + static_cast<unsigned long>(s_[k] - '0');
                ++k;
            }
            return k > from;
        };
        unsigned long low = 0;
        unsigned long high = 0;
        bool has_high = false;
        bool open_ended = false;
        if (number(low)) {
            if (at(k, ',')) {
                ++k;
                has_high = number(high);
                open_ended = !has_high;
            }
            if (at(k, '}')) {
                i_ = k + 1;
                if (low > kMaxRepeat || (has_high && high > kMaxRepeat)) {
                    // More than RE2 counts: `{low,}` with low capped accepts a superset.
                    exact_ = false;
                    out_.append("{").append(std::to_string(std::min(low, kMaxRepeat))).append(",}");
                    return true;
                }
                out_.append("{").append(std::to_string(low));
                if (has_high) out_.append(",").append(std::to_string(high));
                if (open_ended) out_ += ",";
                out_ += "}";
                return true;
            }
        }
        out_ += "\\{";
        ++i_;
        return true;
    }

    // Reads the character of an escape that denotes one character (\t, \x41, \u0041, \cJ,
    // \-); i_ is on the character after the backslash. nullopt if it is not one.
    std::optional<std::uint32_t> char_escape() {
        const char c = s_[i_];
        switch (c) {
            case 't':
                ++i_;
                return 0x09;
            case 'n':
                ++i_;
                return 0x0A;
            case 'v':
                ++i_;
                return 0x0B;
            case 'f':
                ++i_;
                return 0x0C;
            case 'r':
                ++i_;
                return 0x0D;
            default:
                break;
        }
        if (c == '0' && !(i_ + 1 < s_.size() && is_digit(s_[i_ + 1]))) {
            ++i_;
            return 0;
        }
        if (c == 'x' && i_ + 2 < s_.size() && is_hex(s_[i_ + 1]) && is_hex(s_[i_ + 2])) {
            const auto cp = static_cast<std::uint32_t>(
                std::stoul(std::string(s_.substr(i_ + 1, 2)), nullptr, 16));
            i_ += 3;
            return cp;
        }
        if (c == 'u' && i_ + 4 < s_.size() && is_hex(s_[i_ + 1]) && is_hex(s_[i_ + 2]) &&
            is_hex(s_[i_ + 3]) && is_hex(s_[i_ + 4])) {
            const auto cp = static_cast<std::uint32_t>(
                std::stoul(std::string(s_.substr(i_ + 1, 4)), nullptr, 16));
            if (cp >= 0xD800 && cp <= 0xDFFF) return std::nullopt;  // surrogate halves
            i_ += 5;
            return cp;
        }
        if (c == 'u' && at(i_ + 1, '{')) {
            const std::size_t close = s_.find('}', i_ + 2);
            if (close == std::string_view::npos || close == i_ + 2 || close - i_ > 8)
                return std::nullopt;
            for (std::size_t k = i_ + 2; k < close; ++k) {
                if (!is_hex(s_[k])) return std::nullopt;
            }
            const auto cp = static_cast<std::uint32_t>(
                std::stoul(std::string(s_.substr(i_ + 2, close - i_ - 2)), nullptr, 16));
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
            i_ = close + 1;
            return cp;
        }
        if (c == 'c' && i_ + 1 < s_.size() &&
            ((s_[i_ + 1] >= 'a' && s_[i_ + 1] <= 'z') ||
             (s_[i_ + 1] >= 'A' && s_[i_ + 1] <= 'Z'))) {
            const auto cp = static_cast<std::uint32_t>(s_[i_ + 1]) % 32;
            i_ += 2;
            return cp;
        }
        return std::nullopt;
    }

    // `\p{L}` / `\P{L}` as written (RE2 knows the general categories and scripts).
    bool property_escape(std::string& text) {
        if (!at(i_ + 1, '{')) return false;
        const std::size_t close = s_.find('}', i_ + 2);
        if (close == std::string_view::npos) return false;
        text.assign(1, '\\');
        text.append(s_.substr(i_, close + 1 - i_));
        i_ = close + 1;
        return true;
    }

    static std::string literal(std::uint32_t cp) {
        if (cp < 0x80 && is_alnum(static_cast<char>(cp)))
            return std::string(1, static_cast<char>(cp));
        if (cp > 0x20 && cp < 0x7F) return std::string{'\\', static_cast<char>(cp)};
        return hex_escape(cp);
    }

    bool escape_outside() {
        ++i_;  // the backslash
        if (i_ >= s_.size()) return false;
        const char c = s_[i_];
        if (c == 'd' || c == 'D' || c == 'w' || c == 'W' || c == 'b' || c == 'B') {
            out_ += '\\';
            out_ += c;
            ++i_;
            return true;
        }
        if (c == 's' || c == 'S') {
            out_ += c == 's' ? "[" : "[^";
            out_ += kEcmaSpaces;
            out_ += ']';
            ++i_;
            return true;
        }
        if (c == 'p' || c == 'P') {
            std::string text;
            if (!property_escape(text)) return false;
            out_ += text;
            return true;
        }
        // Java's input anchors, which some schemas use: CloudFormation's own validation reads
        // the patterns with Java semantics, where `\Z` also allows one final line break.
        if (c == 'A' || c == 'z') {
            out_ += '\\';
            out_ += c;
            ++i_;
            return true;
        }
        if (c == 'Z') {
            out_ += "(?:\\n?\\z)";
            ++i_;
            return true;
        }
        if ((c >= '1' && c <= '9') || (c == 'k' && at(i_ + 1, '<'))) {
            // A backreference repeats what a group matched: "anything" accepts a superset.
            if (c == 'k') {
                const std::size_t close = s_.find('>', i_);
                if (close == std::string_view::npos) return false;
                i_ = close + 1;
            } else {
                while (i_ < s_.size() && is_digit(s_[i_]))
                    ++i_;
            }
            out_ += "(?s:.*)";
            exact_ = false;
            return true;
        }
        if (std::optional<std::uint32_t> cp = char_escape()) {
            out_ += literal(*cp);
            return true;
        }
        // An identity escape: the character itself.
        const std::size_t len = utf8_length(static_cast<unsigned char>(c));
        if (len == 1) {
            out_ += literal(static_cast<unsigned char>(c));
        } else {
            out_ += s_.substr(i_, len);
        }
        i_ += len;
        return true;
    }

    // One class atom at i_ (inside `[...]`), or nullopt on an untranslatable one.
    std::optional<ClassAtom> class_atom(bool negated) {
        const char c = s_[i_];
        if (c != '\\') {
            const std::size_t len = utf8_length(static_cast<unsigned char>(c));
            if (i_ + len > s_.size()) return std::nullopt;
            const std::string_view bytes = s_.substr(i_, len);
            i_ += len;
            const std::uint32_t cp = utf8_decode(bytes);
            return ClassAtom{len == 1 ? literal(cp) : std::string(bytes), cp, true};
        }
        ++i_;
        if (i_ >= s_.size()) return std::nullopt;
        const char e = s_[i_];
        if (e == 'd' || e == 'D' || e == 'w' || e == 'W') {
            ++i_;
            return ClassAtom{std::string{'\\', e}, 0, false};
        }
        if (e == 's') {
            ++i_;
            return ClassAtom{std::string(kEcmaSpaces), 0, false};
        }
        if (e == 'S') {
            // RE2's \S is a superset of ECMA's; inside a negated class that would reject more.
            if (negated) return std::nullopt;
            ++i_;
            exact_ = false;
            return ClassAtom{"\\S", 0, false};
        }
        if (e == 'p' || e == 'P') {
            std::string text;
            if (!property_escape(text)) return std::nullopt;
            return ClassAtom{text, 0, false};
        }
        if (e == 'b') {
            ++i_;
            return ClassAtom{hex_escape(0x08), 0x08, true};
        }
        if (is_digit(e) && e != '0') return std::nullopt;  // octal escapes: not worth guessing
        if (std::optional<std::uint32_t> cp = char_escape())
            return ClassAtom{literal(*cp), *cp, true};
        const std::size_t len = utf8_length(static_cast<unsigned char>(e));
        if (i_ + len > s_.size()) return std::nullopt;
        const std::string_view bytes = s_.substr(i_, len);
        i_ += len;
        const std::uint32_t cp = utf8_decode(bytes);
        return ClassAtom{len == 1 ? literal(cp) : std::string(bytes), cp, true};
    }

    bool char_class() {
        ++i_;  // '['
        const bool negated = at(i_, '^');
        if (negated) ++i_;
        if (at(i_, ']')) {
            if (!negated) return false;  // `[]` matches nothing
            out_ += "(?s:.)";            // `[^]` matches anything
            ++i_;
            return true;
        }
        std::string body;
        while (true) {
            if (i_ >= s_.size()) return false;  // unterminated
            if (s_[i_] == ']') {
                ++i_;
                break;
            }
            std::optional<ClassAtom> first = class_atom(negated);
            if (!first) return false;
            if (at(i_, '-') && i_ + 1 < s_.size() && s_[i_ + 1] != ']') {
                ++i_;
                std::optional<ClassAtom> last = class_atom(negated);
                if (!last) return false;
                if (first->is_char && last->is_char) {
                    if (first->cp > last->cp) return false;
                    body += first->text + "-" + last->text;
                } else {
                    // Annex B: a class escape at either end makes the '-' a literal.
                    body += first->text + "\\-" + last->text;
                }
                continue;
            }
            body += first->text;
        }
        out_ += negated ? "[^" : "[";
        out_ += body;
        out_ += ']';
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::string out_;
    bool exact_ = true;
};

}  // namespace

std::optional<TranslatedPattern> translate_ecma(std::string_view ecma) {
    return Translator(ecma).run();
}

namespace {

// The top-level `|` branches of a pattern (outside groups and classes).
std::vector<std::string_view> alternatives(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    scan_structure(s, 0, [&](char c, std::size_t k, int depth) {
        if (c == '|' && depth == 0) {
            out.push_back(s.substr(start, k - start));
            start = k + 1;
        }
        return false;
    });
    out.push_back(s.substr(start));
    return out;
}

constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);

// One atom of a simple alternative: its text, and its quantifier's bounds and text.
struct Atom {
    std::size_t begin = 0;
    std::size_t end = 0;             // end of the atom itself
    std::size_t quantifier_end = 0;  // end of its quantifier (== end without one)
    std::size_t min = 1;
    std::size_t max = 1;
};

// The end of the single-character atom at `k`, or npos when it is not one this rewrite knows
// (a group, an anchor escape, a backreference, a quantifier character...).
std::size_t atom_end(std::string_view s, std::size_t k) {
    const char c = s[k];
    if (c == '[') {
        std::size_t i = k + 1;
        if (i < s.size() && s[i] == '^') ++i;
        if (i < s.size() && s[i] == ']') return std::string_view::npos;  // [] and [^]
        for (; i < s.size(); ++i) {
            if (s[i] == '\\') {
                ++i;
            } else if (s[i] == ']') {
                return i + 1;
            }
        }
        return std::string_view::npos;
    }
    if (c == '\\') {
        if (k + 1 >= s.size()) return std::string_view::npos;
        const char n = s[k + 1];
        if (std::string_view("AzZbBk0123456789").find(n) != std::string_view::npos) {
            return std::string_view::npos;
        }
        if (n == 'p' || n == 'P') {
            const std::size_t close = s.find('}', k);
            return k + 2 < s.size() && s[k + 2] == '{' && close != std::string_view::npos
                       ? close + 1
                       : std::string_view::npos;
        }
        if (n == 'u') {
            // \u{...} (unicode mode) and surrogates (two escapes for one code point) are left
            // alone: the length check counts code points.
            if (k + 6 > s.size() || s[k + 2] == '{') return std::string_view::npos;
            const char lead = static_cast<char>(s[k + 2] | 0x20);
            if (lead == 'd' &&
                std::string_view("89abAB").find(s[k + 3]) != std::string_view::npos) {
                return std::string_view::npos;
            }
            return k + 6;
        }
        if (n == 'x') return k + 4 <= s.size() ? k + 4 : std::string_view::npos;
        if (n == 'c') return k + 3 <= s.size() ? k + 3 : std::string_view::npos;
        return k + 2;
    }
    if (std::string_view("()|*+?{}^$]").find(c) != std::string_view::npos) {
        return std::string_view::npos;
    }
    return k + utf8_length(static_cast<unsigned char>(c));
}

// Reads the quantifier after an atom, if any; false when it is one this rewrite leaves alone
// (lazy, or malformed).
bool read_quantifier(std::string_view s, Atom& atom) {
    std::size_t k = atom.end;
    atom.quantifier_end = k;
    if (k >= s.size()) return true;
    if (s[k] == '*' || s[k] == '+' || s[k] == '?') {
        atom.min = s[k] == '+' ? 1 : 0;
        atom.max = s[k] == '?' ? 1 : kUnbounded;
        ++k;
    } else if (s[k] == '{') {
        std::size_t i = k + 1;
        const auto number = [&](std::size_t& value) {
            const std::size_t first = i;
            value = 0;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9' && value < 1000000) {
                value = value * 10 + static_cast<std::size_t>(s[i] - '0');
                ++i;
            }
            return i > first;
        };
        if (!number(atom.min)) return false;
        atom.max = atom.min;
        if (i < s.size() && s[i] == ',') {
            ++i;
            if (!number(atom.max)) atom.max = kUnbounded;
        }
        if (i >= s.size() || s[i] != '}' || atom.max < atom.min) return false;
        k = i + 1;
    } else {
        return true;
    }
    if (k < s.size() && s[k] == '?') return false;  // lazy
    atom.quantifier_end = k;
    return true;
}

// Counts worth rewriting: RE2's program grows with each copy of the atom.
constexpr std::size_t kLongRepetition = 32;

std::optional<PatternPart> rewrite(std::string_view alt) {
    const bool anchored_start = alt.starts_with('^');
    const bool anchored_end = alt.ends_with('$') && !alt.ends_with("\\$");
    const std::size_t first = anchored_start ? 1 : 0;
    const std::size_t last = anchored_end ? alt.size() - 1 : alt.size();
    if (first > last) return std::nullopt;
    std::vector<Atom> atoms;
    for (std::size_t k = first; k < last;) {
        Atom atom;
        atom.begin = k;
        atom.end = atom_end(alt, k);
        if (atom.end == std::string_view::npos || atom.end > last) return std::nullopt;
        if (!read_quantifier(alt.substr(0, last), atom)) return std::nullopt;
        atoms.push_back(atom);
        k = atom.quantifier_end;
    }
    std::size_t long_one = atoms.size();
    std::size_t fixed = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const Atom& a = atoms[i];
        if (a.min == a.max) {
            fixed += a.min;
        } else if (a.max != kUnbounded && a.max >= kLongRepetition && long_one == atoms.size()) {
            long_one = i;
        } else {
            return std::nullopt;  // a second variable-width atom
        }
    }
    if (long_one == atoms.size()) return std::nullopt;
    const Atom& a = atoms[long_one];
    const std::string head(alt.substr(0, a.end));
    const std::string tail(alt.substr(a.quantifier_end));
    PatternPart part;
    if (anchored_start && anchored_end) {
        part.ecma = head + "{" + std::to_string(a.min) + ",}" + tail;
        part.bounded = true;
        part.min_chars = fixed + a.min;
        part.max_chars = fixed + a.max;
    } else if ((!anchored_end && long_one + 1 == atoms.size()) ||
               (!anchored_start && long_one == 0)) {
        part.ecma = head + "{" + std::to_string(a.min) + "}" + tail;
    } else {
        return std::nullopt;
    }
    return part;
}

std::size_t code_points(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text)
        n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    return n;
}

}  // namespace

std::vector<PatternPart> split_repetition(std::string_view ecma) {
    std::vector<PatternPart> parts;
    bool rewritten = false;
    for (const std::string_view alt : alternatives(ecma)) {
        if (std::optional<PatternPart> part = rewrite(alt)) {
            parts.push_back(std::move(*part));
            rewritten = true;
        } else {
            parts.push_back(PatternPart{std::string(alt)});
        }
    }
    if (!rewritten) parts.clear();
    return parts;
}

Pattern::Pattern(std::vector<Part> parts, bool exact) : parts_(std::move(parts)), exact_(exact) {}

Pattern::~Pattern() = default;

std::unique_ptr<const Pattern> Pattern::compile(std::string_view ecma, bool simplify) {
    std::vector<PatternPart> pieces;
    if (simplify) pieces = split_repetition(ecma);
    if (pieces.empty()) pieces.push_back(PatternPart{std::string(ecma)});
    std::vector<Part> parts;
    bool exact = true;
    for (const PatternPart& piece : pieces) {
        std::optional<TranslatedPattern> translated = translate_ecma(piece.ecma);
        if (!translated) return nullptr;
        RE2::Options options;
        options.set_log_errors(false);
        options.set_encoding(RE2::Options::EncodingUTF8);
        auto re = std::make_unique<re2::RE2>(translated->re2, options);
        if (!re->ok()) return nullptr;
        exact = exact && translated->exact;
        parts.push_back(Part{std::move(re), piece.min_chars, piece.max_chars, piece.bounded});
    }
    return std::unique_ptr<const Pattern>(new Pattern(std::move(parts), exact));
}

bool Pattern::search(std::string_view text) const {
    if (text.size() > kMaxSubject) return true;
    std::optional<std::size_t> length;
    for (const Part& part : parts_) {
        if (part.bounded) {
            if (!length) length = code_points(text);
            if (*length < part.min_chars || *length > part.max_chars) continue;
        }
        if (RE2::PartialMatch(text, *part.re)) return true;
    }
    return false;
}

}  // namespace stacklint::schema
