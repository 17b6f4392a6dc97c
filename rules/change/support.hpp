// What the change rules (D...) share: comparing values of two versions, describing what a
// resource's policy does with its data, and where a finding about something gone belongs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "lint/change.hpp"
#include "model/stack.hpp"

namespace stacklint::change {

// Whether two values are written the same (keys in any order; positions and quoting
// aside: `"5"` and `5` are one value to CloudFormation).
bool same_value(const Node* a, const Node* b);

// Whether two resources have the same properties.
bool same_properties(const Resource& a, const Resource& b);

// What deleting the resource does to its data under its effective DeletionPolicy, with
// `subject` naming it: "deletes it with its data", "leaves the old one behind, managed by no
// stack" ...
std::string deletion_outcome(const Resource& resource, std::string_view subject = "it");
// The same for the old copy after a replacement, under its UpdateReplacePolicy.
std::string replacement_outcome(const Resource& resource);
// Whether the effective DeletionPolicy deletes the data (Delete, or unknown: false).
bool deletes_data(const Resource& resource);

// Where a finding about a resource that is no longer in `stack` goes: its Resources key.
Mark resources_mark(const Stack& stack);

// " (line N of the previous version)".
std::string old_line(const Resource& resource);

// The CDK advice for a logical id that changed, when the stack comes from a CDK app.
std::string cdk_logical_id_hint(const Stack& stack);

// A rename: the stateful resource `old` of `pair.before` is gone from `pair.after`, which has
// exactly one new resource of the same type with the same properties, and `old` is the only
// gone one that matches it. Returns that new resource, or nullptr.
const Resource* renamed_to(const StackVersions& pair, const Resource& old);

// A move: the stateful resource `old` of `pair.before` is gone from `pair.after` and another
// stack of the same app gained a resource of the same type with the same logical id or the
// same construct path below the stack. Returns it with its stack, or {nullptr, nullptr}.
std::pair<const Resource*, const Stack*> moved_to(const ChangeContext& ctx,
                                                  const StackVersions& pair, const Resource& old);

// The stack of `pairs` whose new version is `after`, or nullptr.
const StackVersions* pair_of(const std::vector<StackVersions>& pairs, const Stack* after);

}  // namespace stacklint::change
