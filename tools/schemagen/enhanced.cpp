#include "schemagen/enhanced.hpp"

#include "schemagen/sam.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace stacklint::schema {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) throw std::runtime_error(path.string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw std::runtime_error(path.string() + ": cannot read");
    return text.str();
}

bool is_region_name(std::string_view key) {
    // "us-east-1", "eu-isoe-west-1", "eusc-de-east-1": lower-case words joined by '-', ending
    // in a number.
    if (key.size() < 6 || key.find('-') == std::string_view::npos) return false;
    if (key.back() < '0' || key.back() > '9') return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// Merges schema `b` into `a`: keys of both are merged, `enum` lists united (in order, without
// repeats), and `allOf` items matched by their `if` (items without one are appended).
void merge_schema(json& a, const json& b) {
    if (!a.is_object() || !b.is_object()) return;
    for (const auto& [key, value] : b.items()) {
        auto it = a.find(key);
        if (it == a.end()) {
            a[key] = value;
        } else if (key == "enum" && it->is_array() && value.is_array()) {
            for (const json& v : value) {
                if (std::find(it->begin(), it->end(), v) == it->end()) it->push_back(v);
            }
        } else if (key == "allOf" && it->is_array() && value.is_array()) {
            for (const json& item : value) {
                json* same = nullptr;
                if (item.is_object() && item.contains("if")) {
                    for (json& existing : *it) {
                        if (existing.is_object() && existing.value("if", json()) == item["if"]) {
                            same = &existing;
                            break;
                        }
                    }
                }
                if (same != nullptr)
                    merge_schema(*same, item);
                else
                    it->push_back(item);
            }
        } else if (it->is_object() && value.is_object()) {
            merge_schema(*it, value);
        }
    }
}

// A constraint file as one schema: the per-region schemas of a region-keyed file merged.
json constraint_schema(const json& file) {
    if (!file.is_object() || file.empty()) return file;
    const bool by_region = std::all_of(file.items().begin(), file.items().end(),
                                       [](const auto& item) { return is_region_name(item.key()); });
    if (!by_region) return file;
    json merged = json::object();
    for (const auto& [region, schema] : file.items())
        merge_schema(merged, schema);
    // Sorted enums keep the output independent of the regions' order.
    std::vector<json*> work{&merged};
    while (!work.empty()) {
        json& node = *work.back();
        work.pop_back();
        if (node.is_object()) {
            for (auto& [key, value] : node.items()) {
                if (key == "enum" && value.is_array() &&
                    std::all_of(value.begin(), value.end(),
                                [](const json& v) { return v.is_string(); }))
                    std::sort(value.begin(), value.end());
                else
                    work.push_back(&value);
            }
        } else if (node.is_array()) {
            for (json& item : node)
                work.push_back(&item);
        }
    }
    return merged;
}

std::set<std::string> top_level_properties(const json& schema) {
    std::set<std::string> out;
    const auto props = schema.find("properties");
    if (props == schema.end() || !props->is_object()) return out;
    for (const auto& [name, sub] : props->items())
        out.insert(name);
    return out;
}

// Pointers both read-only and create-only: a property that can be set at creation is not
// read-only, whatever the list says (CloudFormation accepts `EndpointName` of
// AWS::SageMaker::Endpoint, `ProfileName` of AWS::Signer::SigningProfile...). The derived
// `attributes` keep them: Fn::GetAtt still reads them.
std::size_t drop_writable_read_only(json& reduced) {
    const auto ro = reduced.find("readOnlyProperties");
    const auto co = reduced.find("createOnlyProperties");
    if (ro == reduced.end() || co == reduced.end()) return 0;
    const std::size_t before = ro->size();
    json kept = json::array();
    for (const json& pointer : *ro) {
        if (std::find(co->begin(), co->end(), pointer) == co->end()) kept.push_back(pointer);
    }
    const std::size_t dropped = before - kept.size();
    if (kept.empty())
        reduced.erase("readOnlyProperties");
    else
        reduced["readOnlyProperties"] = std::move(kept);
    return dropped;
}

}  // namespace

json read_json_file(const fs::path& path) {
    try {
        return json::parse(read_text(path));
    } catch (const json::exception& e) {
        throw std::runtime_error(path.string() + ": " + e.what());
    }
}

std::size_t apply_corrections(json& reduced, const json& corrections) {
    if (!corrections.is_array()) throw std::runtime_error("corrections: not a list");
    const std::string& type = reduced.at("typeName").get_ref<const std::string&>();
    std::size_t applied = 0;
    for (const json& c : corrections) {
        if (!c.is_object() || c.value("type", "") != type) continue;
        const std::string op = c.value("op", "");
        const std::string path = c.value("path", "");
        const std::string what = "correction " + op + " " + type + path;
        json::json_pointer pointer;
        try {
            pointer = json::json_pointer(path);
        } catch (const json::exception& e) {
            throw std::runtime_error(what + ": " + e.what());
        }
        if (!reduced.contains(pointer)) throw std::runtime_error(what + ": no such path");
        json& target = reduced[pointer];
        if (op == "replace") {
            target = c.at("value");
        } else if (op == "remove-item") {
            const json& value = c.at("value");
            if (!target.is_array()) throw std::runtime_error(what + ": not a list");
            const auto it = std::find(target.begin(), target.end(), value);
            if (it == target.end())
                throw std::runtime_error(what + ": " + value.dump() + " is not in the list");
            target.erase(it);
        } else if (op == "remove") {
            reduced[pointer.parent_pointer()].erase(pointer.back());
        } else if (op == "merge") {
            if (!target.is_object() || !c.at("value").is_object())
                throw std::runtime_error(what + ": not a mapping");
            for (const auto& [key, value] : c.at("value").items())
                target[key] = value;
        } else {
            throw std::runtime_error(what + ": unknown op (replace, remove-item, remove, merge)");
        }
        ++applied;
    }
    return applied;
}

std::size_t attach_constraints(json& reduced, const json& constraints,
                               const fs::path& extensions_dir) {
    if (!constraints.is_array()) throw std::runtime_error("constraints: not a list");
    const std::string& type = reduced.at("typeName").get_ref<const std::string&>();
    std::size_t attached = 0;
    for (const json& c : constraints) {
        if (!c.is_object() || c.value("type", "") != type) continue;
        const std::string file = c.value("file", "");
        const std::string at = c.value("at", "");
        const std::string what =
            "constraint " + (file.empty() ? std::string("(inline)") : file) + " on " + type + at;
        json::json_pointer pointer;
        try {
            pointer = json::json_pointer(at);
        } catch (const json::exception& e) {
            throw std::runtime_error(what + ": " + e.what());
        }
        if (!reduced.contains(pointer)) throw std::runtime_error(what + ": no such path");
        json& target = reduced[pointer];
        if (!target.is_object()) throw std::runtime_error(what + ": not a schema");
        // A constraint is a file of the enhanced schemas' extensions, or one stacklint writes
        // itself ("schema", from AWS's documentation named in "source").
        const auto inline_schema = c.find("schema");
        if ((inline_schema != c.end()) == !file.empty())
            throw std::runtime_error(what + ": give either 'file' or 'schema'");
        json schema = reduce_node_schema(
            inline_schema != c.end() ? *inline_schema
                                     : constraint_schema(read_json_file(extensions_dir / file)));
        // The reason the validator gives with the constraint's violations.
        if (const auto why = c.find("why"); why != c.end()) {
            if (!why->is_string() || why->get_ref<const std::string&>().empty())
                throw std::runtime_error(what + ": 'why' is not a text");
            if (!schema.is_object()) throw std::runtime_error(what + ": not a schema");
            schema["why"] = *why;
        }
        json& all_of = target["allOf"];
        if (all_of.is_null()) all_of = json::array();
        all_of.push_back(std::move(schema));
        ++attached;
    }
    return attached;
}

std::string generate_from_enhanced(const fs::path& enhanced_dir, const fs::path& raw_dir,
                                   const json& corrections, const json& constraints,
                                   const json* sam_schema, EnhancedStats* stats) {
    EnhancedStats local;
    EnhancedStats& st = stats != nullptr ? *stats : local;
    const fs::path providers = enhanced_dir / "providers";
    std::error_code ec;
    if (!fs::is_directory(providers, ec))
        throw std::runtime_error(providers.string() + ": not a directory");

    // region -> type -> schema file id
    std::map<std::string, std::map<std::string, std::string>> maps;
    for (const fs::directory_entry& entry : fs::directory_iterator(providers)) {
        const fs::path& p = entry.path();
        if (p.extension() != ".json" || !is_region_name(p.stem().string())) continue;
        const json map = read_json_file(p);
        if (!map.is_object()) throw std::runtime_error(p.string() + ": not a mapping");
        auto& types = maps[p.stem().string()];
        for (const auto& [type, id] : map.items()) {
            if (!id.is_string()) throw std::runtime_error(p.string() + ": " + type + ": no id");
            types.emplace(type, id.get<std::string>());
        }
    }
    if (!maps.contains(kBaseRegion))
        throw std::runtime_error(providers.string() + ": no " + kBaseRegion + ".json");
    st.regions = maps.size();

    std::set<std::string> all_types;
    for (const auto& [region, types] : maps) {
        for (const auto& [type, id] : types)
            all_types.insert(type);
    }

    // type -> deprecatedProperties and attributes of AWS's raw schema
    std::map<std::string, json> raw_deprecated;
    std::map<std::string, json> raw_attributes;
    if (!raw_dir.empty()) {
        if (!fs::is_directory(raw_dir, ec))
            throw std::runtime_error(raw_dir.string() + ": not a directory");
        for (const fs::directory_entry& entry : fs::directory_iterator(raw_dir)) {
            if (entry.path().extension() != ".json") continue;
            const json schema = read_json_file(entry.path());
            if (!schema.is_object() || !schema.contains("typeName") ||
                !schema["typeName"].is_string())
                continue;
            const std::string type = schema["typeName"].get<std::string>();
            const auto dep = schema.find("deprecatedProperties");
            if (dep != schema.end() && dep->is_array()) raw_deprecated[type] = *dep;
            raw_attributes[type] = derive_attributes(schema);
        }
    }

    std::map<std::string, json> raw_cache;  // id -> enhanced schema
    const auto raw = [&](const std::string& id) -> const json& {
        auto it = raw_cache.find(id);
        if (it == raw_cache.end())
            it = raw_cache.emplace(id, read_json_file(enhanced_dir / "resources" / (id + ".json")))
                     .first;
        return it->second;
    };

    const fs::path extensions = enhanced_dir / "extensions";
    std::map<std::string, json> lines;  // type -> reduced line
    for (const std::string& type : all_types) {
        // The base schema: the base region's, or the first region's that has the type.
        std::string base_id;
        if (const auto it = maps[kBaseRegion].find(type); it != maps[kBaseRegion].end()) {
            base_id = it->second;
        } else {
            for (const auto& [region, types] : maps) {
                if (const auto t = types.find(type); t != types.end()) {
                    base_id = t->second;
                    break;
                }
            }
            ++st.region_only_types;
        }
        const json& base = raw(base_id);
        const bool three_segments = type.find("::") != std::string::npos &&
                                    type.find("::", type.find("::") + 2) != std::string::npos;
        if (!three_segments || !base.is_object() || base.value("typeName", "") != type) {
            st.skipped.push_back(type);  // "Module" and the like: no resource type
            continue;
        }
        json reduced;
        try {
            reduced = reduce_schema(base, &st.reduce);
        } catch (const std::runtime_error& e) {
            throw std::runtime_error(base_id + ".json: " + e.what());
        }
        if (const std::size_t dropped = drop_writable_read_only(reduced); dropped > 0) {
            st.writable_read_only += dropped;
            // A name property that was wrongly read-only fixes the physical name after all.
            if (!reduced.contains("physicalNameProperty"))
                if (const std::optional<std::string> name = derive_physical_name(reduced)) {
                    reduced["physicalNameProperty"] = *name;
                    ++st.reduce.physical_names;
                }
        }
        // Attributes AWS's own schema offers that the enhanced one left out (a nested stack's
        // Outputs, SSM parameters' Arn...): Fn::GetAtt reads them.
        if (const auto attrs = raw_attributes.find(type); attrs != raw_attributes.end()) {
            for (const auto& [name, attr_type] : attrs->second.items()) {
                json& mine = reduced["attributes"];
                if (mine.is_null()) mine = json::object();
                if (!mine.contains(name)) {
                    mine[name] = attr_type;
                    ++st.raw_attributes;
                }
            }
        }
        if (const auto dep = raw_deprecated.find(type); dep != raw_deprecated.end()) {
            json& list = reduced["deprecatedProperties"];
            if (list.is_null()) list = json::array();
            for (const json& pointer : dep->second) {
                if (std::find(list.begin(), list.end(), pointer) != list.end()) continue;
                list.push_back(pointer);
                ++st.raw_deprecated;
            }
        }

        json absent = json::array();
        std::map<std::string, std::vector<std::string>> missing_properties;
        const std::set<std::string> base_properties = top_level_properties(base);
        for (const auto& [region, types] : maps) {
            const auto it = types.find(type);
            if (it == types.end()) {
                absent.push_back(region);
                continue;
            }
            if (it->second == base_id) continue;
            const std::set<std::string> here = top_level_properties(raw(it->second));
            for (const std::string& name : base_properties) {
                if (!here.contains(name)) missing_properties[name].push_back(region);
            }
        }
        if (!absent.empty()) {
            reduced["absentRegions"] = std::move(absent);
            ++st.regional_types;
        }
        if (!missing_properties.empty()) {
            json props = json::object();
            for (auto& [name, regions] : missing_properties)
                props[name] = regions;
            st.regional_properties += missing_properties.size();
            reduced["regionalProperties"] = std::move(props);
        }
        st.constraints += attach_constraints(reduced, constraints, extensions);
        lines.emplace(type, std::move(reduced));
    }
    if (sam_schema != nullptr) {
        for (auto& [type, line] : sam_lines(*sam_schema, lines, &st.sam)) {
            all_types.insert(type);
            lines.emplace(type, std::move(line));
        }
    }
    std::string out;
    for (auto& [type, line] : lines) {
        st.corrections += apply_corrections(line, corrections);
        out += to_line(line);
    }
    // Every correction and constraint must have found its type.
    for (const json* list : {&corrections, &constraints}) {
        for (const json& c : *list) {
            const std::string type = c.value("type", "");
            if (!all_types.contains(type))
                throw std::runtime_error("no resource type " + type + " for " + c.dump());
        }
    }
    return out;
}

}  // namespace stacklint::schema
