// Facts about resource types that several rules share. The lists live in data files under
// rules/data/ (embedded in the binary), never in rule code, so there is one place to extend.
#pragma once

#include <optional>
#include <string_view>

#include "model/template.hpp"

namespace stacklint {

// rules/data/stateful-types.txt: deleting such a resource destroys data.
bool is_stateful_type(std::string_view type);
// Whether an AWS::RDS::DBInstance belongs to a cluster: its DBClusterIdentifier is set. True
// or false when every possible value agrees (`AWS::NoValue` leaves it unset; a parameter
// sets it), nullopt when it depends on a condition (`Fn::If [C, id, AWS::NoValue]`). False
// for every other type.
std::optional<bool> is_cluster_member(const Resource& resource);
// A resource that certainly holds data of its own: a stateful type, except an RDS instance
// that is or may be a member of a cluster (the cluster holds the data; its instances come
// and go).
bool holds_state(const Resource& resource);
// rules/data/slow-to-create-types.txt: creation or replacement takes many minutes.
bool is_slow_to_create_type(std::string_view type);
// rules/data/stateless-compute-types.txt: compute that changes often and is cheap to recreate.
bool is_stateless_compute_type(std::string_view type);

// The DeletionPolicy CloudFormation applies when a resource has none: Snapshot for
// AWS::RDS::DBCluster and for an AWS::RDS::DBInstance outside a cluster (no
// DBClusterIdentifier), Delete for everything else; nullopt for an instance that may or may
// not be in a cluster. Source: the DeletionPolicy attribute page of the AWS CloudFormation
// user guide.
std::optional<std::string_view> default_deletion_policy(const Resource& resource);

// The DeletionPolicy that will apply: the explicit value, the default when there is none, or
// nullopt when it cannot be known (a function whose branches differ, an invalid value).
std::optional<std::string_view> effective_deletion_policy(const Resource& resource);

// Retain or RetainExceptOnCreate: the resource outlives its stack.
bool is_retain_policy(std::string_view policy);

}  // namespace stacklint
