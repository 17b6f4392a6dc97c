#include "schemagen/sam.hpp"

#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <vector>

#include "schemagen/reduce.hpp"

namespace stacklint::schema {

namespace {

using nlohmann::json;

constexpr std::string_view kPrefix = "samtranslator__internal__schema_source__";
constexpr std::string_view kRefPrefix = "#/definitions/";

// The name of the definition a local $ref points at ("#/definitions/Name/..."), or empty.
std::string ref_name(const json& ref) {
    if (!ref.is_string()) return {};
    std::string_view r = ref.get_ref<const std::string&>();
    if (!r.starts_with(kRefPrefix)) return {};
    r.remove_prefix(kRefPrefix.size());
    return std::string(r.substr(0, r.find('/')));
}

// Every definition `roots` reach through $ref, transitively.
std::set<std::string> reachable(const std::vector<const json*>& roots, const json& defs) {
    std::set<std::string> seen;
    std::vector<const json*> work(roots.begin(), roots.end());
    while (!work.empty()) {
        const json* node = work.back();
        work.pop_back();
        if (node->is_object()) {
            for (const auto& [key, value] : node->items()) {
                if (key == "$ref") {
                    const std::string name = ref_name(value);
                    if (!name.empty() && defs.contains(name) && seen.insert(name).second)
                        work.push_back(&defs[name]);
                } else {
                    work.push_back(&value);
                }
            }
        } else if (node->is_array()) {
            for (const json& item : *node)
                work.push_back(&item);
        }
    }
    return seen;
}

// Copies a reduced CloudFormation schema into the SAM definitions, renaming the definitions it
// refers to ("#/definitions/VpcConfig" of AWS::Lambda::Function becomes
// "#/definitions/cfn:AWS::Lambda::Function:VpcConfig") and importing them too.
class Importer {
  public:
    Importer(const std::map<std::string, json>& cfn, json& defs) : cfn_(cfn), defs_(defs) {}

    // The schema of `property` of CloudFormation type `type` (of its definition `definition`
    // when not empty), imported; nullopt when the data has no such property.
    std::optional<json> property(const std::string& type, const std::string& definition,
                                 const std::string& property) {
        const auto line = cfn_.find(type);
        if (line == cfn_.end()) return std::nullopt;
        const json* owner = &line->second;
        if (!definition.empty()) {
            const auto d = owner->find("definitions");
            if (d == owner->end() || !d->contains(definition)) return std::nullopt;
            owner = &(*d)[definition];
        }
        const auto props = owner->find("properties");
        if (props == owner->end() || !props->is_object() || !props->contains(property))
            return std::nullopt;
        return imported(type, (*props)[property]);
    }

  private:
    json imported(const std::string& type, json schema) {
        std::vector<json*> work{&schema};
        while (!work.empty()) {
            json& node = *work.back();
            work.pop_back();
            if (node.is_object()) {
                for (auto& [key, value] : node.items()) {
                    if (key == "$ref" && value.is_string()) {
                        const std::string name = ref_name(value);
                        if (name.empty()) continue;
                        const std::string renamed = "cfn:" + type + ":" + name;
                        value = std::string(kRefPrefix) + renamed;
                        import_definition(type, name, renamed);
                    } else {
                        work.push_back(&value);
                    }
                }
            } else if (node.is_array()) {
                for (json& item : node)
                    work.push_back(&item);
            }
        }
        return schema;
    }

    void import_definition(const std::string& type, const std::string& name,
                           const std::string& renamed) {
        if (defs_.contains(renamed)) return;
        const json& line = cfn_.at(type);
        const auto d = line.find("definitions");
        if (d == line.end() || !d->contains(name)) return;
        defs_[renamed] = json::object();  // a placeholder first: definitions may be recursive
        defs_[renamed] = imported(type, (*d)[name]);
    }

    const std::map<std::string, json>& cfn_;
    json& defs_;
};

// "This property is passed directly to the [`X`](...) property of an `AWS::T::R` resource."
std::optional<std::pair<std::string, std::string>> described_pass_through(const json& node) {
    const auto md = node.find("markdownDescription");
    if (md == node.end() || !md->is_string()) return std::nullopt;
    static const std::regex pattern(
        R"(passed directly to the \[`?(\w+)`?\]\([^)]*\) property of an `(\w+::\w+::\w+)` resource)");
    std::smatch m;
    const std::string& text = md->get_ref<const std::string&>();
    if (!std::regex_search(text, m, pattern)) return std::nullopt;
    return std::make_pair(m[2].str(), m[1].str());
}

// Replaces every pass-through property schema with the CloudFormation property's.
void resolve_pass_through(json& defs, Importer& importer, SamStats& stats) {
    std::vector<json*> work;
    for (auto& [name, def] : defs.items()) {
        if (!name.starts_with("cfn:")) work.push_back(&def);
    }
    while (!work.empty()) {
        json& node = *work.back();
        work.pop_back();
        if (node.is_array()) {
            for (json& item : node)
                work.push_back(&item);
            continue;
        }
        if (!node.is_object()) continue;
        std::string type;
        std::string definition;
        std::string property;
        if (const auto pt = node.find("__samPassThrough"); pt != node.end()) {
            const json path = pt->value("schemaPath", json::array());
            // ["definitions", "AWS::Lambda::Function", "properties", "Properties",
            //  "properties", "X"] or ["definitions", "AWS::T::R.Def", "properties", "X"]
            if (path.is_array() && path.size() >= 4 && path[1].is_string() &&
                path.back().is_string()) {
                const std::string owner = path[1].get<std::string>();
                const std::size_t dot = owner.find('.');
                type = owner.substr(0, dot);
                if (dot != std::string::npos) definition = owner.substr(dot + 1);
                property = path.back().get<std::string>();
            }
        } else if (node.value("allOf", json()) ==
                   json::array({{{"$ref", "#/definitions/PassThroughProp"}}})) {
            if (const auto described = described_pass_through(node)) {
                type = described->first;
                property = described->second;
            }
        }
        if (!property.empty()) {
            ++stats.pass_through;
            if (std::optional<json> schema = importer.property(type, definition, property)) {
                node = std::move(*schema);
                ++stats.pass_through_resolved;
            } else {
                node = json::object();  // anything, as SAM's own schema says
            }
            continue;
        }
        for (auto& [key, value] : node.items())
            work.push_back(&value);
    }
}

}  // namespace

std::string deployed_type(const std::string& sam_type) {
    static const std::map<std::string, std::string> kDeployed = {
        {"AWS::Serverless::Function", "AWS::Lambda::Function"},
        {"AWS::Serverless::Api", "AWS::ApiGateway::RestApi"},
        {"AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"},
        {"AWS::Serverless::WebSocketApi", "AWS::ApiGatewayV2::Api"},
        {"AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table"},
        {"AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"},
        {"AWS::Serverless::Application", "AWS::CloudFormation::Stack"},
        {"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"},
        {"AWS::Serverless::GraphQLApi", "AWS::AppSync::GraphQLApi"},
        {"AWS::Serverless::CapacityProvider", "AWS::Lambda::CapacityProvider"},
    };
    const auto it = kDeployed.find(sam_type);
    return it == kDeployed.end() ? std::string() : it->second;
}

std::map<std::string, json> sam_lines(const json& sam_schema,
                                      const std::map<std::string, json>& cfn, SamStats* stats) {
    SamStats local;
    SamStats& st = stats != nullptr ? *stats : local;
    if (!sam_schema.is_object() || !sam_schema.contains("definitions") ||
        !sam_schema["definitions"].is_object())
        throw std::runtime_error("SAM schema: no definitions");
    json defs = sam_schema["definitions"];
    Importer importer(cfn, defs);
    resolve_pass_through(defs, importer, st);

    const json globals =
        defs.value("__main____Globals", json::object()).value("properties", json::object());
    std::map<std::string, json> out;
    for (const auto& [name, resource] : defs.items()) {
        if (!name.starts_with(kPrefix) || !name.ends_with("__Resource")) continue;
        const json type_schema = resource.value("properties", json::object()).value("Type", json());
        if (!type_schema.contains("enum") || !type_schema["enum"].is_array() ||
            type_schema["enum"].size() != 1)
            continue;  // the "any CloudFormation resource" alternative
        const std::string type = type_schema["enum"][0].get<std::string>();
        const std::string props_name = ref_name(
            resource["properties"].value("Properties", json::object()).value("$ref", json()));
        if (props_name.empty() || !defs.contains(props_name))
            throw std::runtime_error("SAM schema: " + type + " has no Properties definition");

        // The line: the Properties schema at the top, as CloudFormation lines have it.
        json line = defs[props_name];
        line.erase("title");
        // Globals: the section for this type ("Function" for AWS::Serverless::Function).
        const std::string section = type.substr(type.rfind(':') + 1);
        json globals_schema;
        if (globals.contains(section)) globals_schema = globals[section];
        std::vector<const json*> roots{&line};
        if (!globals_schema.is_null()) roots.push_back(&globals_schema);
        json line_defs = json::object();
        for (const std::string& d : reachable(roots, defs))
            line_defs[d] = defs[d];

        json reduced = reduce_node_schema(line);
        if (!line_defs.empty()) {
            json reduced_defs = json::object();
            for (auto& [d, schema] : line_defs.items())
                reduced_defs[d] = reduce_node_schema(schema);
            reduced["definitions"] = std::move(reduced_defs);
        }
        if (!globals_schema.is_null()) reduced["globals"] = reduce_node_schema(globals_schema);
        reduced["typeName"] = type;
        if (!reduced.contains("properties")) reduced["properties"] = json::object();
        const std::string deployed = deployed_type(type);
        if (!deployed.empty()) {
            reduced["deployedType"] = deployed;
            if (const auto base = cfn.find(deployed); base != cfn.end()) {
                if (const auto attrs = base->second.find("attributes"); attrs != base->second.end())
                    reduced["attributes"] = *attrs;
            }
        }
        out[type] = std::move(reduced);
        ++st.types;
    }
    if (out.empty()) throw std::runtime_error("SAM schema: no AWS::Serverless::* resource types");
    return out;
}

}  // namespace stacklint::schema
