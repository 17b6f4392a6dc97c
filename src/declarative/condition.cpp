#include "declarative/condition.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "core/glob.hpp"
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
    std::string path;  // the dot path reached
};

bool all_digits(std::string_view s);

// "Properties.Tags" + "Key"; a list index is written "[0]".
std::string joined(const std::string& base, std::string_view segment) {
    if (all_digits(segment)) return base + "[" + std::string(segment) + "]";
    if (base.empty()) return std::string(segment);
    std::string out = base;
    out += '.';
    out += segment;
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The alternatives of one value: the branches of its `Fn::If`s, nothing for `AWS::NoValue`, and
// an unknown one for any other function.
void expand(const Node& node, const Alternative& at, std::vector<Alternative>& out) {
    if (!node.is_mapping() || (node.intrinsic_name().empty() && !is_generated_mapping(node))) {
        out.push_back({&node, false, at.mark, at.path});
        return;
    }
    if (is_generated_mapping(node)) {  // an Fn::ForEach loop writes its keys
        out.push_back({&node, true, at.mark, at.path});
        return;
    }
    const PossibleValues possible = possible_values(node);
    // A branch that is AWS::NoValue (nullptr) leaves the key out.
    for (const Node* v : possible.values)
        out.push_back({v, false, at.mark, at.path});
    if (possible.unknown || possible.values.empty()) out.push_back({&node, true, at.mark, at.path});
}

// Follows `path` from `root` through every alternative.
std::vector<Alternative> follow(const Node& root, Mark root_mark, const std::string& base,
                                const std::vector<std::string>& path) {
    std::vector<Alternative> current;
    expand(root, Alternative{nullptr, false, root_mark, base}, current);
    for (const std::string& segment : path) {
        std::vector<Alternative> next;
        for (Alternative& alt : current) {
            if (alt.unknown || alt.node == nullptr) {
                alt.path = joined(alt.path, segment);
                next.push_back(std::move(alt));
                continue;
            }
            const Node& n = *alt.node;
            const std::string where = joined(alt.path, segment);
            if (n.is_mapping()) {
                if (const Entry* e = n.find(segment)) {
                    expand(e->value, Alternative{nullptr, false, e->key_mark, where}, next);
                } else {
                    next.push_back({nullptr, false, alt.mark, where});
                }
            } else if (n.is_sequence() && all_digits(segment)) {
                std::size_t index = 0;
                std::from_chars(segment.data(), segment.data() + segment.size(), index);
                if (index < n.items().size()) {
                    const Node& item = n.items()[index];
                    expand(item, Alternative{nullptr, false, item.mark(), where}, next);
                } else {
                    next.push_back({nullptr, false, alt.mark, where});
                }
            } else {
                // A scalar or a list has no such key: nothing is there.
                next.push_back({nullptr, false, alt.mark, where});
            }
        }
        current = std::move(next);
    }
    return current;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
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
    const std::string t = lower(node.text());
    if (t == "true") return true;
    if (t == "false") return false;
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

class Judge {
  public:
    explicit Judge(const Target& target) : target_(target) {}

    Verdict judge(const Condition& c, const Node& root, Mark root_mark, const std::string& base) {
        switch (c.kind) {
            case Condition::Kind::All:
                return all_of(c.children, root, root_mark, base);
            case Condition::Kind::Any:
                return any_of(c.children, root, root_mark, base);
            case Condition::Kind::None: {
                Verdict v = any_of(c.children, root, root_mark, base);
                v.truth = negate(v.truth);
                return v;
            }
            case Condition::Kind::Not: {
                Verdict v = judge(c.children.front(), root, root_mark, base);
                v.truth = negate(v.truth);
                return v;
            }
            case Condition::Kind::ReferencedBy:
            case Condition::Kind::SameStackAs:
            case Condition::Kind::StackIs:
                return about_target(c, root_mark, base);
            default:
                break;
        }
        if (!c.has_path && c.kind == Condition::Kind::RefersTo) {
            return on_alternatives(c, {Alternative{&root, false, root_mark, base}});
        }
        return on_alternatives(c, follow(root, root_mark, base, c.path));
    }

  private:
    const Target& target_;

    Verdict all_of(const std::vector<Condition>& children, const Node& root, Mark mark,
                   const std::string& base) {
        Verdict result{Truth::True, Blame{mark, base, &root, false}};
        bool unknown = false;
        for (const Condition& child : children) {
            Verdict v = judge(child, root, mark, base);
            if (v.truth == Truth::False) return v;
            if (v.truth == Truth::Unknown && !unknown) {
                unknown = true;
                result = std::move(v);
            }
        }
        return result;
    }

    Verdict any_of(const std::vector<Condition>& children, const Node& root, Mark mark,
                   const std::string& base) {
        std::optional<Verdict> first_false;
        std::optional<Verdict> first_unknown;
        for (const Condition& child : children) {
            Verdict v = judge(child, root, mark, base);
            if (v.truth == Truth::True) return v;
            if (v.truth == Truth::Unknown && !first_unknown) first_unknown = std::move(v);
            if (v.truth == Truth::False && !first_false) first_false = std::move(v);
        }
        if (first_unknown) return *first_unknown;
        if (first_false) return *first_false;
        return Verdict{Truth::False, Blame{mark, base, &root, false}};
    }

    // Judges the test on each alternative and combines them as the condition says.
    Verdict on_alternatives(const Condition& c, const std::vector<Alternative>& alternatives) {
        std::vector<Verdict> verdicts;
        verdicts.reserve(alternatives.size());
        for (const Alternative& alt : alternatives)
            verdicts.push_back(test(c, alt));
        return combine(verdicts, c.alternatives);
    }

    static Verdict combine(std::vector<Verdict>& verdicts, Condition::Alternatives mode) {
        const auto first = [&](Truth t) -> Verdict* {
            for (Verdict& v : verdicts)
                if (v.truth == t) return &v;
            return nullptr;
        };
        Verdict* yes = first(Truth::True);
        Verdict* no = first(Truth::False);
        Verdict* unknown = first(Truth::Unknown);
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
        Verdict v = unknown ? *unknown : *no;
        v.truth = Truth::Unknown;
        return v;
    }

    Verdict test(const Condition& c, const Alternative& alt) {
        Blame blame{alt.mark, alt.path, alt.unknown ? nullptr : alt.node, false};
        if (alt.node == nullptr && !alt.unknown) blame.missing = true;
        const auto verdict = [&](Truth t) { return Verdict{t, blame}; };
        if (c.kind == Condition::Kind::Exists) {
            const bool present = alt.unknown || alt.node != nullptr;
            return verdict(present == c.expected ? Truth::True : Truth::False);
        }
        if (alt.unknown) {
            if (c.kind == Condition::Kind::RefersTo) return refers_to(c, *alt.node, blame);
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
    Verdict quantify(const Condition& c, const Node& list, const Blame& blame) {
        std::vector<Verdict> items;
        if (list.is_sequence()) {
            for (std::size_t i = 0; i < list.items().size(); ++i) {
                const Node& item = list.items()[i];
                std::vector<Alternative> alternatives;
                expand(
                    item,
                    Alternative{nullptr, false, item.mark(), joined(blame.path, std::to_string(i))},
                    alternatives);
                std::vector<Verdict> verdicts;
                for (const Alternative& alt : alternatives) {
                    if (alt.unknown) {
                        verdicts.push_back(
                            {Truth::Unknown, Blame{alt.mark, alt.path, nullptr, false}});
                    } else if (alt.node != nullptr) {
                        verdicts.push_back(all_of(c.children, *alt.node, alt.mark, alt.path));
                    }
                    // An item that is AWS::NoValue in this alternative is not there.
                }
                if (!verdicts.empty()) items.push_back(combine(verdicts, c.alternatives));
            }
        } else {
            items.push_back(all_of(c.children, list, blame.mark, blame.path));
        }
        const auto find = [&](Truth t) -> const Verdict* {
            for (const Verdict& v : items)
                if (v.truth == t) return &v;
            return nullptr;
        };
        const Verdict* yes = find(Truth::True);
        const Verdict* no = find(Truth::False);
        const Verdict* unknown = find(Truth::Unknown);
        switch (c.quantifier) {
            case Condition::Kind::All:
                if (no) return *no;
                if (unknown) return *unknown;
                return Verdict{Truth::True, blame};
            case Condition::Kind::Any:
                if (yes) return *yes;
                if (unknown) return *unknown;
                return Verdict{Truth::False, blame};
            default:  // None: an item that holds breaks it, and is where it points
                if (yes) return Verdict{Truth::False, yes->blame};
                if (unknown) return *unknown;
                return Verdict{Truth::True, blame};
        }
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
        other.path = "Resources/" + std::string(r.id);
        Judge judge(other);
        return judge.judge(*filter.where, *r.node, r.id_mark, {}).truth;
    }

    Verdict refers_to(const Condition& c, const Node& value, const Blame& blame) {
        References refs;
        collect_references(value, *target_.tmpl, refs);
        Truth result = refs.opaque ? Truth::Unknown : Truth::False;
        for (const Resource* r : refs.resources) {
            const Truth t = matches(c.filter, *r);
            if (t == Truth::True) return Verdict{Truth::True, blame};
            if (t == Truth::Unknown) result = Truth::Unknown;
        }
        return Verdict{result, blame};
    }

    Verdict about_target(const Condition& c, Mark mark, const std::string& base) {
        Blame blame{mark, base, nullptr, false};
        const Template& tmpl = *target_.tmpl;
        const Stack& stack = *target_.stack;
        if (c.kind == Condition::Kind::StackIs) {
            Truth result = Truth::True;
            if (!c.stack_names.empty() &&
                std::none_of(c.stack_names.begin(), c.stack_names.end(),
                             [&](const std::string& g) { return match_glob(g, stack.name); })) {
                return Verdict{Truth::False, blame};
            }
            if (c.cdk && stack.cdk.has_value() != *c.cdk) return Verdict{Truth::False, blame};
            if (c.termination_protection) {
                if (!stack.termination_protection) {
                    result = Truth::Unknown;
                } else if (*stack.termination_protection != *c.termination_protection) {
                    return Verdict{Truth::False, blame};
                }
            }
            return Verdict{result, blame};
        }
        Truth result = Truth::False;
        const auto consider = [&](const Resource& r) {
            const Truth t = matches(c.filter, r);
            if (t == Truth::True) return true;
            if (t == Truth::Unknown) result = Truth::Unknown;
            return false;
        };
        if (c.kind == Condition::Kind::SameStackAs) {
            for (const Resource& r : tmpl.resources) {
                if (&r != target_.resource && consider(r)) return Verdict{Truth::True, blame};
            }
            return Verdict{result, blame};
        }
        // ReferencedBy: only resources are referred to.
        if (target_.resource == nullptr) return Verdict{Truth::False, blame};
        const Referrers& referrers = referrers_of(stack, tmpl);
        const auto index = static_cast<std::size_t>(target_.resource - tmpl.resources.data());
        if (index >= referrers.size()) return Verdict{Truth::False, blame};
        for (std::size_t j : referrers[index]) {
            if (consider(tmpl.resources[j])) return Verdict{Truth::True, blame};
        }
        return Verdict{result, blame};
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

Verdict evaluate(const Condition& condition, const Target& target) {
    Judge judge(target);
    return judge.judge(condition, *target.root, target.mark, {});
}

std::string show_value(const Node& node, std::size_t limit) {
    std::string out;
    show(node, out, limit);
    if (out.size() > limit) {
        out.resize(limit);
        out += "...";
    }
    return out;
}

}  // namespace stacklint::declarative
