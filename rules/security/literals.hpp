// What the literal-secret rules (P031, P032) share: a walk over every value written in a
// template file, with the key it is written under and the resource it belongs to.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "load/node.hpp"
#include "model/template.hpp"

namespace stacklint::security {

// One value of the walk: a scalar, the mapping key it is written under (for a list item, the
// key of the list), the logical id of the resource it belongs to (empty outside `Resources`)
// and its path ("Resources/Db/Properties/MasterUserPassword").
struct Literal {
    const Node& value;
    std::string_view key;
    std::string_view resource;
    const std::string& path;
};

namespace detail {
template <class Visit>
void walk_literals(const Node& node, std::string& path, std::string_view key,
                   std::string_view resource, const Visit& visit) {
    if (node.is_scalar()) {
        visit(Literal{node, key, resource, path});
        return;
    }
    const std::size_t size = path.size();
    if (node.is_sequence()) {
        for (std::size_t i = 0; i < node.items().size(); ++i) {
            path.append("/").append(std::to_string(i));
            walk_literals(node.items()[i], path, key, resource, visit);
            path.resize(size);
        }
    } else if (node.is_mapping()) {
        for (const Entry& e : node.entries()) {
            path.append("/").append(e.key);
            walk_literals(e.value, path, e.key, resource, visit);
            path.resize(size);
        }
    }
}
}  // namespace detail

// Calls `visit(const Literal&)` for every scalar of the file as written (a SAM template before
// its transform: `Globals` and `AWS::Serverless::*` resources are where the text is).
template <class Visit>
void for_each_literal(const Template& t, const Visit& visit) {
    if (t.root == nullptr || !t.root->is_mapping()) return;
    std::string path;
    for (const Entry& section : t.root->entries()) {
        path = section.key;
        if (section.key == "Resources" && section.value.is_mapping()) {
            for (const Entry& r : section.value.entries()) {
                path.append("/").append(r.key);
                detail::walk_literals(r.value, path, r.key, r.key, visit);
                path = section.key;
            }
        } else {
            detail::walk_literals(section.value, path, section.key, {}, visit);
        }
    }
}

// A key with only its letters and digits, lower-cased: `DB_PASSWORD` -> "dbpassword".
inline std::string folded_key(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (const char c : key)
        if (std::isalnum(static_cast<unsigned char>(c)) != 0)
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

}  // namespace stacklint::security
