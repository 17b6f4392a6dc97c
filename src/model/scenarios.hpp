// Which combinations of a template's Conditions can hold together in one deployment.
//
// Conditions are built from `Fn::Equals` tests on parameters, pseudo parameters and other
// values, joined by `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition`. Two conditions that test
// one parameter are not independent: `HasReplicas: !Not [!Equals [!Ref Replicas, 0]]` and
// `NoReplicas: !Equals [!Ref Replicas, 0]` are never both true. Rules that judge a resource
// whose properties depend on several conditions ask for the combinations that can happen, so
// that they neither invent an error in a combination that cannot happen nor miss one in a
// combination that can.
//
// The analysis works on the distinct `Fn::Equals` tests (facts) the conditions use: every
// assignment of truth values to the facts is tried, those that contradict themselves are
// dropped (one parameter equal to two different values; a value outside a parameter's
// AllowedValues; none of AllowedValues when each has a test), and the conditions are
// evaluated for the rest. The work is 2^facts; above kMaxFacts facts, or when a condition
// cannot be read, every combination is taken to be possible (`exact` is false).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/template.hpp"

namespace stacklint {

// The most facts analysed together: 2^12 = 4,096 assignments, each evaluating the conditions.
inline constexpr std::size_t kMaxFacts = 12;
// The most conditions one question may name (their combinations are a bitmask).
inline constexpr std::size_t kMaxScenarioConditions = 16;

struct Scenarios {
    std::vector<std::string_view> names;  // the conditions asked about, in the order given
    // The combinations that can happen: bit i set when names[i] is true. Sorted, no repeats.
    std::vector<std::uint64_t> choices;
    // False when the conditions could not be analysed and `choices` lists every combination.
    bool exact = true;
};

// The possible combinations of `names` (at most kMaxScenarioConditions; more is a programming
// error the caller avoids). `required`, when not empty, is a condition that must hold (the
// resource's own Condition: its properties matter only when it exists).
Scenarios possible_scenarios(const Template& tmpl, std::vector<std::string_view> names,
                             std::string_view required = {});

// "when HasShards is true and HasReplicas is false": the conditions whose value is the same in
// every one of `choices` (a subset of `s.choices`); empty when none is.
std::string describe_scenarios(const Scenarios& s, const std::vector<std::uint64_t>& choices);

}  // namespace stacklint
