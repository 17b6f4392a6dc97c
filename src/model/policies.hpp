// The IAM policy documents a template writes: identity policies (attached to roles, users and
// groups), resource policies (bucket, queue, topic, key...) and role trust policies, with
// where each is, so that rules about policies find them in one place.
#pragma once

#include <string>
#include <vector>

#include "model/template.hpp"

namespace stacklint {

enum class PolicyKind {
    Identity,  // grants a principal permissions: no Principal, needs Resource
    Resource,  // attached to a resource: names the Principal it grants
    Trust,     // a role's AssumeRolePolicyDocument: names who may assume the role
};

struct PolicyDocument {
    const Resource* resource;
    const Node* document;  // the value: a mapping, a function, or JSON text
    std::string path;      // "Resources/Role/Properties/Policies/0/PolicyDocument"
    PolicyKind kind;
};

// Every policy document of the template's resources, in template order. Inline `Policies`
// lists are followed item by item; items a function gives are left out.
std::vector<PolicyDocument> policy_documents(const Template& tmpl);

}  // namespace stacklint
