#include "model/scenarios.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace stacklint {

namespace {

// One side of an `Fn::Equals`: a literal, a parameter (or pseudo parameter), or any other
// value, identified by its text.
struct Side {
    enum class Kind { Literal, Parameter, Other } kind;
    std::string key;
    bool operator==(const Side&) const = default;
};

// An `Fn::Equals` test between a non-literal side and a literal or another non-literal.
struct Fact {
    Side left;   // never a literal
    Side right;  // a literal, or a non-literal ordered after `left`
    bool operator==(const Fact&) const = default;
};

struct Formula {
    enum class Kind { True, False, Fact, Not, And, Or } kind = Kind::True;
    std::size_t fact = 0;
    std::vector<Formula> args;
};

void serialize(const Node& n, std::string& out, int depth) {
    if (depth > 64) {
        out += "...";
        return;
    }
    if (n.is_scalar()) {
        out += "'" + n.text() + "'";
    } else if (n.is_sequence()) {
        out += '[';
        for (const Node& item : n.items()) {
            serialize(item, out, depth + 1);
            out += ',';
        }
        out += ']';
    } else if (n.is_mapping()) {
        out += '{';
        for (const Entry& e : n.entries()) {
            out += e.key + ':';
            serialize(e.value, out, depth + 1);
            out += ',';
        }
        out += '}';
    } else {
        out += "null";
    }
}

class Analyzer {
  public:
    explicit Analyzer(const Template& tmpl) : tmpl_(tmpl) {}

    Formula condition(std::string_view name) {
        const auto found = std::find_if(tmpl_.conditions.begin(), tmpl_.conditions.end(),
                                        [&](const Named& c) { return c.name == name; });
        if (found == tmpl_.conditions.end() || found->node == nullptr ||
            std::find(visiting_.begin(), visiting_.end(), name) != visiting_.end() ||
            visiting_.size() > 64)
            return free_fact();  // unknown or circular (T026, T027): anything goes
        visiting_.push_back(name);
        Formula f = parse(*found->node);
        visiting_.pop_back();
        return f;
    }

    const std::vector<Fact>& facts() const { return facts_; }

    // Whether an assignment of the facts can happen.
    bool consistent(std::uint64_t assignment) const {
        // One value cannot equal two different literals.
        for (std::size_t i = 0; i < facts_.size(); ++i) {
            if (((assignment >> i) & 1U) == 0 || facts_[i].right.kind != Side::Kind::Literal)
                continue;
            for (std::size_t j = i + 1; j < facts_.size(); ++j) {
                if (((assignment >> j) & 1U) != 0 && facts_[j].left == facts_[i].left &&
                    facts_[j].right.kind == Side::Kind::Literal)
                    return false;
            }
        }
        // A parameter with AllowedValues equals one of them.
        for (const auto& [parameter, allowed] : allowed_values_) {
            std::size_t tested = 0;
            bool any_true = false;
            for (std::size_t i = 0; i < facts_.size(); ++i) {
                const Fact& f = facts_[i];
                if (f.left.kind != Side::Kind::Parameter || f.left.key != parameter ||
                    f.right.kind != Side::Kind::Literal)
                    continue;
                const bool holds = ((assignment >> i) & 1U) != 0;
                const bool possible = allowed.contains(f.right.key);
                if (holds && !possible) return false;
                if (possible) ++tested;
                any_true = any_true || holds;
            }
            if (tested == allowed.size() && !any_true) return false;
        }
        return true;
    }

    static bool eval(const Formula& f, std::uint64_t assignment) {
        switch (f.kind) {
            case Formula::Kind::True:
                return true;
            case Formula::Kind::False:
                return false;
            case Formula::Kind::Fact:
                return ((assignment >> f.fact) & 1U) != 0;
            case Formula::Kind::Not:
                return !eval(f.args.front(), assignment);
            case Formula::Kind::And:
                return std::all_of(f.args.begin(), f.args.end(),
                                   [&](const Formula& a) { return eval(a, assignment); });
            case Formula::Kind::Or:
                return std::any_of(f.args.begin(), f.args.end(),
                                   [&](const Formula& a) { return eval(a, assignment); });
        }
        return false;
    }

  private:
    Formula free_fact() {
        // A value of its own, equal to nothing else: an independent fact.
        return fact(Side{Side::Kind::Other, "#" + std::to_string(facts_.size())},
                    Side{Side::Kind::Literal, "true"});
    }

    Formula fact(Side a, Side b) {
        if (a.kind == Side::Kind::Literal && b.kind == Side::Kind::Literal)
            return Formula{a.key == b.key ? Formula::Kind::True : Formula::Kind::False, 0, {}};
        if (a.kind == Side::Kind::Literal || (b.kind != Side::Kind::Literal && b.key < a.key))
            std::swap(a, b);
        const Fact f{std::move(a), std::move(b)};
        const auto it = std::find(facts_.begin(), facts_.end(), f);
        const std::size_t index = static_cast<std::size_t>(it - facts_.begin());
        if (it == facts_.end()) {
            facts_.push_back(f);
            note_allowed_values(f.left);
        }
        return Formula{Formula::Kind::Fact, index, {}};
    }

    void note_allowed_values(const Side& side) {
        if (side.kind != Side::Kind::Parameter || allowed_values_.count(side.key) > 0) return;
        const Named* p = tmpl_.find_parameter(side.key);
        if (p == nullptr || p->node == nullptr) return;
        const Node* allowed = p->node->get("AllowedValues");
        if (allowed == nullptr || !allowed->is_sequence() || allowed->items().empty()) return;
        std::set<std::string, std::less<>> values;
        for (const Node& v : allowed->items()) {
            if (!v.is_scalar()) return;  // not a plain list: do not reason about it
            values.insert(v.text());
        }
        allowed_values_.emplace(side.key, std::move(values));
    }

    Side side(const Node& n) const {
        if (n.is_scalar()) return {Side::Kind::Literal, n.text()};
        if (n.intrinsic_name() == "Ref" && n.intrinsic_arg()->is_scalar()) {
            const std::string& name = n.intrinsic_arg()->text();
            if (tmpl_.find_parameter(name) != nullptr || name.starts_with("AWS::"))
                return {Side::Kind::Parameter, name};
        }
        std::string text;
        serialize(n, text, 0);
        return {Side::Kind::Other, std::move(text)};
    }

    Formula parse(const Node& n) {
        const std::string_view fn = n.intrinsic_name();
        const Node* arg = fn.empty() ? nullptr : n.intrinsic_arg();
        if (fn == "Condition" && arg->is_scalar()) return condition(arg->text());
        if (fn == "Fn::Equals" && arg->is_sequence() && arg->items().size() == 2)
            return fact(side(arg->items()[0]), side(arg->items()[1]));
        if (fn == "Fn::Not" && arg->is_sequence() && arg->items().size() == 1) {
            Formula f{Formula::Kind::Not, 0, {}};
            f.args.push_back(parse(arg->items()[0]));
            return f;
        }
        if ((fn == "Fn::And" || fn == "Fn::Or") && arg->is_sequence() && !arg->items().empty()) {
            Formula f{fn == "Fn::And" ? Formula::Kind::And : Formula::Kind::Or, 0, {}};
            for (const Node& item : arg->items())
                f.args.push_back(parse(item));
            return f;
        }
        return free_fact();  // malformed (T030 reports it): anything goes
    }

    const Template& tmpl_;
    std::vector<Fact> facts_;
    std::vector<std::string_view> visiting_;
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> allowed_values_;
};

}  // namespace

Scenarios possible_scenarios(const Template& tmpl, std::vector<std::string_view> names,
                             std::string_view required) {
    Scenarios out;
    out.names = std::move(names);
    const std::size_t n = std::min(out.names.size(), kMaxScenarioConditions);
    out.names.resize(n);
    Analyzer analyzer(tmpl);
    std::vector<Formula> formulas;
    formulas.reserve(n);
    for (std::string_view name : out.names)
        formulas.push_back(analyzer.condition(name));
    const Formula must = required.empty() ? Formula{} : analyzer.condition(required);
    const std::size_t facts = analyzer.facts().size();
    if (facts > kMaxFacts) {
        out.exact = false;
        for (std::uint64_t c = 0; c < (std::uint64_t{1} << n); ++c)
            out.choices.push_back(c);
        return out;
    }
    std::set<std::uint64_t> seen;
    for (std::uint64_t a = 0; a < (std::uint64_t{1} << facts); ++a) {
        if (!analyzer.consistent(a) || !Analyzer::eval(must, a)) continue;
        std::uint64_t choice = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (Analyzer::eval(formulas[i], a)) choice |= std::uint64_t{1} << i;
        }
        seen.insert(choice);
    }
    out.choices.assign(seen.begin(), seen.end());
    return out;
}

std::string describe_scenarios(const Scenarios& s, const std::vector<std::uint64_t>& choices) {
    if (choices.empty()) return {};
    std::string out;
    for (std::size_t i = 0; i < s.names.size(); ++i) {
        const bool first = ((choices.front() >> i) & 1U) != 0;
        const bool same = std::all_of(choices.begin(), choices.end(), [&](std::uint64_t c) {
            return (((c >> i) & 1U) != 0) == first;
        });
        if (!same) continue;
        out += out.empty() ? "when " : " and ";
        out += "condition " + std::string(s.names[i]) + " is " + (first ? "true" : "false");
    }
    return out;
}

}  // namespace stacklint
