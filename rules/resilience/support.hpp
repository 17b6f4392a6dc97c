// Knowledge the resilience rules share: which stacks hold the state, what a bucket's
// versioning and lifecycle say, and which buckets a CDK auto-delete resource empties.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.hpp"
#include "model/template.hpp"

namespace stacklint::resilience {

// A stack meant to hold the state: named by the `storage_stacks` option's globs when it is
// set; otherwise one whose name has the word storage, stateful, data or database (or a
// plural), or a word starting with persist, in any case — words are split at CamelCase
// humps and at anything but a letter, so `MediaDataStack` and `app-db-persistence` are
// storage stacks and `metadata-api` is not — or a CDK stack with termination protection.
// A nested stack of a storage stack is one too: it is deployed and deleted with it.
bool is_storage_stack(const Stack& stack, const RuleOptions& options);
// Whether the `storage_stacks` option names the storage stacks.
bool has_storage_globs(const RuleOptions& options);
// Whether a stack of that name is a storage stack by its name alone (the globs, or else its
// words). A loose template is a storage stack exactly when this holds for its name, which is
// why the rules that look for an app's storage stacks can have those loaded first
// (Rule::reads_stack).
bool is_storage_name(std::string_view name, const RuleOptions& options);

// The storage stacks of each app in the set (see Stack::app), by app: the outermost storage
// stack of each nested chain.
std::map<std::string, std::vector<const Stack*>> storage_stacks_by_app(const LintSet& set,
                                                                       const RuleOptions& options);

// Every possible VersioningConfiguration (see possible_trees) has Status "Enabled".
bool versioning_enabled(const Resource& bucket);
// Some possible VersioningConfiguration has (or may have) Status "Enabled".
bool versioning_may_be_enabled(const Resource& bucket);

// Logical ids of buckets that a CDK auto-delete custom resource (Custom::S3AutoDeleteObjects)
// empties before deletion: its BucketName refers to them.
std::set<std::string_view> auto_deleted_buckets(const Template& tmpl);

// The physical-name property's entry when the resource sets it in every possible case and
// could have left it out (the property is derived from AWS's schemas; types that require
// it are skipped), else nullptr.
const Entry* explicit_physical_name(const Resource& resource, const schema::Registry& schemas);

// Where a finding about the resource's DeletionPolicy belongs: the attribute's key when it is
// written, else the logical id.
Mark deletion_policy_mark(const Resource& resource);

// The fix that sets the resource's DeletionPolicy and UpdateReplacePolicy to `policy`
// (an empty `deletion`: leave DeletionPolicy as it is): a `Delete` value is replaced, a
// missing attribute added after `Type`. Null when the text cannot be edited safely.
std::shared_ptr<const Fix> retention_fix(const Stack& stack, const Resource& resource,
                                         std::string_view deletion, std::string_view replace);

// Whether R005 would call a retained resource of `stack` misplaced: the stack is not a
// storage stack but its app has one. There the remedy is moving the resource, so no fix adds
// a Retain policy.
// The storage stacks of `stack`'s app in RuleContext::set (the outermost of a nested chain),
// in the set's order. Every storage stack of the run is there, in a compact run too: they are
// the stacks Rule::reads_stack names for the rules that call this.
const std::vector<const Stack*>& storage_stacks_of_app(const Stack& stack, const RuleContext& ctx);
bool retention_belongs_elsewhere(const Stack& stack, const RuleContext& ctx);

}  // namespace stacklint::resilience
