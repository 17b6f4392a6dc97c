// What a template value may turn out to be once CloudFormation evaluates it.
//
// Rules must not guess loudly: a value given by `Ref` to a parameter or by most functions
// is unknown, and `Fn::If` may be either branch. A rule that reports a value should do so
// only when every possible value is a problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "load/node.hpp"

namespace stacklint {

struct PossibleValues {
    // Literal candidates (scalars, lists, mappings, nulls). `nullptr` stands for "the key is
    // absent": `Ref: AWS::NoValue` in a branch of `Fn::If`.
    std::vector<const Node*> values;
    // True when at least one branch cannot be known before deployment.
    bool unknown = false;

    // Every candidate satisfies `pred` and none is unknown.
    template <typename Pred>
    bool all(Pred pred) const {
        if (unknown || values.empty()) return false;
        for (const Node* v : values) {
            if (!pred(v)) return false;
        }
        return true;
    }
    // Some known candidate satisfies `pred`.
    template <typename Pred>
    bool any(Pred pred) const {
        for (const Node* v : values) {
            if (pred(v)) return true;
        }
        return false;
    }
};

// Expands `Fn::If` (both branches, nested) and `Ref: AWS::NoValue`; any other intrinsic
// function, and a mapping an `Fn::ForEach` loop fills, makes the result unknown for that
// branch.
PossibleValues possible_values(const Node& node);

// True when `node` is a mapping with an `Fn::ForEach::Name` key (AWS::LanguageExtensions):
// the loop generates some of its keys, so what it holds is known only once it is expanded.
bool is_generated_mapping(const Node& node);

// True when `node` is `{Ref: AWS::NoValue}`.
bool is_no_value(const Node& node);

// True when `text` holds a variable of the Serverless Framework (`${self:...}`, `${opt:...}`,
// `${sls:...}`, `${file(...)}`, `${cf:...}`, `${param:...}`): the framework writes the value
// before CloudFormation reads the template, so what it will be is not known. (`${aws:...}` and
// `${s3:...}` are not among them: IAM policy variables look the same.)
bool has_framework_variable(std::string_view text);

// Every literal shape a whole subtree may take (a property block, a list of lifecycle rules,
// one policy statement): `possible_values` applied at every depth. Each candidate is the
// subtree with every `Fn::If` replaced by one of its branches and every `Ref: AWS::NoValue`
// removed (a mapping loses the key, a list the item; the subtree itself may become absent,
// `nullptr`). `Fn::If`s that name the same condition take the same branch, since a
// condition has one value per deployment; different conditions are treated as independent,
// which may add combinations that cannot happen but never loses one. Other functions
// (`Ref` to a parameter, `Fn::Sub`...) stay in the candidates as they are: a rule meeting
// one there does not know that part. `unknown` is set when the subtree as a whole is such a
// function, or when it names more than `max_conditions` conditions (the candidates would
// be too many to list). Candidates keep the marks of the nodes they were made from.
struct PossibleTrees : PossibleValues {
    // Storage for the candidates that had to be rebuilt; a subtree without `Fn::If` and
    // `AWS::NoValue` is its own single candidate and is not copied.
    std::vector<std::unique_ptr<const Node>> owned;
};
PossibleTrees possible_trees(const Node& node, std::size_t max_conditions = 6);

// The condition names of the `Fn::If`s in `node` (each once, in order of appearance), not
// looking inside other functions. Stops after `limit` names; `overflow` is then set.
std::vector<std::string_view> conditions_in(const Node& node, std::size_t limit, bool& overflow);

// `node` with every `Fn::If` replaced by the branch its condition selects (condition
// `names[i]` is true exactly when bit i of `choice` is set; a condition not in `names` leaves
// its `Fn::If` as it is) and every `Ref: AWS::NoValue` removed; nullopt when the node itself
// is removed. Copies keep the marks of the nodes they were made from.
std::optional<Node> resolve_conditions(const Node& node, const std::vector<std::string_view>& names,
                                       std::uint64_t choice);

// A mapping that is data, not an intrinsic function call (`{Fn::If: ...}` is a mapping too).
bool is_literal_mapping(const Node& node);

}  // namespace stacklint
