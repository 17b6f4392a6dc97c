// What a template value may turn out to be once CloudFormation evaluates it.
//
// Rules must not guess loudly: a value given by `Ref` to a parameter or by most functions
// is unknown, and `Fn::If` may be either branch. A rule that reports a value should do so
// only when every possible value is a problem.
#pragma once

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

}  // namespace stacklint
