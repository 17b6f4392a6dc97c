#include "schemagen/reduce.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace stacklint::schema {

namespace {

using nlohmann::json;

// Keywords whose value is copied as it is (it holds no sub-schema).
constexpr std::array<std::string_view, 27> kValueKeywords = {
    "$ref", "type", "enum", "const", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems",
    "uniqueItems", "minProperties", "maxProperties", "required",
    // Constraints the enhanced schemas add (see schemas/README.md).
    "requiredXor", "requiredOr", "dependentRequired", "dependentExcluded", "enumCaseInsensitive",
    "uniqueKeys", "maxUniqueItems",
    // stacklint's own: the reason a constraint gives with its violations (constraints.json),
    // kept when a line is reduced again (SAM's pass-through properties).
    "why"};

// Keywords whose value is one sub-schema (or a boolean schema).
constexpr std::array<std::string_view, 8> kSchemaKeywords = {"additionalProperties",
                                                             "additionalItems",
                                                             "not",
                                                             "contains",
                                                             "propertyNames",
                                                             "if",
                                                             "then",
                                                             "else"};

// Keywords whose value maps names to sub-schemas.
constexpr std::array<std::string_view, 3> kSchemaMapKeywords = {"properties", "patternProperties",
                                                                "definitions"};

// Keywords whose value is a list of sub-schemas.
constexpr std::array<std::string_view, 4> kSchemaListKeywords = {"oneOf", "anyOf", "allOf",
                                                                 "prefixItems"};

// Resource-level lists of JSON pointers, kept at the top level only.
constexpr std::array<std::string_view, 6> kPointerLists = {
    "readOnlyProperties",  "createOnlyProperties", "conditionalCreateOnlyProperties",
    "writeOnlyProperties", "primaryIdentifier",    "deprecatedProperties"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view key) {
    return std::find(set.begin(), set.end(), key) != set.end();
}

// Keep only the validation keywords of a schema, recursively.
json reduce_node(const json& schema) {
    if (!schema.is_object()) return schema;  // boolean schema or something odd: keep
    json out = json::object();
    for (const auto& [key, value] : schema.items()) {
        if (contains(kValueKeywords, key)) {
            out[key] = value;
        } else if (contains(kSchemaKeywords, key)) {
            out[key] = reduce_node(value);
        } else if (contains(kSchemaMapKeywords, key)) {
            if (!value.is_object()) {
                out[key] = value;
                continue;
            }
            json map = json::object();
            for (const auto& [name, sub] : value.items())
                map[name] = reduce_node(sub);
            out[key] = std::move(map);
        } else if (contains(kSchemaListKeywords, key) || key == "items") {
            if (!value.is_array()) {
                out[key] = reduce_node(value);  // "items": one schema
                continue;
            }
            json list = json::array();
            for (const auto& sub : value)
                list.push_back(reduce_node(sub));
            out[key] = std::move(list);
        } else if (key == "dependencies") {
            if (!value.is_object()) {
                out[key] = value;
                continue;
            }
            json map = json::object();
            for (const auto& [name, dep] : value.items()) {
                map[name] = dep.is_array() ? dep : reduce_node(dep);  // property list or schema
            }
            out[key] = std::move(map);
        }
        // Everything else (description, title, default, examples, insertionOrder,
        // relationshipRef, arrayType, $comment, ...) is dropped.
    }
    return out;
}

std::string unescape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() &&
            (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

std::string escape_pointer_token(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find(sep, start);
        parts.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

// Resolve a local reference "#/a/b" against `doc`; nullptr if absent or non-local.
const json* resolve_local(const json& doc, std::string_view ref) {
    if (ref.empty() || ref[0] != '#') return nullptr;
    ref.remove_prefix(1);
    if (ref.empty()) return &doc;
    if (ref[0] != '/') return nullptr;
    const json* node = &doc;
    for (const std::string& raw : split(ref.substr(1), '/')) {
        std::string token = unescape_pointer_token(raw);
        if (node->is_object()) {
            auto it = node->find(token);
            if (it == node->end()) return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
                return nullptr;
            std::size_t index = std::stoul(token);
            if (index >= node->size()) return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
    }
    return node;
}

// Follow a chain of local $refs (bounded, so cycles end).
const json* deref(const json& doc, const json* schema) {
    for (int hops = 0; schema != nullptr && hops < 64; ++hops) {
        if (!schema->is_object()) return schema;
        auto it = schema->find("$ref");
        if (it == schema->end() || !it->is_string()) return schema;
        schema = resolve_local(doc, it->get_ref<const std::string&>());
    }
    return nullptr;
}

// Collect the definition names that `schema` references ("#/definitions/NAME...").
void collect_refs(const json& schema, std::set<std::string>& names) {
    if (!schema.is_object()) return;
    for (const auto& [key, value] : schema.items()) {
        if (key == "$ref") {
            if (!value.is_string()) continue;
            std::string_view ref = value.get_ref<const std::string&>();
            constexpr std::string_view prefix = "#/definitions/";
            if (ref.substr(0, prefix.size()) != prefix) continue;
            ref.remove_prefix(prefix.size());
            names.insert(unescape_pointer_token(ref.substr(0, ref.find('/'))));
        } else if (contains(kSchemaKeywords, key)) {
            collect_refs(value, names);
        } else if (contains(kSchemaMapKeywords, key) || key == "dependencies") {
            if (!value.is_object()) continue;
            for (const auto& [name, sub] : value.items())
                collect_refs(sub, names);
        } else if (contains(kSchemaListKeywords, key) || key == "items") {
            if (value.is_array()) {
                for (const auto& sub : value)
                    collect_refs(sub, names);
            } else {
                collect_refs(value, names);
            }
        }
    }
}

// Remove top-level definitions that nothing reachable from the rest of the
// document references. Returns how many were removed.
std::size_t prune_definitions(json& doc) {
    auto defs_it = doc.find("definitions");
    if (defs_it == doc.end() || !defs_it->is_object()) return 0;
    json& defs = *defs_it;

    std::set<std::string> pending;
    for (const auto& [key, value] : doc.items()) {
        if (key == "definitions") continue;
        json wrapper = json::object();  // reuse the keyword-aware walk
        wrapper[key] = value;
        collect_refs(wrapper, pending);
    }
    std::set<std::string> used;
    while (!pending.empty()) {
        std::string name = *pending.begin();
        pending.erase(pending.begin());
        if (!used.insert(name).second) continue;
        auto it = defs.find(name);
        if (it == defs.end()) continue;
        std::set<std::string> more;
        collect_refs(*it, more);
        for (const std::string& m : more) {
            if (!used.contains(m)) pending.insert(m);
        }
    }
    std::vector<std::string> unused;
    for (const auto& [name, sub] : defs.items()) {
        if (!used.contains(name)) unused.push_back(name);
    }
    for (const std::string& name : unused)
        defs.erase(name);
    if (defs.empty()) doc.erase("definitions");
    return unused.size();
}

// The single JSON type of a schema, or "any".
std::string type_of(const json& doc, const json* schema, int depth = 0) {
    schema = deref(doc, schema);
    if (schema == nullptr || !schema->is_object() || depth > 8) return "any";
    auto type = schema->find("type");
    if (type != schema->end()) return type->is_string() ? type->get<std::string>() : "any";
    // No type: a oneOf/anyOf whose branches all have the same type has that type.
    for (const char* key : {"oneOf", "anyOf"}) {
        auto branches = schema->find(key);
        if (branches == schema->end() || !branches->is_array() || branches->empty()) continue;
        std::string common = type_of(doc, &branches->front(), depth + 1);
        for (const json& branch : *branches) {
            if (type_of(doc, &branch, depth + 1) != common) return "any";
        }
        return common;
    }
    return "any";
}

}  // namespace

// GetAtt attribute names ("A.B") from readOnlyProperties, each with its type.
json derive_attributes(const json& raw) {
    json attributes = json::object();
    auto ro = raw.find("readOnlyProperties");
    if (ro == raw.end() || !ro->is_array()) return attributes;
    constexpr std::string_view prefix = "/properties/";
    for (const json& item : *ro) {
        if (!item.is_string()) continue;
        std::string_view pointer = item.get_ref<const std::string&>();
        if (pointer.substr(0, prefix.size()) != prefix) continue;
        std::vector<std::string> segments = split(pointer.substr(prefix.size()), '/');
        std::string name;
        bool usable = true;
        for (std::string& segment : segments) {
            segment = unescape_pointer_token(segment);
            // "*" steps into list items, which Fn::GetAtt cannot address.
            if (segment.empty() || segment == "*") usable = false;
            if (!name.empty()) name += '.';
            name += segment;
        }
        if (!usable) continue;
        // Resolve the type. No property name contains '.', so splitting the
        // dotted name also handles pointers written as "/properties/A.B".
        const json* node = &raw;
        for (const std::string& part : split(name, '.')) {
            node = deref(raw, node);
            if (node == nullptr || !node->is_object()) break;
            auto props = node->find("properties");
            if (props == node->end() || !props->is_object() || !props->contains(part)) {
                node = nullptr;
                break;
            }
            node = &(*props)[part];
        }
        attributes[name] = type_of(raw, node);
    }
    return attributes;
}

namespace {

bool valid_type_name(std::string_view name) {
    std::vector<std::string> segments = split(name, ':');
    // "A::B::C" splits on ':' into A, "", B, "", C.
    if (segments.size() != 5 || !segments[1].empty() || !segments[3].empty()) return false;
    for (std::size_t i : {0u, 2u, 4u}) {
        const std::string& s = segments[i];
        if (s.empty()) return false;
        for (char c : s) {
            bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_';
            if (!ok) return false;
        }
    }
    return true;
}

std::set<std::string> string_set(const json& raw, const char* key) {
    std::set<std::string> out;
    auto it = raw.find(key);
    if (it == raw.end() || !it->is_array()) return out;
    for (const json& item : *it) {
        if (item.is_string()) out.insert(item.get<std::string>());
    }
    return out;
}

}  // namespace

json reduce_node_schema(const json& schema) {
    return reduce_node(schema);
}

std::string last_word(std::string_view camel) {
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    std::size_t i = camel.size();
    if (i > 0 && upper(camel[i - 1])) {
        // Ends in capitals ("NetworkACL"): the word is the trailing capital run.
        while (i > 0 && upper(camel[i - 1]))
            --i;
        return std::string(camel.substr(i));
    }
    while (i > 0 && !upper(camel[i - 1]))
        --i;         // trailing lower case and digits
    if (i > 0) --i;  // plus the capital that starts them
    return std::string(camel.substr(i));
}

std::optional<std::string> derive_physical_name(const json& raw) {
    if (!raw.is_object()) return std::nullopt;
    auto type_it = raw.find("typeName");
    auto props_it = raw.find("properties");
    if (type_it == raw.end() || !type_it->is_string() || props_it == raw.end() ||
        !props_it->is_object())
        return std::nullopt;
    const std::string& type_name = type_it->get_ref<const std::string&>();
    const std::set<std::string> read_only = string_set(raw, "readOnlyProperties");
    const std::set<std::string> create_only = string_set(raw, "createOnlyProperties");
    constexpr std::string_view prefix = "/properties/";

    auto writable_create_only = [&](const std::string& pointer) {
        return create_only.contains(pointer) && !read_only.contains(pointer);
    };

    // (1) a single top-level primary identifier that is createOnly and not readOnly.
    auto pid = raw.find("primaryIdentifier");
    if (pid != raw.end() && pid->is_array() && pid->size() == 1 && pid->front().is_string()) {
        const std::string& pointer = pid->front().get_ref<const std::string&>();
        std::string_view rest = std::string_view(pointer).substr(
            pointer.starts_with(prefix) ? prefix.size() : pointer.size());
        if (!rest.empty() && rest.find('/') == std::string_view::npos &&
            writable_create_only(pointer)) {
            std::string name = unescape_pointer_token(rest);
            if (props_it->contains(name)) return name;
        }
    }

    // (2) exactly one writable createOnly top-level property with a name-like name.
    const std::string type = type_name.substr(type_name.rfind(':') + 1);
    const std::set<std::string> candidates = {type + "Name", "Name", last_word(type) + "Name",
                                              type + "Identifier"};
    std::vector<std::string> found;
    for (const auto& [name, sub] : props_it->items()) {
        if (candidates.contains(name) &&
            writable_create_only(std::string(prefix) + escape_pointer_token(name))) {
            found.push_back(name);
        }
    }
    if (found.size() == 1) return found.front();
    return std::nullopt;
}

json reduce_schema(const json& raw, ReduceStats* stats) {
    if (!raw.is_object()) throw std::runtime_error("schema is not a JSON object");
    auto type_it = raw.find("typeName");
    if (type_it == raw.end() || !type_it->is_string())
        throw std::runtime_error("missing or non-string \"typeName\"");
    const std::string& type_name = type_it->get_ref<const std::string&>();
    if (!valid_type_name(type_name))
        throw std::runtime_error("bad typeName \"" + type_name +
                                 "\" (want Org::Service::Resource)");
    auto props_it = raw.find("properties");
    if (props_it == raw.end() || !props_it->is_object())
        throw std::runtime_error(type_name + ": missing or non-object \"properties\"");
    for (std::string_view key : kPointerLists) {
        auto it = raw.find(key);
        if (it == raw.end()) continue;
        bool ok = it->is_array() &&
                  std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); });
        if (!ok)
            throw std::runtime_error(type_name + ": \"" + std::string(key) +
                                     "\" is not a list of strings");
    }

    json out = reduce_node(raw);
    out["typeName"] = type_name;
    for (std::string_view key : kPointerLists) {
        auto it = raw.find(key);
        if (it != raw.end()) out[std::string(key)] = *it;
    }
    std::size_t dropped = prune_definitions(out);

    std::optional<std::string> physical = derive_physical_name(raw);
    if (physical) out["physicalNameProperty"] = *physical;
    json attributes = derive_attributes(raw);
    if (!attributes.empty()) out["attributes"] = std::move(attributes);

    if (stats != nullptr) {
        stats->types += 1;
        stats->physical_names += physical ? 1 : 0;
        stats->dropped_definitions += dropped;
    }
    return out;
}

std::string to_line(const json& reduced) {
    json rest = reduced;
    auto type_it = rest.find("typeName");
    if (type_it == rest.end() || !type_it->is_string())
        throw std::runtime_error("reduced schema has no string \"typeName\"");
    std::string line = "{\"typeName\":" + type_it->dump();
    rest.erase(type_it);
    std::string body = rest.dump();  // "{...}", keys sorted
    if (body.size() > 2) {
        line += ',';
        line.append(body, 1, std::string::npos);
    } else {
        line += '}';
    }
    line += '\n';
    return line;
}

std::string reduce_schemas(const std::filesystem::path& dir, ReduceStats* stats) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw std::runtime_error(dir.string() + ": not a directory");

    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error(dir.string() + ": no *.json files");

    std::map<std::string, std::pair<std::string, fs::path>> lines;  // type -> (line, file)
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in.is_open()) throw std::runtime_error(file.string() + ": cannot open");
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad()) throw std::runtime_error(file.string() + ": cannot read");
        std::string type_name;
        std::string line;
        try {
            json reduced = reduce_schema(json::parse(text.str()), stats);
            type_name = reduced["typeName"].get<std::string>();
            line = to_line(reduced);
        } catch (const json::exception& e) {
            throw std::runtime_error(file.string() + ": " + e.what());
        } catch (const std::runtime_error& e) {
            throw std::runtime_error(file.string() + ": " + e.what());
        }
        auto [it, inserted] = lines.try_emplace(type_name, std::move(line), file);
        if (!inserted) {
            throw std::runtime_error(file.string() + ": duplicate typeName " + type_name +
                                     " (also in " + it->second.second.string() + ")");
        }
    }

    std::string out;
    for (const auto& [name, entry] : lines)
        out += entry.first;
    return out;
}

}  // namespace stacklint::schema
