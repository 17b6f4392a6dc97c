// The conditions of a declarative rule (docs/rule-language.md) and how they are judged.
//
// A condition is judged on a *root* node (a resource, parameter, output, or the template) and
// gives one of three answers: it holds, it fails, or it cannot be known before deployment (a
// `Ref` to a parameter, an import, branches of `Fn::If` that disagree). With the answer comes
// the node that decided it, which is where a finding points.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "load/node.hpp"
#include "model/stack.hpp"

namespace stacklint::declarative {

enum class Truth : std::uint8_t { False, True, Unknown };

struct Condition;

// Another resource a relation looks for: its type (globs), whether it is stateful, and a
// condition on it.
struct Filter {
    std::vector<std::string> types;
    std::optional<bool> stateful;
    std::shared_ptr<const Condition> where;
};

struct Condition {
    enum class Kind : std::uint8_t {
        All,           // children: every one holds
        Any,           // children: at least one holds
        None,          // children: no one holds
        Not,           // children[0] does not hold
        Exists,        // path: something is there (`expected`), or nothing is
        Equals,        // path: equals values[0]
        In,            // path: equals one of values
        Matches,       // path: regex finds a match in the text
        Compare,       // path: the number compares with `number`
        Quantify,      // path: quantifier over the list's items, children judged on each item
        RefersTo,      // the resource (or the value at path) refers to a resource matching filter
        ReferencedBy,  // a resource matching filter refers to this one
        SameStackAs,   // the stack holds another resource matching filter
        StackIs,       // the stack's name, termination protection, CDK origin
    };
    enum class Compare : std::uint8_t { GreaterThan, AtLeast, LessThan, AtMost };
    enum class Alternatives : std::uint8_t { Agree, Any, All };

    Kind kind = Kind::All;
    Mark mark;                      // where the condition is written in its rule file
    bool has_path = false;          // the test reads `path`, not the root itself
    std::vector<std::string> path;  // segments; all digits index a list
    std::string shown_path;         // as messages show it: "Properties.Rules[0].Status"
    Alternatives alternatives = Alternatives::Agree;
    bool expected = true;             // Exists
    std::vector<const Node*> values;  // Equals, In (nodes of the rule file, kept alive by it)
    std::shared_ptr<const RE2> regex;
    Compare compare = Compare::GreaterThan;
    double number = 0;
    Kind quantifier = Kind::All;  // Quantify: All, Any or None
    std::vector<Condition> children;
    Filter filter;
    // StackIs: each given part must hold.
    std::vector<std::string> stack_names;
    std::optional<bool> termination_protection;
    std::optional<bool> cdk;
};

// What the rule is judged on: one resource, parameter or output of a template, or the
// template itself.
struct Target {
    const Stack* stack = nullptr;
    const Template* tmpl = nullptr;      // the template as deployed (after SAM's transform)
    const Resource* resource = nullptr;  // for resources
    const Node* root = nullptr;          // what paths start from
    Mark mark;                           // the name's position (line 1 for a whole template)
    std::string_view section;  // "Resources", "Parameters", "Outputs"; empty for the template
    std::string_view name;     // the logical id, parameter or output name
};

struct Trail;

// The node that decided a condition, for the finding's position and message.
struct Blame {
    enum class What : std::uint8_t {
        Value,    // `node` is the value found
        Missing,  // nothing is there; `mark` is the deepest key the path reached
        Unknown,  // a value only the deployment knows (`node` is the function, if any)
        Target,   // a relation or stack test: about the target as a whole
    };
    Mark mark;
    const Node* node = nullptr;
    What what = What::Value;
    // The branches of an Fn::If disagree: the blame is one branch's.
    bool branches_disagree = false;
    // For a stack test that cannot be known: what is not known.
    std::string_view unknown_why;
    // The list items the judge was inside, and the test that decided.
    const Trail* trail = nullptr;
    const Condition* test = nullptr;
};

struct Verdict {
    Truth truth = Truth::True;
    Blame blame;
    // With `with_path`: where the blame is below the target, as messages show it
    // ("Properties.Tags[2].Key") and as property paths are written ("Properties/Tags/2/Key").
    std::string path;
    std::string property_path;
};

// Judges `condition` on the target. The blame's path is written out only `with_path` (for a
// finding; most judgements make none).
Verdict evaluate(const Condition& condition, const Target& target, bool with_path = false);

// The value as a finding's message shows it: a scalar's text, a short flow form otherwise.
std::string show_value(const Node& node, std::size_t limit = 60);

}  // namespace stacklint::declarative
