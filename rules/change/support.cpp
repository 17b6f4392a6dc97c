#include "support.hpp"

#include <algorithm>
#include <vector>

#include "model/facts.hpp"

namespace stacklint::change {

bool same_value(const Node* a, const Node* b) {
    if (a == nullptr || b == nullptr) return a == b;
    if (a->kind() != b->kind()) return false;
    switch (a->kind()) {
        case Node::Kind::Null:
            return true;
        case Node::Kind::Scalar:
            return a->text() == b->text();
        case Node::Kind::Sequence:
            return a->size() == b->size() &&
                   std::equal(a->items().begin(), a->items().end(), b->items().begin(),
                              [](const Node& x, const Node& y) { return same_value(&x, &y); });
        case Node::Kind::Mapping:
            if (a->size() != b->size()) return false;
            return std::all_of(a->entries().begin(), a->entries().end(),
                               [&](const Entry& e) { return same_value(&e.value, b->get(e.key)); });
    }
    return false;
}

bool same_properties(const Resource& a, const Resource& b) {
    const Node* pa = a.properties ? &a.properties->value : nullptr;
    const Node* pb = b.properties ? &b.properties->value : nullptr;
    const auto empty = [](const Node* p) { return p == nullptr || p->is_null() || p->size() == 0; };
    if (empty(pa) && empty(pb)) return true;
    return same_value(pa, pb);
}

bool deletes_data(const Resource& resource) {
    const auto policy = effective_deletion_policy(resource);
    return policy && *policy == "Delete";
}

std::string deletion_outcome(const Resource& resource, std::string_view subject) {
    const std::string it(subject);
    const auto policy = effective_deletion_policy(resource);
    if (!policy)
        return "deletes " + it + " or keeps it, as its DeletionPolicy decides at deploy time";
    if (*policy == "Delete") return "deletes " + it + " with its data (DeletionPolicy: Delete)";
    if (*policy == "Snapshot") {
        return "deletes " + it + " after a final snapshot (DeletionPolicy: Snapshot)";
    }
    return "leaves " + it +
           " behind, managed by no stack (DeletionPolicy: " + std::string(*policy) + ")";
}

std::string replacement_outcome(const Resource& resource) {
    const std::string_view policy = resource.update_replace_policy_value();
    if (policy == "Retain") {
        return "keeps the old one, managed by no stack (UpdateReplacePolicy: Retain)";
    }
    if (policy == "Snapshot") {
        return "deletes the old one after a final snapshot (UpdateReplacePolicy: Snapshot)";
    }
    return "deletes the old one with its data (UpdateReplacePolicy: " +
           std::string(policy.empty() ? "Delete, the default" : policy) + ")";
}

Mark resources_mark(const Stack& stack) {
    const Template& t = *stack.tmpl;
    return t.resources_section != nullptr ? t.resources_section->key_mark : Mark{};
}

std::string old_line(const Resource& resource) {
    return resource.id_mark.valid()
               ? " (line " + std::to_string(resource.id_mark.line) + " of the previous version)"
               : "";
}

std::string cdk_logical_id_hint(const Stack& stack) {
    if (!stack.cdk) return {};
    return "; in the CDK app a construct that moves to another parent or gets another id gets "
           "a new logical id: keep the old one with overrideLogicalId(), or move it with "
           "`cdk refactor`";
}

namespace {

// The stateful resources of `in` whose id `other` does not have, of `type`, with the
// properties of `like`.
std::vector<const Resource*> unmatched_like(const Template& in, const Template& other,
                                            const Resource& like) {
    std::vector<const Resource*> out;
    for (const Resource& r : in.resources) {
        if (r.type_name == like.type_name && holds_state(r) &&
            other.find_resource(r.id) == nullptr && same_properties(r, like)) {
            out.push_back(&r);
        }
    }
    return out;
}

// A construct path without its first part (the stack): "Bucket/Resource".
std::string_view below_stack(std::string_view path) {
    const std::size_t slash = path.find('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
}

}  // namespace

const Resource* renamed_to(const StackVersions& pair, const Resource& old) {
    const Template& before = pair.before->deployed();
    const Template& after = pair.after->deployed();
    if (!holds_state(old) || after.find_resource(old.id) != nullptr) return nullptr;
    const auto added = unmatched_like(after, before, old);
    if (added.size() != 1) return nullptr;
    const auto gone = unmatched_like(before, after, *added.front());
    return gone.size() == 1 && gone.front() == &old ? added.front() : nullptr;
}

std::pair<const Resource*, const Stack*> moved_to(const ChangeContext& ctx,
                                                  const StackVersions& pair, const Resource& old) {
    if (!holds_state(old) || pair.after->deployed().find_resource(old.id) != nullptr) {
        return {nullptr, nullptr};
    }
    const std::string old_path = pair.before->construct_path(old.id);
    for (const StackVersions& other : ctx.pairs) {
        if (other.after == pair.after || other.after->app != pair.after->app ||
            !other.after->tmpl) {
            continue;
        }
        for (const Resource& r : other.after->deployed().resources) {
            if (r.type_name != old.type_name) continue;
            const bool same_id = r.id == old.id;
            const std::string path = other.after->construct_path(r.id);
            const bool same_path =
                !old_path.empty() && !path.empty() && below_stack(path) == below_stack(old_path);
            if (!same_id && !same_path) continue;
            // It must be new there too.
            if (other.before != nullptr && other.before->tmpl &&
                other.before->deployed().find_resource(r.id) != nullptr) {
                continue;
            }
            return {&r, other.after};
        }
    }
    return {nullptr, nullptr};
}

const StackVersions* pair_of(const std::vector<StackVersions>& pairs, const Stack* after) {
    const auto it = std::find_if(pairs.begin(), pairs.end(),
                                 [&](const StackVersions& p) { return p.after == after; });
    return it == pairs.end() ? nullptr : &*it;
}

}  // namespace stacklint::change
