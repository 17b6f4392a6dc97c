#include "declarative/condition.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <forward_list>
#include <string_view>

#include "core/glob.hpp"
#include "core/text.hpp"
#include "graph/names.hpp"
#include "lint/memo.hpp"
#include "model/facts.hpp"
#include "model/values.hpp"

namespace stacklint::declarative {

namespace {

// One way a path may turn out: a node, nothing (the key is absent), or a value known only at
// deployment. `mark` is where it is written: the key holding it, or, when it is missing, the
// key of the deepest mapping the path reached.
struct Alternative {
    const Node* node = nullptr;
    bool unknown = false;
    Mark mark;
};

// Most paths meet no Fn::If: one alternative, kept without a heap allocation.
class Alternatives {
  public:
    void push_back(const Alternative& a) {
        if (size_ < kInline) {
            inline_[size_] = a;
        } else {
            if (more_.empty()) more_.assign(inline_.begin(), inline_.end());
            more_.push_back(a);
        }
        ++size_;
    }
    std::size_t size() const { return size_; }
    const Alternative* begin() const { return size_ <= kInline ? inline_.data() : more_.data(); }
    const Alternative* end() const { return begin() + size_; }
    Alternative* begin() { return size_ <= kInline ? inline_.data() : more_.data(); }
    Alternative* end() { return begin() + size_; }
    void clear() {
        size_ = 0;
        more_.clear();
    }

  private:
    static constexpr std::size_t kInline = 2;
    std::array<Alternative, kInline> inline_{};
    std::vector<Alternative> more_;
    std::size_t size_ = 0;
};

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What `AWS::Partition` and, with it, `AWS::URLSuffix` may be.
struct Partition {
    std::string_view name;
    std::string_view url_suffix;
};
constexpr std::array<Partition, 5> kPartitions = {{{"aws", "amazonaws.com"},
                                                   {"aws-cn", "amazonaws.com.cn"},
                                                   {"aws-us-gov", "amazonaws.com"},
                                                   {"aws-iso", "c2s.ic.gov"},
                                                   {"aws-iso-b", "sc2s.sgov.gov"}}};
constexpr char kPartitionMark = '\x01';
constexpr char kUrlSuffixMark = '\x02';

// The text of a scalar, or of `{Ref: AWS::Partition}` / `{Ref: AWS::URLSuffix}` as a mark.
bool append_part(const Node& part, std::string& out) {
    if (part.is_scalar()) {
        out.append(part.text());
        return true;
    }
    if (part.intrinsic_name() != "Ref" || !part.intrinsic_arg()->is_scalar()) return false;
    const std::string& name = part.intrinsic_arg()->text();
    if (name == "AWS::Partition") {
        out.push_back(kPartitionMark);
    } else if (name == "AWS::URLSuffix") {
        out.push_back(kUrlSuffixMark);
    } else {
        return false;
    }
    return true;
}

// The texts an `Fn::Join` or `Fn::Sub` spells in each partition, when the partition and its URL
// suffix are its only unknowns: the ARNs CDK writes (`arn:${AWS::Partition}:iam::aws:policy/
// AdministratorAccess`) are then judged like literal ones. nullopt for anything else.
std::optional<std::vector<std::string>> partition_texts(const Node& node) {
    std::string pattern;
    const std::string_view fn = node.intrinsic_name();
    const Node* arg = node.intrinsic_arg();
    if (fn == "Fn::Join") {
        if (!arg->is_sequence() || arg->items().size() != 2 || !arg->items()[0].is_scalar() ||
            !arg->items()[1].is_sequence())
            return std::nullopt;
        const std::string& delimiter = arg->items()[0].text();
        bool first = true;
        for (const Node& part : arg->items()[1].items()) {
            if (!first) pattern.append(delimiter);
            first = false;
            if (!append_part(part, pattern)) return std::nullopt;
        }
    } else if (fn == "Fn::Sub") {
        if (arg->is_sequence() && arg->items().size() == 1) arg = &arg->items()[0];
        if (!arg->is_scalar()) return std::nullopt;
        const std::string_view text = arg->text();
        if (text.find("${!") != std::string_view::npos) return std::nullopt;
        std::size_t done = 0;
        for (const SubVariable& v : sub_variables(text)) {
            if (v.name != "AWS::Partition" && v.name != "AWS::URLSuffix") return std::nullopt;
            pattern.append(text.substr(done, v.offset - done));
            pattern.push_back(v.name == "AWS::Partition" ? kPartitionMark : kUrlSuffixMark);
            done = v.offset + v.name.size() + 3;
        }
        pattern.append(text.substr(done));
    } else {
        return std::nullopt;
    }
    std::vector<std::string> texts;
    for (const Partition& p : kPartitions) {
        std::string text;
        for (const char c : pattern) {
            if (c == kPartitionMark) {
                text.append(p.name);
            } else if (c == kUrlSuffixMark) {
                text.append(p.url_suffix);
            } else {
                text.push_back(c);
            }
        }
        texts.push_back(std::move(text));
    }
    return texts;
}

// The alternatives of one value: the branches of its `Fn::If`s, nothing for `AWS::NoValue`, and
// an unknown one for any other function.
//
// A mapping that an Fn::ForEach loop fills is known only once the loop expands: follow() treats
// a key it lacks as unknown rather than missing (looking for loops only then, not at every
// step).
void expand(const Node& node, Mark mark, Alternatives& out) {
    if (!node.is_mapping() || node.intrinsic_name().empty()) {
        out.push_back({&node, false, mark});
        return;
    }
    const PossibleValues possible = possible_values(node);
    // A branch that is AWS::NoValue (nullptr) leaves the key out.
    for (const Node* v : possible.values)
        out.push_back({v, false, mark});
    if (possible.unknown || possible.values.empty()) out.push_back({&node, true, mark});
}

// One step of a path from a node that is there: the value under `segment`, or nothing.
void step(const Alternative& alt, const std::string& segment, Alternatives& next) {
    const Node& n = *alt.node;
    if (n.is_mapping()) {
        if (const Entry* e = n.find(segment)) {
            expand(e->value, e->key_mark, next);
        } else if (is_generated_mapping(n)) {
            next.push_back({&n, true, alt.mark});  // a loop may write the key
        } else {
            next.push_back({nullptr, false, alt.mark});
        }
    } else if (n.is_sequence() && all_digits(segment)) {
        std::size_t index = 0;
        std::from_chars(segment.data(), segment.data() + segment.size(), index);
        if (index < n.items().size()) {
            const Node& item = n.items()[index];
            expand(item, item.mark(), next);
        } else {
            next.push_back({nullptr, false, alt.mark});
        }
    } else {
        // A scalar or a list has no such key: nothing is there.
        next.push_back({nullptr, false, alt.mark});
    }
}

// Follows `path` from `root` through every alternative.
void follow(const Node& root, Mark root_mark, const std::vector<std::string>& path,
            Alternatives& current) {
    // Most paths meet only plain mappings: one cursor, until a function or a miss.
    const Node* node = &root;
    Mark mark = root_mark;
    std::size_t i = 0;
    for (; i < path.size(); ++i) {
        if (!node->is_mapping() || !node->intrinsic_name().empty()) break;
        const Entry* e = node->find(path[i]);
        if (e == nullptr) break;
        node = &e->value;
        mark = e->key_mark;
    }
    expand(*node, mark, current);
    Alternatives next;
    for (; i < path.size(); ++i) {
        next.clear();
        for (const Alternative& alt : current) {
            if (alt.unknown || alt.node == nullptr) {
                next.push_back(alt);
            } else {
                step(alt, path[i], next);
            }
        }
        std::swap(current, next);
    }
}

std::optional<double> as_number(const Node& node) {
    if (!node.is_scalar()) return std::nullopt;
    const std::string& t = node.text();
    if (t.empty()) return std::nullopt;
    double value = 0;
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (*begin == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<bool> as_boolean(const Node& node) {
    if (!node.is_scalar()) return std::nullopt;
    if (iequals(node.text(), "true")) return true;
    if (iequals(node.text(), "false")) return false;
    return std::nullopt;
}

Truth equal(const Node& value, const Node& wanted) {
    if (value.is_mapping() && !value.intrinsic_name().empty()) return Truth::Unknown;
    if (wanted.is_scalar() && value.is_scalar()) {
        if (value.text() == wanted.text()) return Truth::True;
        const auto a = as_boolean(value);
        const auto b = as_boolean(wanted);
        if (a && b) return *a == *b ? Truth::True : Truth::False;
        const auto x = as_number(value);
        const auto y = as_number(wanted);
        if (x && y) return *x == *y ? Truth::True : Truth::False;
        return Truth::False;
    }
    if (wanted.is_null()) return value.is_null() ? Truth::True : Truth::False;
    if (wanted.is_sequence() && value.is_sequence()) {
        if (value.items().size() != wanted.items().size()) return Truth::False;
        Truth result = Truth::True;
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            const Truth t = equal(value.items()[i], wanted.items()[i]);
            if (t == Truth::False) return Truth::False;
            if (t == Truth::Unknown) result = Truth::Unknown;
        }
        return result;
    }
    if (wanted.is_mapping() && value.is_mapping()) {
        if (value.entries().size() != wanted.entries().size()) return Truth::False;
        Truth result = Truth::True;
        for (const Entry& e : wanted.entries()) {
            const Node* v = value.get(e.key);
            if (v == nullptr) return Truth::False;
            const Truth t = equal(*v, e.value);
            if (t == Truth::False) return Truth::False;
            if (t == Truth::Unknown) result = Truth::Unknown;
        }
        return result;
    }
    return Truth::False;
}

// The resources a value refers to (Ref, Fn::GetAtt, Fn::Sub), and whether it holds anything
// else only deployment knows (a parameter, an import, another function).
struct References {
    std::vector<const Resource*> resources;
    bool opaque = false;
};

void add_resource(std::string_view name, const Template& tmpl, References& out) {
    if (name.starts_with("AWS::")) return;  // a pseudo parameter: a known value, no resource
    if (const Resource* r = tmpl.find_resource(name)) {
        if (std::find(out.resources.begin(), out.resources.end(), r) == out.resources.end())
            out.resources.push_back(r);
    } else {
        out.opaque = true;
    }
}

void add_sub_names(std::string_view text, const Node* variables, const Template& tmpl,
                   References& out) {
    for (std::size_t at = text.find("${"); at != std::string_view::npos;
         at = text.find("${", at + 2)) {
        const std::size_t close = text.find('}', at);
        if (close == std::string_view::npos) break;
        std::string_view name = text.substr(at + 2, close - at - 2);
        if (name.starts_with('!')) continue;
        name = name.substr(0, name.find('.'));
        if (variables != nullptr && variables->is_mapping() && variables->find(name)) continue;
        add_resource(name, tmpl, out);
    }
}

void collect_references(const Node& node, const Template& tmpl, References& out) {
    if (node.is_sequence()) {
        for (const Node& item : node.items())
            collect_references(item, tmpl, out);
        return;
    }
    if (!node.is_mapping()) return;
    const std::string_view fn = node.intrinsic_name();
    const Node* arg = node.intrinsic_arg();
    if (fn == "Ref" && arg->is_scalar()) {
        if (arg->text() != "AWS::NoValue") add_resource(arg->text(), tmpl, out);
        return;
    }
    if (fn == "Fn::GetAtt") {
        if (arg->is_scalar()) {
            add_resource(std::string_view(arg->text()).substr(0, arg->text().find('.')), tmpl, out);
            return;
        }
        if (arg->is_sequence() && !arg->items().empty() && arg->items()[0].is_scalar()) {
            add_resource(arg->items()[0].text(), tmpl, out);
            return;
        }
    }
    if (fn == "Fn::Sub") {
        if (arg->is_scalar()) {
            add_sub_names(arg->text(), nullptr, tmpl, out);
            return;
        }
        if (arg->is_sequence() && arg->items().size() == 2 && arg->items()[0].is_scalar()) {
            add_sub_names(arg->items()[0].text(), &arg->items()[1], tmpl, out);
            collect_references(arg->items()[1], tmpl, out);
            return;
        }
    }
    if (!fn.empty() && fn != "Fn::If" && fn != "Fn::Join" && fn != "Fn::Select") out.opaque = true;
    for (const Entry& e : node.entries())
        collect_references(e.value, tmpl, out);
}

// For each resource of the deployed template, the resources that refer to it.
using Referrers = std::vector<std::vector<std::size_t>>;

const Referrers& referrers_of(const Stack& stack, const Template& tmpl) {
    return memoized<Referrers>(stack, "declarative/referrers", [&] {
        Referrers out(tmpl.resources.size());
        for (std::size_t i = 0; i < tmpl.resources.size(); ++i) {
            References refs;
            if (tmpl.resources[i].node) collect_references(*tmpl.resources[i].node, tmpl, refs);
            for (const Resource* r : refs.resources) {
                const auto j = static_cast<std::size_t>(r - tmpl.resources.data());
                if (j != i) out[j].push_back(i);
            }
        }
        return out;
    });
}

Truth negate(Truth t) {
    if (t == Truth::True) return Truth::False;
    if (t == Truth::False) return Truth::True;
    return Truth::Unknown;
}

}  // namespace

// The list items a condition is judged inside: item `index` of the list the quantifier `test`
// reads, itself inside `parent`'s item (or the target, for null).
inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

struct Trail {
    const Trail* parent = nullptr;
    const Condition* test = nullptr;
    std::size_t index = 0;
};

namespace {

std::string text_of(const Trail* trail, const Condition* test) {
    std::string out;
    if (trail != nullptr) {
        out = text_of(trail->parent, trail->test);
        if (trail->index != kNoIndex) out += "[" + std::to_string(trail->index) + "]";
    }
    if (test != nullptr && !test->shown_path.empty()) {
        if (!out.empty() && test->shown_path.front() != '[') out += '.';
        out += test->shown_path;
    }
    return out;
}

std::string slash_of(const Trail* trail, const Condition* test) {
    std::string out;
    if (trail != nullptr) {
        out = slash_of(trail->parent, trail->test);
        if (trail->index != kNoIndex) out += "/" + std::to_string(trail->index);
    }
    if (test != nullptr) {
        for (const std::string& segment : test->path) {
            if (!out.empty()) out += '/';
            out += segment;
        }
    }
    return out;
}

// What a condition's judge returns: the answer and what decided it.
struct Judgement {
    Truth truth = Truth::True;
    Blame blame;
};

class Judge {
  public:
    explicit Judge(const Target& target) : target_(target) {}

    Judgement judge(const Condition& c, const Node& root, Mark root_mark, const Trail* trail) {
        switch (c.kind) {
            case Condition::Kind::All:
                return all_of(c.children, root, root_mark, trail);
            case Condition::Kind::Any:
                return any_of(c.children, root, root_mark, trail);
            case Condition::Kind::None: {
                Judgement v = any_of(c.children, root, root_mark, trail);
                v.truth = negate(v.truth);
                return v;
            }
            case Condition::Kind::Not: {
                Judgement v = judge(c.children.front(), root, root_mark, trail);
                v.truth = negate(v.truth);
                return v;
            }
            case Condition::Kind::ReferencedBy:
            case Condition::Kind::SameStackAs:
            case Condition::Kind::StackIs:
                return about_target(c, root_mark, trail);
            default:
                break;
        }
        Alternatives alternatives;
        if (!c.has_path && c.kind == Condition::Kind::RefersTo) {
            alternatives.push_back({&root, false, root_mark});
        } else {
            follow(root, root_mark, c.path, alternatives);
        }
        return on_alternatives(c, alternatives, trail);
    }

  private:
    const Target& target_;
    std::forward_list<Trail> trails_;  // stable addresses for the blames that point at them

    static Blame blame_at(Mark mark, const Node* node, const Trail* trail,
                          const Condition* test = nullptr) {
        Blame b;
        b.mark = mark;
        b.node = node;
        b.trail = trail;
        b.test = test;
        return b;
    }

    Judgement all_of(const std::vector<Condition>& children, const Node& root, Mark mark,
                     const Trail* trail) {
        std::optional<Judgement> unknown;
        for (const Condition& child : children) {
            Judgement v = judge(child, root, mark, trail);
            if (v.truth == Truth::False) return v;
            if (v.truth == Truth::Unknown && !unknown) unknown = v;
        }
        if (unknown) return *unknown;
        return Judgement{Truth::True, blame_at(mark, &root, trail)};
    }

    Judgement any_of(const std::vector<Condition>& children, const Node& root, Mark mark,
                     const Trail* trail) {
        std::optional<Judgement> first_false;
        std::optional<Judgement> first_unknown;
        for (const Condition& child : children) {
            Judgement v = judge(child, root, mark, trail);
            if (v.truth == Truth::True) return v;
            if (v.truth == Truth::Unknown && !first_unknown) first_unknown = v;
            if (v.truth == Truth::False && !first_false) first_false = v;
        }
        if (first_unknown) return *first_unknown;
        if (first_false) return *first_false;
        return Judgement{Truth::False, blame_at(mark, &root, trail)};
    }

    // Judges the test on each alternative and combines them as the condition says.
    Judgement on_alternatives(const Condition& c, const Alternatives& alternatives,
                              const Trail* trail) {
        if (alternatives.size() == 1) return test(c, *alternatives.begin(), trail);
        std::vector<Judgement> verdicts;
        verdicts.reserve(alternatives.size());
        for (const Alternative& alt : alternatives)
            verdicts.push_back(test(c, alt, trail));
        return combine(verdicts, c.alternatives);
    }

    static Judgement combine(std::vector<Judgement>& verdicts, Condition::Alternatives mode) {
        const auto first = [&](Truth t) -> Judgement* {
            for (Judgement& v : verdicts)
                if (v.truth == t) return &v;
            return nullptr;
        };
        Judgement* yes = first(Truth::True);
        Judgement* no = first(Truth::False);
        Judgement* unknown = first(Truth::Unknown);
        switch (mode) {
            case Condition::Alternatives::Any:
                if (yes) return *yes;
                return unknown ? *unknown : *no;
            case Condition::Alternatives::All:
                if (no) return *no;
                return unknown ? *unknown : *yes;
            case Condition::Alternatives::Agree:
                break;
        }
        if (!unknown && (yes == nullptr || no == nullptr)) return yes ? *yes : *no;
        // The branches disagree, or one is known only at deployment.
        Judgement v = unknown ? *unknown : *no;
        v.truth = Truth::Unknown;
        if (!unknown) v.blame.branches_disagree = true;
        return v;
    }

    // The truth of `judge(scalar)` over the texts a partition-only value spells: known when
    // every partition gives the same answer, else unknown.
    template <class JudgeText>
    static Truth agreed_truth(const std::vector<std::string>& texts, Mark mark,
                              const JudgeText& judge) {
        std::optional<Truth> agreed;
        for (const std::string& text : texts) {
            const Truth t = judge(Node::scalar(text, true, mark));
            if (agreed && *agreed != t) return Truth::Unknown;
            agreed = t;
        }
        return agreed.value_or(Truth::Unknown);
    }

    // A text test of a value that only the partition leaves unknown.
    Judgement partition_test(const Condition& c, const Alternative& alt,
                             const std::vector<std::string>& texts, const Trail* trail) {
        const Truth t = agreed_truth(texts, alt.node->mark(), [&](const Node& scalar) {
            return test(c, Alternative{&scalar, false, alt.mark}, trail).truth;
        });
        return Judgement{t, blame_at(alt.mark, alt.node, trail, &c)};
    }

    // A list item that only the partition leaves unknown, judged as each partition spells it.
    Judgement partition_item(const std::vector<Condition>& children, const Alternative& alt,
                             const std::vector<std::string>& texts, const Trail* trail) {
        const Truth t = agreed_truth(texts, alt.node->mark(), [&](const Node& scalar) {
            return all_of(children, scalar, alt.mark, trail).truth;
        });
        return Judgement{t, blame_at(alt.mark, alt.node, trail)};
    }

    Judgement test(const Condition& c, const Alternative& alt, const Trail* trail) {
        Blame blame = blame_at(alt.mark, alt.node, trail, &c);
        if (alt.unknown) {
            blame.what = Blame::What::Unknown;
        } else if (alt.node == nullptr) {
            blame.what = Blame::What::Missing;
        }
        const auto verdict = [&](Truth t) { return Judgement{t, blame}; };
        if (c.kind == Condition::Kind::Exists) {
            const bool present = alt.unknown || alt.node != nullptr;
            return verdict(present == c.expected ? Truth::True : Truth::False);
        }
        if (alt.unknown) {
            if (c.kind == Condition::Kind::RefersTo) return refers_to(c, *alt.node, blame);
            const bool text_test = c.kind == Condition::Kind::Matches ||
                                   c.kind == Condition::Kind::Equals ||
                                   c.kind == Condition::Kind::In;
            if (text_test) {
                if (const auto texts = partition_texts(*alt.node))
                    return partition_test(c, alt, *texts, trail);
            }
            return verdict(Truth::Unknown);
        }
        if (alt.node == nullptr) {
            // Nothing there: it equals nothing, and as a list it is empty.
            if (c.kind == Condition::Kind::Quantify) {
                return verdict(c.quantifier == Condition::Kind::Any ? Truth::False : Truth::True);
            }
            return verdict(Truth::False);
        }
        const Node& value = *alt.node;
        switch (c.kind) {
            case Condition::Kind::Equals:
                return verdict(equal(value, *c.values.front()));
            case Condition::Kind::In: {
                Truth result = Truth::False;
                for (const Node* wanted : c.values) {
                    const Truth t = equal(value, *wanted);
                    if (t == Truth::True) return verdict(Truth::True);
                    if (t == Truth::Unknown) result = Truth::Unknown;
                }
                return verdict(result);
            }
            case Condition::Kind::Matches:
                if (!value.is_scalar()) return verdict(Truth::False);
                return verdict(RE2::PartialMatch(value.text(), *c.regex) ? Truth::True
                                                                         : Truth::False);
            case Condition::Kind::Compare: {
                const std::optional<double> n = as_number(value);
                if (!n) return verdict(Truth::False);
                bool holds = false;
                switch (c.compare) {
                    case Condition::Compare::GreaterThan:
                        holds = *n > c.number;
                        break;
                    case Condition::Compare::AtLeast:
                        holds = *n >= c.number;
                        break;
                    case Condition::Compare::LessThan:
                        holds = *n < c.number;
                        break;
                    case Condition::Compare::AtMost:
                        holds = *n <= c.number;
                        break;
                }
                return verdict(holds ? Truth::True : Truth::False);
            }
            case Condition::Kind::Quantify:
                return quantify(c, value, blame);
            case Condition::Kind::RefersTo:
                return refers_to(c, value, blame);
            default:
                break;
        }
        return verdict(Truth::Unknown);
    }

    // any / all / none over a list's items, each judged with every alternative it has.
    Judgement quantify(const Condition& c, const Node& list, const Blame& blame) {
        std::optional<Judgement> yes;
        std::optional<Judgement> no;
        std::optional<Judgement> unknown;
        const auto judge_item = [&](const Node& item, Mark mark, const Trail* trail) {
            Alternatives alternatives;
            expand(item, mark, alternatives);
            std::vector<Judgement> verdicts;
            for (const Alternative& alt : alternatives) {
                const auto texts =
                    alt.unknown && alt.node != nullptr ? partition_texts(*alt.node) : std::nullopt;
                if (texts) {
                    verdicts.push_back(partition_item(c.children, alt, *texts, trail));
                } else if (alt.unknown) {
                    Blame unknown_item = blame_at(alt.mark, alt.node, trail);
                    unknown_item.what = Blame::What::Unknown;
                    verdicts.push_back({Truth::Unknown, unknown_item});
                } else if (alt.node != nullptr) {
                    verdicts.push_back(all_of(c.children, *alt.node, alt.mark, trail));
                } else {
                    // AWS::NoValue in this branch: the item is not there, which keeps `all` and
                    // `none` and does not make `any`.
                    Blame absent = blame_at(alt.mark, nullptr, trail);
                    absent.what = Blame::What::Missing;
                    verdicts.push_back(
                        {c.quantifier == Condition::Kind::All ? Truth::True : Truth::False,
                         absent});
                }
            }
            Judgement v =
                verdicts.size() == 1 ? verdicts.front() : combine(verdicts, c.alternatives);
            std::optional<Judgement>& slot = v.truth == Truth::True    ? yes
                                             : v.truth == Truth::False ? no
                                                                       : unknown;
            if (!slot) slot = v;
        };
        if (list.is_sequence()) {
            for (std::size_t i = 0; i < list.items().size(); ++i) {
                // Enough is known once the answer cannot change.
                if ((c.quantifier == Condition::Kind::All && no) ||
                    (c.quantifier != Condition::Kind::All && yes)) {
                    break;
                }
                const Trail& item_trail = trails_.emplace_front(Trail{blame.trail, &c, i});
                judge_item(list.items()[i], list.items()[i].mark(), &item_trail);
            }
        } else {
            // One item, the value itself: its path has no index.
            judge_item(list, blame.mark, &trails_.emplace_front(Trail{blame.trail, &c, kNoIndex}));
        }
        switch (c.quantifier) {
            case Condition::Kind::All:
                if (no) return *no;
                if (unknown) return *unknown;
                return Judgement{Truth::True, blame};
            case Condition::Kind::Any:
                if (yes) return *yes;
                if (unknown) return *unknown;
                return Judgement{Truth::False, blame};
            default:  // None: an item that holds breaks it, and is where it points
                if (yes) return Judgement{Truth::False, yes->blame};
                if (unknown) return *unknown;
                return Judgement{Truth::True, blame};
        }
    }

    // How each resource of the stack answers `filter`, with the counts of yes and unknown.
    struct FilterMatches {
        std::vector<Truth> truth;
        std::size_t yes = 0;
        std::size_t unknown = 0;
    };

    const FilterMatches& filter_matches(const Filter& filter) {
        char key[64];
        std::snprintf(key, sizeof key, "declarative/filter/%p", static_cast<const void*>(&filter));
        return memoized<FilterMatches>(*target_.stack, key, [&] {
            FilterMatches m;
            for (const Resource& r : target_.tmpl->resources) {
                m.truth.push_back(matches(filter, r));
                m.yes += m.truth.back() == Truth::True ? 1 : 0;
                m.unknown += m.truth.back() == Truth::Unknown ? 1 : 0;
            }
            return m;
        });
    }

    Truth matches(const Filter& filter, const Resource& r) {
        if (!filter.types.empty()) {
            const bool typed =
                std::any_of(filter.types.begin(), filter.types.end(),
                            [&](const std::string& g) { return match_glob(g, r.type_name); });
            if (!typed) return Truth::False;
        }
        if (filter.stateful && is_stateful_type(r.type_name) != *filter.stateful)
            return Truth::False;
        if (!filter.where || r.node == nullptr) return Truth::True;
        Target other = target_;
        other.resource = &r;
        other.root = r.node;
        other.mark = r.id_mark;
        other.section = "Resources";
        other.name = r.id;
        Judge judge(other);
        return judge.judge(*filter.where, *r.node, r.id_mark, nullptr).truth;
    }

    Judgement refers_to(const Condition& c, const Node& value, const Blame& blame) {
        References refs;
        collect_references(value, *target_.tmpl, refs);
        Truth result = refs.opaque ? Truth::Unknown : Truth::False;
        for (const Resource* r : refs.resources) {
            const Truth t = matches(c.filter, *r);
            if (t == Truth::True) return Judgement{Truth::True, blame};
            if (t == Truth::Unknown) result = Truth::Unknown;
        }
        return Judgement{result, blame};
    }

    Judgement about_target(const Condition& c, Mark mark, const Trail* trail) {
        Blame blame = blame_at(mark, nullptr, trail);
        blame.what = Blame::What::Target;
        const Template& tmpl = *target_.tmpl;
        const Stack& stack = *target_.stack;
        if (c.kind == Condition::Kind::StackIs) {
            Truth result = Truth::True;
            if (!c.stack_names.empty() &&
                std::none_of(c.stack_names.begin(), c.stack_names.end(),
                             [&](const std::string& g) { return match_glob(g, stack.name); })) {
                return Judgement{Truth::False, blame};
            }
            if (c.cdk && (stack.cdk != nullptr) != *c.cdk) return Judgement{Truth::False, blame};
            if (c.termination_protection) {
                if (!stack.termination_protection) {
                    result = Truth::Unknown;
                    blame.unknown_why =
                        "termination protection is known only for the stacks of a CDK cloud "
                        "assembly";
                } else if (*stack.termination_protection != *c.termination_protection) {
                    return Judgement{Truth::False, blame};
                }
            }
            return Judgement{result, blame};
        }
        Truth result = Truth::False;
        const auto consider = [&](const Resource& r) {
            const Truth t = matches(c.filter, r);
            if (t == Truth::True) return true;
            if (t == Truth::Unknown) result = Truth::Unknown;
            return false;
        };
        if (c.kind == Condition::Kind::SameStackAs) {
            // Which resources match is the same for every target of the stack: judged once.
            const FilterMatches& m = filter_matches(c.filter);
            std::size_t yes = m.yes;
            std::size_t unknown = m.unknown;
            if (target_.resource != nullptr) {
                const auto self =
                    static_cast<std::size_t>(target_.resource - tmpl.resources.data());
                if (self < m.truth.size()) {
                    yes -= m.truth[self] == Truth::True ? 1 : 0;
                    unknown -= m.truth[self] == Truth::Unknown ? 1 : 0;
                }
            }
            if (yes > 0) return Judgement{Truth::True, blame};
            return Judgement{unknown > 0 ? Truth::Unknown : Truth::False, blame};
        }
        // ReferencedBy: only resources are referred to.
        if (target_.resource == nullptr) return Judgement{Truth::False, blame};
        const Referrers& referrers = referrers_of(stack, tmpl);
        const auto index = static_cast<std::size_t>(target_.resource - tmpl.resources.data());
        if (index >= referrers.size()) return Judgement{Truth::False, blame};
        for (std::size_t j : referrers[index]) {
            if (consider(tmpl.resources[j])) return Judgement{Truth::True, blame};
        }
        return Judgement{result, blame};
    }
};

void show(const Node& node, std::string& out, std::size_t limit) {
    if (out.size() > limit) return;
    if (node.is_scalar()) {
        const bool quote =
            node.text().empty() || node.text().find_first_of(",:{}[] ") != std::string::npos;
        if (quote) out += '"';
        out += node.text();
        if (quote) out += '"';
    } else if (node.is_null()) {
        out += "null";
    } else if (node.is_sequence()) {
        out += '[';
        for (std::size_t i = 0; i < node.items().size(); ++i) {
            if (i > 0) out += ", ";
            show(node.items()[i], out, limit);
            if (out.size() > limit) return;
        }
        out += ']';
    } else {
        out += '{';
        for (std::size_t i = 0; i < node.entries().size(); ++i) {
            if (i > 0) out += ", ";
            out += node.entries()[i].key;
            out += ": ";
            show(node.entries()[i].value, out, limit);
            if (out.size() > limit) return;
        }
        out += '}';
    }
}

}  // namespace

Verdict evaluate(const Condition& condition, const Target& target, bool with_path) {
    Judge judge(target);
    const Judgement j = judge.judge(condition, *target.root, target.mark, nullptr);
    Verdict v{j.truth, j.blame, {}, {}};
    // The trails live as long as the judge: the paths are written out before it goes.
    if (with_path) {
        v.path = text_of(j.blame.trail, j.blame.test);
        v.property_path = slash_of(j.blame.trail, j.blame.test);
    }
    v.blame.trail = nullptr;
    v.blame.test = nullptr;
    return v;
}

std::string show_value(const Node& node, std::size_t limit) {
    if (node.is_scalar() && node.text().size() > limit) {
        // A long string: its start, marked as cut, in quotes.
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(node.text()[cut]) & 0xC0) == 0x80)
            --cut;  // not inside a UTF-8 sequence
        return "\"" + node.text().substr(0, cut) + "...\"";
    }
    std::string out;
    show(node, out, limit);
    if (out.size() > limit) {
        out.resize(limit);
        out += node.is_sequence() ? "...]" : "...}";
    }
    return out;
}

}  // namespace stacklint::declarative
