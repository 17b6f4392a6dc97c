#include "declarative/rule_file.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "core/text.hpp"

namespace stacklint::declarative {

std::string RuleFileError::text() const {
    std::string out = file;
    if (mark.valid()) out += ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
    if (!out.empty()) out += ": ";
    return out + message;
}

namespace {

// Thrown with the position of the first mistake; caught by parse_rule_file.
struct Mistake {
    Mark mark;
    std::string message;
};

[[noreturn]] void fail(Mark mark, std::string message) {
    throw Mistake{mark, std::move(message)};
}

std::string quoted(std::string_view s) {
    return "'" + std::string(s) + "'";
}

std::string shown(const Node& node) {
    if (node.is_scalar())
        return node.quoted() ? "the string \"" + node.text() + "\"" : quoted(node.text());
    if (node.is_sequence() && node.items().empty()) return "an empty list";
    if (node.is_mapping() && node.entries().empty()) return "an empty mapping";
    return std::string(node.kind_name());
}

bool is_upper_or_digit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// PREFIX-NAME: capitals and digits, at least one hyphen, no empty part.
bool is_user_id(std::string_view id) {
    if (id.empty() || !(id[0] >= 'A' && id[0] <= 'Z') || id.find('-') == std::string_view::npos)
        return false;
    char previous = '-';
    for (char c : id) {
        if (c == '-') {
            if (previous == '-') return false;
        } else if (!is_upper_or_digit(c)) {
            return false;
        }
        previous = c;
    }
    return previous != '-';
}

// A pack letter and three digits, as the C++ rules are numbered.
bool is_builtin_id(std::string_view id) {
    return id.size() == 4 && id[0] >= 'A' && id[0] <= 'Z' &&
           std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_kebab(std::string_view name) {
    if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z') || name.back() == '-') return false;
    char previous = 'a';
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

constexpr std::array<std::string_view, 7> kPlaceholders = {"name", "resource", "type", "stack",
                                                           "path", "value",    "id"};

class Reader {
  public:
    Reader(Origin origin, std::string pack, std::string file)
        : origin_(origin), pack_(std::move(pack)), file_(std::move(file)) {}

    std::vector<RuleSpec> read(const Node* root) {
        if (root == nullptr || !root->is_mapping()) {
            fail(root ? root->mark() : Mark{1, 1},
                 "a rule file is a mapping with one key, 'rules' (a list of rules); got " +
                     (root ? shown(*root) : std::string("an empty file")));
        }
        only_keys(*root, {"rules"}, "a rule file");
        const Entry* rules = root->find("rules");
        if (rules == nullptr) fail(root->mark(), "a rule file needs 'rules', a list of rules");
        if (!rules->value.is_sequence() || rules->value.items().empty()) {
            fail(rules->value.mark(),
                 "'rules' must be a non-empty list of rules; got " + shown(rules->value));
        }
        std::vector<RuleSpec> out;
        std::set<std::string, std::less<>> ids;
        std::set<std::string, std::less<>> names;
        for (const Node& item : rules->value.items()) {
            RuleSpec spec = rule(item);
            if (!ids.insert(spec.id).second) {
                fail(spec.id_mark, "rule id " + quoted(spec.id) + " is used twice in this file");
            }
            if (!names.insert(spec.name).second) {
                fail(item.find("name")->value.mark(),
                     "rule name " + quoted(spec.name) + " is used twice in this file");
            }
            out.push_back(std::move(spec));
        }
        return out;
    }

  private:
    Origin origin_;
    std::string pack_;
    std::string file_;

    static void only_keys(const Node& map, std::initializer_list<std::string_view> allowed,
                          std::string_view what) {
        const std::vector<std::string_view> candidates(allowed);
        for (const Entry& e : map.entries()) {
            if (std::find(candidates.begin(), candidates.end(), e.key) != candidates.end())
                continue;
            std::string list;
            for (std::string_view k : candidates) {
                if (!list.empty()) list += ", ";
                list += k;
            }
            fail(e.key_mark, "unknown key " + quoted(e.key) + " in " + std::string(what) +
                                 did_you_mean(e.key, candidates) + "; the keys are " + list);
        }
    }

    static const Node& required(const Node& map, std::string_view key, std::string_view what) {
        const Entry* e = map.find(key);
        if (e == nullptr) fail(map.mark(), std::string(what) + " needs " + quoted(key));
        return e->value;
    }

    static std::string text(const Node& node, std::string_view key) {
        if (!node.is_scalar() || node.text().empty()) {
            fail(node.mark(), quoted(key) + " must be a non-empty string; got " + shown(node));
        }
        return node.text();
    }

    static bool boolean(const Node& node, std::string_view key) {
        const std::optional<bool> b =
            node.is_scalar() && !node.quoted() ? node.as_bool() : std::nullopt;
        if (!b) {
            fail(node.mark(), quoted(key) + " must be true or false, unquoted; got " + shown(node));
        }
        return *b;
    }

    static std::vector<std::string> strings(const Node& node, std::string_view key) {
        std::vector<std::string> out;
        if (node.is_scalar()) {
            out.push_back(text(node, key));
            return out;
        }
        if (!node.is_sequence() || node.items().empty()) {
            fail(node.mark(), quoted(key) +
                                  " must be a string or a non-empty list of strings; got " +
                                  shown(node));
        }
        for (const Node& item : node.items())
            out.push_back(text(item, key));
        return out;
    }

    RuleSpec rule(const Node& node) {
        if (!node.is_mapping()) fail(node.mark(), "a rule must be a mapping; got " + shown(node));
        only_keys(node,
                  {"id", "name", "severity", "summary", "doc", "for", "when", "require", "unknown",
                   "message", "opt_in"},
                  "a rule");
        RuleSpec spec;
        spec.file = file_;
        spec.pack = pack_;
        const Node& id = required(node, "id", "a rule");
        spec.id = text(id, "id");
        spec.id_mark = id.mark();
        if (origin_ == Origin::User && !is_user_id(spec.id)) {
            fail(id.mark(),
                 "rule id " + quoted(spec.id) +
                     " must be PREFIX-NAME in capitals, digits and hyphens (ACME-001, "
                     "ORG-TAGS-2): built-in ids are a letter and three digits, so yours never "
                     "collide with them");
        }
        if (origin_ == Origin::BuiltIn && !is_builtin_id(spec.id)) {
            fail(id.mark(),
                 "a built-in rule id is a pack letter and three digits; got " + quoted(spec.id));
        }
        const Node& name = required(node, "name", "rule " + spec.id);
        spec.name = text(name, "name");
        spec.name_mark = name.mark();
        if (!is_kebab(spec.name)) {
            fail(name.mark(), "rule name " + quoted(spec.name) +
                                  " must be kebab-case: lowercase words joined by hyphens");
        }
        const Node& severity = required(node, "severity", "rule " + spec.id);
        const std::optional<Severity> sev =
            severity.is_scalar() ? parse_severity(severity.text()) : std::nullopt;
        if (!sev) {
            fail(severity.mark(),
                 "'severity' must be error, warning or info; got " + shown(severity));
        }
        spec.severity = *sev;
        spec.summary = text(required(node, "summary", "rule " + spec.id), "summary");
        if (spec.summary.find('\n') != std::string::npos) {
            fail(node.find("summary")->value.mark(), "'summary' must be one line");
        }
        spec.doc = doc(required(node, "doc", "rule " + spec.id));
        scope(required(node, "for", "rule " + spec.id), spec);
        if (const Entry* when = node.find("when")) spec.when = condition(when->value);
        spec.require = condition(required(node, "require", "rule " + spec.id));
        if (const Entry* unknown = node.find("unknown")) {
            const std::string u = unknown->value.is_scalar() ? unknown->value.text() : "";
            if (u != "pass" && u != "fail") {
                fail(unknown->value.mark(),
                     "'unknown' must be pass (say nothing when a value is known only at "
                     "deployment) or fail (report it); got " +
                         shown(unknown->value));
            }
            spec.unknown_fails = u == "fail";
        }
        if (const Entry* opt_in = node.find("opt_in"))
            spec.opt_in = boolean(opt_in->value, "opt_in");
        spec.message = spec.summary;
        if (const Entry* message = node.find("message")) {
            spec.message = text(message->value, "message");
            check_placeholders(message->value);
        }
        return spec;
    }

    static void check_placeholders(const Node& node) {
        const std::string& m = node.text();
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (m.compare(i, 2, "{{") == 0 || m.compare(i, 2, "}}") == 0) {
                ++i;
                continue;
            }
            if (m[i] == '}') {
                fail(node.mark(),
                     "'message' has a '}' that closes nothing; write '}}' for a brace");
            }
            if (m[i] != '{') continue;
            const std::size_t close = m.find('}', i);
            if (close == std::string::npos) {
                fail(node.mark(),
                     "'message' has a '{' that is never closed; write '{{' for a brace");
            }
            const std::string_view name = std::string_view(m).substr(i + 1, close - i - 1);
            if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) ==
                kPlaceholders.end()) {
                const std::vector<std::string_view> names(kPlaceholders.begin(),
                                                          kPlaceholders.end());
                fail(node.mark(), "'message' has an unknown placeholder {" + std::string(name) +
                                      "}" + did_you_mean(name, names) +
                                      "; the placeholders are {name}, {resource}, {type}, "
                                      "{stack}, {path}, {value} and {id}");
            }
            i = close;
        }
    }

    std::string doc(const Node& node) {
        if (!node.is_mapping()) {
            fail(node.mark(),
                 "'doc' must be a mapping with what, why, bad and good; got " + shown(node));
        }
        only_keys(node, {"what", "why", "bad", "good", "fix"}, "'doc'");
        const auto part = [&](std::string_view key) {
            std::string t = text(required(node, key, "'doc'"), key);
            while (!t.empty() && (t.back() == '\n' || t.back() == ' '))
                t.pop_back();
            return t;
        };
        std::string out = "### What it finds\n" + part("what") + "\n\n### Why it matters\n" +
                          part("why") + "\n\n### Bad\n```yaml\n" + part("bad") +
                          "\n```\n\n### Good\n```yaml\n" + part("good") + "\n```\n";
        if (node.find("fix")) out += "\n### Fix\n" + part("fix") + "\n";
        return out;
    }

    static void scope(const Node& node, RuleSpec& spec) {
        if (!node.is_mapping()) {
            fail(node.mark(),
                 "'for' must be a mapping naming resources, parameters, outputs or "
                 "stacks; got " +
                     shown(node));
        }
        only_keys(node, {"resources", "parameters", "outputs", "stacks", "stateful"}, "'for'");
        int given = 0;
        const std::pair<std::string_view, Scope> scopes[] = {{"resources", Scope::Resources},
                                                             {"parameters", Scope::Parameters},
                                                             {"outputs", Scope::Outputs},
                                                             {"stacks", Scope::Stacks}};
        for (const auto& [key, s] : scopes) {
            if (const Entry* e = node.find(key)) {
                if (++given > 1) {
                    fail(
                        e->key_mark,
                        "'for' names one kind of target: resources, parameters, outputs or stacks");
                }
                spec.scope = s;
                spec.globs = strings(e->value, key);
            }
        }
        if (given == 0) {
            fail(node.mark(),
                 "'for' must name resources (type globs), parameters, outputs or "
                 "stacks (name globs)");
        }
        if (const Entry* stateful = node.find("stateful")) {
            if (spec.scope != Scope::Resources) {
                fail(stateful->key_mark, "'stateful' applies to resources only");
            }
            spec.stateful = boolean(stateful->value, "stateful");
        }
    }

    static std::vector<std::string> path(const Node& node) {
        std::vector<std::string> out;
        if (node.is_sequence()) {
            if (node.items().empty()) fail(node.mark(), "'path' must name at least one key");
            for (const Node& item : node.items())
                out.push_back(text(item, "path"));
            return out;
        }
        const std::string p = text(node, "path");
        std::size_t start = 0;
        while (true) {
            const std::size_t dot = p.find('.', start);
            const std::string segment =
                p.substr(start, dot == std::string::npos ? dot : dot - start);
            if (segment.empty()) {
                fail(node.mark(), "'path' " + quoted(p) +
                                      " has an empty key; write keys with dots as a list: [A, "
                                      "\"b.c\"]");
            }
            out.push_back(segment);
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
        return out;
    }

    Filter filter(const Node& node, std::string_view key) {
        if (!node.is_mapping()) {
            fail(node.mark(), quoted(key) +
                                  " must be a mapping with 'type' (globs), 'stateful' "
                                  "and 'where'; got " +
                                  shown(node));
        }
        only_keys(node, {"type", "stateful", "where"}, quoted(key));
        Filter f;
        f.types = strings(required(node, "type", quoted(key)), "type");
        if (const Entry* s = node.find("stateful")) f.stateful = boolean(s->value, "stateful");
        if (const Entry* w = node.find("where"))
            f.where = std::make_shared<const Condition>(condition(w->value));
        return f;
    }

    std::vector<Condition> conditions(const Node& node, std::string_view key, bool item = false) {
        if (!node.is_sequence() || node.items().empty()) {
            fail(node.mark(),
                 quoted(key) + " needs a non-empty list of conditions; got " + shown(node));
        }
        std::vector<Condition> out;
        for (const Node& entry : node.items())
            out.push_back(condition(entry, item));
        return out;
    }

    // A mapping with one of the test keys: a path test, perhaps without its path.
    static bool is_test(const Node& node) {
        static constexpr std::array<std::string_view, 12> kTests = {
            "exists",    "equals",  "in",  "matches", "greater_than", "at_least",
            "less_than", "at_most", "any", "all",     "none",         "refers_to"};
        for (const Entry& e : node.entries()) {
            if (e.key == "alternatives") continue;
            if (std::find(kTests.begin(), kTests.end(), e.key) == kTests.end()) return false;
        }
        // all/any/none alone, with a list, are combinators; with a mapping, item quantifiers
        // need a path.
        const Entry& first = node.entries().front();
        return !(first.key == "all" || first.key == "any" || first.key == "none") ||
               node.entries().size() > 1;
    }

    static double number(const Node& node, std::string_view key) {
        double value = 0;
        const std::string& t = node.text();
        const char* begin = t.data();
        const char* end = t.data() + t.size();
        const auto [ptr, ec] = node.is_scalar() && !t.empty()
                                   ? std::from_chars(begin, end, value)
                                   : std::from_chars_result{begin, std::errc::invalid_argument};
        if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
            fail(node.mark(), quoted(key) + " must be a number; got " + shown(node));
        }
        return value;
    }

    // `item`: the condition is judged on a list item (inside any/all/none with a path), where
    // a test may read the item itself, without a path.
    Condition condition(const Node& node, bool item = false) {
        if (!node.is_mapping() || node.entries().empty()) {
            fail(node.mark(),
                 "a condition must be a mapping (path and a test, all/any/none, not, "
                 "refers_to, referenced_by, same_stack_as or stack); got " +
                     shown(node));
        }
        Condition c;
        c.mark = node.mark();
        const Entry* path_entry = node.find("path");
        if (path_entry == nullptr && !(item && is_test(node))) return without_path(node, c, item);
        only_keys(node,
                  {"path", "exists", "equals", "in", "matches", "greater_than", "at_least",
                   "less_than", "at_most", "any", "all", "none", "refers_to", "alternatives"},
                  "a path condition");
        c.has_path = true;
        if (path_entry != nullptr) c.path = path(path_entry->value);
        for (const std::string& segment : c.path) {
            const bool index = std::all_of(segment.begin(), segment.end(),
                                           [](char ch) { return ch >= '0' && ch <= '9'; });
            if (index) {
                c.shown_path += "[" + segment + "]";
            } else if (segment.find_first_of(".[]") != std::string::npos) {
                c.shown_path += "[\"" + segment + "\"]";
            } else {
                if (!c.shown_path.empty()) c.shown_path += '.';
                c.shown_path += segment;
            }
        }
        const Entry* test = nullptr;
        for (const Entry& e : node.entries()) {
            if (e.key == "path" || e.key == "alternatives") continue;
            if (test != nullptr) {
                fail(e.key_mark, "a path condition has one test; " + quoted(test->key) + " and " +
                                     quoted(e.key) +
                                     " are two (combine conditions with all: [...])");
            }
            test = &e;
        }
        if (test == nullptr) {
            fail(node.mark(),
                 "a path condition needs a test: exists, equals, in, matches, "
                 "greater_than, at_least, less_than, at_most, any, all, none or "
                 "refers_to");
        }
        if (const Entry* alt = node.find("alternatives")) {
            const std::string a = alt->value.is_scalar() ? alt->value.text() : "";
            if (a != "any" && a != "all") {
                fail(alt->value.mark(),
                     "'alternatives' must be any (the test holds when it holds "
                     "in one branch of Fn::If) or all (in every branch); got " +
                         shown(alt->value));
            }
            c.alternatives =
                a == "any" ? Condition::Alternatives::Any : Condition::Alternatives::All;
        }
        const std::string& k = test->key;
        const Node& v = test->value;
        if (k == "exists") {
            c.kind = Condition::Kind::Exists;
            c.expected = boolean(v, k);
        } else if (k == "equals") {
            c.kind = Condition::Kind::Equals;
            c.values.push_back(&v);
        } else if (k == "in") {
            c.kind = Condition::Kind::In;
            if (!v.is_sequence() || v.items().empty())
                fail(v.mark(), "'in' needs a non-empty list of values; got " + shown(v));
            for (const Node& item : v.items())
                c.values.push_back(&item);
        } else if (k == "matches") {
            c.kind = Condition::Kind::Matches;
            const std::string pattern = text(v, k);
            auto re = std::make_shared<RE2>(pattern, RE2::Quiet);
            if (!re->ok()) {
                fail(v.mark(),
                     "'matches' is not a valid regular expression (RE2 syntax): " + re->error());
            }
            c.regex = std::move(re);
        } else if (k == "greater_than" || k == "at_least" || k == "less_than" || k == "at_most") {
            c.kind = Condition::Kind::Compare;
            c.compare = k == "greater_than" ? Condition::Compare::GreaterThan
                        : k == "at_least"   ? Condition::Compare::AtLeast
                        : k == "less_than"  ? Condition::Compare::LessThan
                                            : Condition::Compare::AtMost;
            c.number = number(v, k);
        } else if (k == "any" || k == "all" || k == "none") {
            c.kind = Condition::Kind::Quantify;
            c.quantifier = k == "any"   ? Condition::Kind::Any
                           : k == "all" ? Condition::Kind::All
                                        : Condition::Kind::None;
            if (v.is_sequence()) {
                c.children = conditions(v, k, true);
            } else {
                c.children.push_back(condition(v, true));
            }
        } else {  // refers_to
            c.kind = Condition::Kind::RefersTo;
            c.filter = filter(v, k);
        }
        return c;
    }

    Condition without_path(const Node& node, Condition& c, bool item) {
        if (node.entries().size() != 1) {
            const Entry& second = node.entries()[1];
            fail(second.key_mark, "a condition without 'path' has one key; " +
                                      quoted(node.entries()[0].key) + " and " + quoted(second.key) +
                                      " are two (combine with all: [...])");
        }
        const Entry& e = node.entries().front();
        const std::string& k = e.key;
        if (k == "all" || k == "any" || k == "none") {
            c.kind = k == "all"   ? Condition::Kind::All
                     : k == "any" ? Condition::Kind::Any
                                  : Condition::Kind::None;
            c.children = conditions(e.value, k, item);
        } else if (k == "not") {
            c.kind = Condition::Kind::Not;
            c.children.push_back(condition(e.value, item));
        } else if (k == "refers_to" || k == "referenced_by" || k == "same_stack_as") {
            c.kind = k == "refers_to"       ? Condition::Kind::RefersTo
                     : k == "referenced_by" ? Condition::Kind::ReferencedBy
                                            : Condition::Kind::SameStackAs;
            c.filter = filter(e.value, k);
        } else if (k == "stack") {
            c.kind = Condition::Kind::StackIs;
            const Node& v = e.value;
            if (!v.is_mapping() || v.entries().empty()) {
                fail(v.mark(),
                     "'stack' must be a mapping with name, termination_protection or "
                     "cdk; got " +
                         shown(v));
            }
            only_keys(v, {"name", "termination_protection", "cdk"}, "'stack'");
            if (const Entry* n = v.find("name")) c.stack_names = strings(n->value, "name");
            if (const Entry* t = v.find("termination_protection"))
                c.termination_protection = boolean(t->value, "termination_protection");
            if (const Entry* d = v.find("cdk")) c.cdk = boolean(d->value, "cdk");
        } else {
            const std::vector<std::string_view> keys = {
                "path",          "all",   "any",    "none",   "not", "refers_to", "referenced_by",
                "same_stack_as", "stack", "exists", "equals", "in",  "matches"};
            std::string hint = did_you_mean(k, keys);
            const bool test = k == "exists" || k == "equals" || k == "in" || k == "matches" ||
                              k == "greater_than" || k == "at_least" || k == "less_than" ||
                              k == "at_most";
            if (test) {
                hint =
                    " (a test needs the 'path' it reads; only on a list item, inside "
                    "any/all/none, may it read the item itself)";
            }
            fail(e.key_mark, "unknown condition " + quoted(k) + hint +
                                 "; a condition is path + a test, all/any/none: [...], not, "
                                 "refers_to, referenced_by, same_stack_as or stack");
        }
        return c;
    }
};

}  // namespace

std::optional<RuleFile> parse_rule_file(const std::shared_ptr<const Source>& source, Origin origin,
                                        const std::string& pack, RuleFileError& error,
                                        Format format) {
    auto doc =
        std::make_shared<Document>(load_document(source, format, LoadLimits{}, FileKind::Rules));
    if (!doc->diagnostics.empty()) {
        const Diagnostic& d = doc->diagnostics.front();
        error = RuleFileError{source->name(), d.mark, d.message};
        return std::nullopt;
    }
    RuleFile file;
    try {
        Reader reader(origin, pack, source->name());
        file.rules = reader.read(doc->root ? &*doc->root : nullptr);
    } catch (const Mistake& m) {
        error = RuleFileError{source->name(), m.mark, m.message};
        return std::nullopt;
    }
    file.document = std::move(doc);
    return file;
}

}  // namespace stacklint::declarative
