#include "graph/render.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "graph/names.hpp"
#include "model/facts.hpp"

namespace stacklint {

namespace {

std::string path_of_output_export(std::string_view output) {
    std::string path = "Outputs/";
    path.append(output).append("/Export/Name");
    return path;
}

struct DrawnNode {
    std::string_view id;
    std::string_view type;
    Mark mark;
    bool stateful = false;
    bool generated = false;  // a key template of an Fn::ForEach loop
};

struct DrawnEdge {
    std::size_t from;
    std::size_t to;
    std::vector<std::string> labels;  // "Ref", "GetAtt Arn", "DependsOn"...
    bool cycle = false;
};

struct Drawing {
    std::vector<DrawnNode> nodes;
    std::vector<DrawnEdge> edges;
    std::vector<std::vector<std::string_view>> cycles;
};

std::string_view type_of(const Node& definition) {
    if (!definition.is_mapping()) return {};
    const Node* type = definition.get("Type");
    return type && type->is_scalar() ? std::string_view(type->text()) : std::string_view();
}

// Resources first (template order), then loop templates; edges in order of first appearance.
Drawing draw(const Template& t, const ResourceGraph& g) {
    Drawing d;
    for (const Resource& r : t.resources) {
        d.nodes.push_back({r.id, r.type_name, r.id_mark, is_stateful_type(r.type_name), false});
    }
    std::map<std::string_view, std::size_t> templates;  // loop key template -> node
    for (const auto& name : g.generated_names()) {
        if (name.section != "Resources" || templates.count(name.pattern)) continue;
        templates.emplace(name.pattern, d.nodes.size());
        d.nodes.push_back({name.pattern, {}, {}, false, true});
    }
    // Types and positions of loop templates, from the loops' bodies.
    for (const ForEachLoop& loop : t.for_each_loops) {
        std::vector<const Node*> bodies{loop.node};
        while (!bodies.empty()) {
            const Node* v = bodies.back();
            bodies.pop_back();
            if (!v->is_sequence() || v->items().size() != 3 || !v->items()[2].is_mapping()) {
                continue;
            }
            for (const Entry& e : v->items()[2].entries()) {
                if (e.key.starts_with("Fn::ForEach::")) {
                    bodies.push_back(&e.value);
                    continue;
                }
                auto it = templates.find(e.key);
                if (it == templates.end()) continue;
                DrawnNode& n = d.nodes[it->second];
                n.type = type_of(e.value);
                n.mark = e.key_mark;
                n.stateful = is_stateful_type(n.type);
            }
        }
    }

    auto node_of_source = [&](const Edge& e) -> std::optional<std::size_t> {
        if (e.section != Section::Resources) return std::nullopt;
        if (e.from_index != kNoIndex) return e.from_index;
        auto it = templates.find(e.from);
        if (it == templates.end()) return std::nullopt;
        return it->second;
    };
    auto node_of_target = [&](const Edge& e) -> std::optional<std::size_t> {
        if (e.target_kind == TargetKind::Resource) return e.target_index;
        if (e.target_kind != TargetKind::Generated) return std::nullopt;
        if (auto it = templates.find(e.target); it != templates.end()) return it->second;
        for (const auto& name : g.generated_names()) {
            if (name.section != "Resources" || !name.may_generate(e.target)) continue;
            if (auto it = templates.find(name.pattern); it != templates.end()) return it->second;
        }
        return std::nullopt;
    };

    std::map<std::pair<std::size_t, std::size_t>, std::size_t> by_pair;
    for (const Edge& e : g.edges()) {
        if (e.kind == EdgeKind::Condition || e.kind == EdgeKind::FindInMap) continue;
        const auto from = node_of_source(e);
        const auto to = node_of_target(e);
        if (!from || !to) continue;
        std::string label(to_string(e.kind));
        if (!e.attribute.empty()) label.append(" ").append(e.attribute);
        auto [it, fresh] = by_pair.emplace(std::make_pair(*from, *to), d.edges.size());
        if (fresh) {
            const bool resources = *from < t.resources.size() && *to < t.resources.size();
            d.edges.push_back({*from, *to, {}, resources && g.on_cycle(*from, *to)});
        }
        auto& labels = d.edges[it->second].labels;
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
            labels.push_back(std::move(label));
        }
    }
    for (const Cycle& c : g.resource_cycles()) {
        std::vector<std::string_view> names;
        for (std::size_t i : c)
            names.push_back(t.resources[i].id);
        names.push_back(t.resources[c.front()].id);
        d.cycles.push_back(std::move(names));
    }
    return d;
}

std::string joined(const std::vector<std::string>& labels) {
    std::string out;
    for (const std::string& l : labels) {
        if (!out.empty()) out += ", ";
        out += l;
    }
    return out;
}

// A DOT double-quoted string.
std::string dot_quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    out += '"';
    return out;
}

void write_dot(std::ostream& out, const Stack& stack, const Drawing& d) {
    out << "// stacklint graph of " << stack.file << "\n"
        << "// An edge A -> B means A refers to B (B is created first). Cylinders hold data;\n"
        << "// red edges form circular dependencies; dashed boxes are Fn::ForEach templates.\n"
        << "digraph " << dot_quote(stack.name) << " {\n"
        << "  rankdir=LR;\n"
        << "  node [shape=box, fontname=\"Helvetica\", fontsize=11];\n"
        << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const DrawnNode& n = d.nodes[i];
        std::string label(n.id);
        if (!n.type.empty()) label.append("\n").append(n.type);
        out << "  n" << i << " [label=" << dot_quote(label);
        if (n.stateful) out << ", shape=cylinder, style=filled, fillcolor=\"#fde9c4\"";
        if (n.generated) out << (n.stateful ? ", peripheries=2" : ", style=dashed");
        out << "];\n";
    }
    for (const DrawnEdge& e : d.edges) {
        out << "  n" << e.from << " -> n" << e.to << " [label=" << dot_quote(joined(e.labels));
        if (e.cycle) out << ", color=red, fontcolor=red, penwidth=2";
        out << "];\n";
    }
    out << "}\n";
}

// Mermaid labels go inside double quotes, where only `"` needs escaping.
std::string mermaid_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '"') {
            out += "#quot;";
        } else {
            out += c;
        }
    }
    return out;
}

void write_mermaid(std::ostream& out, const Drawing& d) {
    out << "flowchart LR\n";
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const DrawnNode& n = d.nodes[i];
        std::string label = mermaid_text(n.id);
        if (!n.type.empty()) label.append("<br/>").append(mermaid_text(n.type));
        out << "  n" << i << (n.stateful ? "[(\"" : "[\"") << label << (n.stateful ? "\")]" : "\"]")
            << "\n";
    }
    std::vector<std::size_t> red;
    for (std::size_t i = 0; i < d.edges.size(); ++i) {
        const DrawnEdge& e = d.edges[i];
        out << "  n" << e.from << " -->|\"" << mermaid_text(joined(e.labels)) << "\"| n" << e.to
            << "\n";
        if (e.cycle) red.push_back(i);
    }
    bool any_stateful = false;
    bool any_generated = false;
    for (const DrawnNode& n : d.nodes) {
        any_stateful |= n.stateful;
        any_generated |= n.generated;
    }
    if (any_stateful) {
        out << "  classDef stateful fill:#fde9c4,stroke:#b36b00\n  class ";
        bool first = true;
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (!d.nodes[i].stateful) continue;
            out << (first ? "" : ",") << "n" << i;
            first = false;
        }
        out << " stateful\n";
    }
    if (any_generated) {
        out << "  classDef generated stroke-dasharray:4 3\n  class ";
        bool first = true;
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (!d.nodes[i].generated) continue;
            out << (first ? "" : ",") << "n" << i;
            first = false;
        }
        out << " generated\n";
    }
    if (!red.empty()) {
        out << "  linkStyle ";
        for (std::size_t i = 0; i < red.size(); ++i)
            out << (i ? "," : "") << red[i];
        out << " stroke:red,stroke-width:2px\n";
    }
}

using Json = nlohmann::ordered_json;

Json position(Mark m) {
    return m.valid() ? Json{{"line", m.line}, {"column", m.column}}
                     : Json{{"line", nullptr}, {"column", nullptr}};
}

Json node_json(std::string_view kind, std::string_view id, Mark mark) {
    Json n{{"kind", kind}, {"id", id}};
    n.update(position(mark));
    return n;
}

std::string_view kind_of(Section section) {
    switch (section) {
        case Section::Conditions:
            return "condition";
        case Section::Resources:
            return "resource";
        case Section::Outputs:
            return "output";
        case Section::Rules:
            return "rule";
        case Section::Globals:
            return "globals";
    }
    return "?";
}

std::string_view kind_of(TargetKind kind) {
    switch (kind) {
        case TargetKind::Resource:
            return "resource";
        case TargetKind::Parameter:
            return "parameter";
        case TargetKind::PseudoParameter:
            return "pseudo-parameter";
        case TargetKind::Condition:
            return "condition";
        case TargetKind::Mapping:
            return "mapping";
        case TargetKind::SubVariable:
            return "sub-variable";
        case TargetKind::LoopVariable:
            return "loop-variable";
        case TargetKind::Generated:
            return "generated";
        case TargetKind::Unknown:
            return "unknown";
    }
    return "?";
}

// Where a reference is written from: {"kind": "resource", "id": "Queue"}; a resource an
// Fn::ForEach loop generates is named by its key template and marked generated.
Json source_json(Section section, std::string_view from, std::size_t from_index) {
    Json j{{"kind", kind_of(section)},
           {"id", section == Section::Globals ? std::string_view("Globals") : from}};
    if (section == Section::Resources && from_index == kNoIndex) j["generated"] = true;
    return j;
}

Json export_json(const ExportName& name) {
    Json j{{"kind", "export"}};
    switch (name.form) {
        case ExportName::Form::Literal:
            j["name"] = name.text;
            j["form"] = "literal";
            break;
        case ExportName::Form::Sub:
            j["name"] = name.text;
            j["form"] = "sub";
            break;
        case ExportName::Form::Other:
            j["name"] = nullptr;
            j["form"] = "computed";
            break;
    }
    return j;
}

// Every part of the template and every reference between them, with positions.
Json reference_graph(const Template& t, const ResourceGraph& g) {
    Json nodes = Json::array();
    for (const Named& p : t.parameters)
        nodes.push_back(node_json("parameter", p.name, p.mark));
    std::vector<std::string_view> pseudo;
    for (const Edge& e : g.edges()) {
        if (e.target_kind == TargetKind::PseudoParameter &&
            std::find(pseudo.begin(), pseudo.end(), e.target) == pseudo.end()) {
            pseudo.push_back(e.target);
        }
    }
    for (std::string_view name : pseudo)
        nodes.push_back(node_json("pseudo-parameter", name, {}));
    for (const Named& m : t.mappings)
        nodes.push_back(node_json("mapping", m.name, m.mark));
    for (const Named& c : t.conditions)
        nodes.push_back(node_json("condition", c.name, c.mark));
    for (const Resource& r : t.resources) {
        Json n = node_json("resource", r.id, r.id_mark);
        n["type"] = r.type_name.empty() ? Json() : Json(r.type_name);
        n["stateful"] = is_stateful_type(r.type_name);
        nodes.push_back(std::move(n));
    }
    for (const ForEachLoop& loop : t.for_each_loops) {
        Json n = node_json("loop", loop.key, loop.mark);
        n["section"] = loop.section;
        nodes.push_back(std::move(n));
    }
    for (const auto& name : g.generated_names()) {
        Json n{{"kind", "generated"}, {"id", name.pattern}, {"section", name.section}};
        n["names"] = name.known ? Json(name.names) : Json();
        nodes.push_back(std::move(n));
    }
    for (const Named& o : t.outputs)
        nodes.push_back(node_json("output", o.name, o.mark));
    if (t.rules_section && t.rules_section->value.is_mapping()) {
        for (const Entry& r : t.rules_section->value.entries())
            nodes.push_back(node_json("rule", r.key, r.key_mark));
    }

    Json edges = Json::array();
    for (const Edge& e : g.edges()) {
        Json j{{"kind", to_string(e.kind)}, {"from", source_json(e.section, e.from, e.from_index)}};
        Json to{{"kind", kind_of(e.target_kind)}, {"id", e.target}};
        if (!e.attribute.empty()) to["attribute"] = e.attribute;
        j["to"] = std::move(to);
        j.update(position(e.mark()));
        j["path"] = e.path;
        j["conditional"] = e.conditional;
        j["in_loop"] = e.in_loop;
        edges.push_back(std::move(j));
    }
    for (const Import& i : g.imports()) {
        Json j{{"kind", "ImportValue"}, {"from", source_json(i.section, i.from, i.from_index)}};
        j["to"] = export_json(i.name);
        j.update(position(i.call ? i.call->mark() : Mark{}));
        j["path"] = i.path;
        j["conditional"] = false;
        j["in_loop"] = i.in_loop;
        edges.push_back(std::move(j));
    }
    for (const Export& x : g.exports()) {
        const Named& o = t.outputs[x.output];
        Json j{{"kind", "Export"}, {"from", {{"kind", "output"}, {"id", o.name}}}};
        j["to"] = export_json(x.name);
        j.update(position(x.name_entry ? x.name_entry->value.mark() : o.mark));
        j["path"] = path_of_output_export(o.name);
        j["conditional"] = false;
        j["in_loop"] = false;
        edges.push_back(std::move(j));
    }
    return Json{{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

void write_json(std::ostream& out, const Stack& stack, const Drawing& d) {
    nlohmann::ordered_json doc;
    doc["stack"] = stack.name;
    doc["file"] = stack.file;
    auto& nodes = doc["nodes"] = nlohmann::ordered_json::array();
    for (const DrawnNode& n : d.nodes) {
        nlohmann::ordered_json node;
        node["id"] = n.id;
        node["type"] = n.type.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(n.type);
        node["stateful"] = n.stateful;
        node["generated"] = n.generated;
        node["line"] = n.mark.valid() ? nlohmann::ordered_json(n.mark.line) : nullptr;
        node["column"] = n.mark.valid() ? nlohmann::ordered_json(n.mark.column) : nullptr;
        nodes.push_back(std::move(node));
    }
    auto& edges = doc["edges"] = nlohmann::ordered_json::array();
    for (const DrawnEdge& e : d.edges) {
        edges.push_back({{"from", d.nodes[e.from].id},
                         {"to", d.nodes[e.to].id},
                         {"via", e.labels},
                         {"cycle", e.cycle}});
    }
    auto& cycles = doc["cycles"] = nlohmann::ordered_json::array();
    for (const auto& c : d.cycles)
        cycles.push_back(c);
    doc["reference_graph"] = reference_graph(*stack.tmpl, *stack.graph);
    out << doc.dump(2) << '\n';
}

}  // namespace

std::optional<GraphFormat> parse_graph_format(std::string_view name) {
    if (name == "dot") return GraphFormat::Dot;
    if (name == "mermaid") return GraphFormat::Mermaid;
    if (name == "json") return GraphFormat::Json;
    return std::nullopt;
}

void render_graph(std::ostream& out, const Stack& stack, GraphFormat format) {
    if (!stack.tmpl || !stack.graph) return;
    const Drawing d = draw(*stack.tmpl, *stack.graph);
    switch (format) {
        case GraphFormat::Dot:
            write_dot(out, stack, d);
            break;
        case GraphFormat::Mermaid:
            write_mermaid(out, d);
            break;
        case GraphFormat::Json:
            write_json(out, stack, d);
            break;
    }
}

}  // namespace stacklint
