#include "graph/graph.hpp"

#include "model/sam.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "graph/cycles.hpp"
#include "graph/names.hpp"
#include "load/scalar_position.hpp"
#include "model/values.hpp"

namespace stacklint {

namespace {

constexpr std::string_view kForEach = "Fn::ForEach::";

ExportName export_name(const Node& value) {
    ExportName out;
    out.node = &value;
    if (value.is_scalar()) {
        out.form = ExportName::Form::Literal;
        out.text = value.text();
        return out;
    }
    if (value.intrinsic_name() != "Fn::Sub") return out;
    const Node& arg = *value.intrinsic_arg();
    if (arg.is_scalar()) {
        out.form = ExportName::Form::Sub;
        out.text = arg.text();
    } else if (arg.is_sequence() && !arg.items().empty() && arg.items()[0].is_scalar()) {
        out.form = ExportName::Form::Sub;
        out.text = arg.items()[0].text();
        if (arg.items().size() > 1 && arg.items()[1].is_mapping()) out.variables = &arg.items()[1];
    }
    return out;
}

// What a loop's identifier stands for: the collection's values when it is a literal list of
// scalars; a function (`!Ref Names`, `!FindInMap`...) is known only at deployment.
LoopValues loop_values(const Node& identifier, const Node& collection) {
    LoopValues out;
    if (identifier.is_scalar()) out.identifier = identifier.text();
    if (!collection.is_sequence()) return out;
    std::vector<std::string_view> values;
    for (const Node& item : collection.items()) {
        if (!item.is_scalar()) return out;
        values.push_back(item.text());
    }
    out.values = std::move(values);
    return out;
}

using Index = std::unordered_map<std::string_view, std::size_t>;

Index index_of(const std::vector<Named>& entries) {
    Index out;
    for (std::size_t i = 0; i < entries.size(); ++i)
        out.emplace(entries[i].name, i);
    return out;
}

std::size_t find_in(const Index& index, std::string_view name) {
    auto it = index.find(name);
    return it == index.end() ? kNoIndex : it->second;
}

}  // namespace

std::string_view to_string(EdgeKind kind) {
    switch (kind) {
        case EdgeKind::Ref:
            return "Ref";
        case EdgeKind::GetAtt:
            return "GetAtt";
        case EdgeKind::Sub:
            return "Sub";
        case EdgeKind::DependsOn:
            return "DependsOn";
        case EdgeKind::Condition:
            return "Condition";
        case EdgeKind::FindInMap:
            return "FindInMap";
    }
    return "?";
}

std::string_view to_string(Section section) {
    switch (section) {
        case Section::Conditions:
            return "Conditions";
        case Section::Resources:
            return "Resources";
        case Section::Outputs:
            return "Outputs";
        case Section::Rules:
            return "Rules";
        case Section::Globals:
            return "Globals";
    }
    return "?";
}

bool ResourceGraph::on_cycle(std::size_t from, std::size_t to) const {
    if (from >= resource_component_.size() || to >= resource_component_.size()) return false;
    const std::size_t c = resource_component_[from];
    return c == resource_component_[to] && component_cyclic_[c];
}

bool ResourceGraph::GeneratedName::may_generate(std::string_view name) const {
    if (!known) return matches_name_template(pattern, name);
    return std::binary_search(names.begin(), names.end(), name,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

bool ResourceGraph::generated(std::string_view section, std::string_view name) const {
    return std::any_of(generated_.begin(), generated_.end(), [&](const GeneratedName& g) {
        return g.section == section && g.may_generate(name);
    });
}

// Walks the template once, depth first. The tree is at most 256 levels deep (the loader's
// limit), so the recursion here is bounded by it.
class GraphBuilder {
  public:
    GraphBuilder(const Template& t, const Source* source, const SamTransform* sam, ResourceGraph& g)
        : t_(t),
          source_(source),
          sam_(sam),
          g_(g),
          parameters_(index_of(t.parameters)),
          conditions_(index_of(t.conditions)),
          mappings_(index_of(t.mappings)) {}

    void build() {
        for (const ForEachLoop& loop : t_.for_each_loops) {
            std::vector<LoopValues> loops;
            collect_generated(loop.section, *loop.node, loops);
        }
        g_.by_resource_.resize(t_.resources.size());

        walk_section(t_.conditions_section, Section::Conditions);
        walk_section(t_.resources_section, Section::Resources);
        walk_section(t_.outputs_section, Section::Outputs);
        if (t_.rules_section && t_.rules_section->value.is_mapping()) {
            for (const Entry& e : t_.rules_section->value.entries()) {
                enter(Section::Rules, e.key, kNoIndex, "Rules");
                walk(e.value);
            }
        }
        // SAM's Globals section holds properties copied into every function and API.
        if (t_.is_sam() && t_.root->is_mapping()) {
            if (const Entry* globals = t_.root->find("Globals")) {
                enter(Section::Globals, {}, kNoIndex, "Globals");
                walk(globals->value);
            }
        }
        link();
    }

  private:
    // Sets the holder of the references that follow and the path they start from.
    void enter(Section section, std::string_view name, std::size_t index,
               std::string_view section_name) {
        section_ = section;
        from_ = name;
        from_index_ = index;
        part_ = {};
        path_.assign(section_name);
        if (!name.empty()) path_.append("/").append(name);
    }

    void push(std::string_view segment) {
        lengths_.push_back(path_.size());
        path_.append("/").append(segment);
    }
    void push(std::size_t index) { push(std::to_string(index)); }
    void pop() {
        path_.resize(lengths_.back());
        lengths_.pop_back();
    }

    // Names that loops in a section generate, nested loops included. `loops` holds what the
    // enclosing loops' identifiers stand for.
    void collect_generated(std::string_view section, const Node& loop,
                           std::vector<LoopValues>& loops) {
        if (!loop.is_sequence() || loop.items().size() != 3) return;
        const Node& body = loop.items()[2];
        if (!body.is_mapping()) return;
        loops.push_back(loop_values(loop.items()[0], loop.items()[1]));
        for (const Entry& e : body.entries()) {
            if (e.key.starts_with(kForEach)) {
                collect_generated(section, e.value, loops);
                continue;
            }
            ResourceGraph::GeneratedName name;
            name.section = section;
            name.pattern = e.key;
            if (auto names = expand_name_template(e.key, loops)) {
                std::sort(names->begin(), names->end());
                name.known = true;
                name.names = std::move(*names);
            }
            g_.generated_.push_back(std::move(name));
        }
        loops.pop_back();
    }

    void walk_section(const Entry* section, Section kind) {
        if (section == nullptr || !section->value.is_mapping()) return;
        std::size_t index = 0;
        for (const Entry& e : section->value.entries()) {
            if (e.key.starts_with(kForEach)) {
                walk_section_loop(section->key, kind, e, section->key + "/" + e.key);
                continue;
            }
            walk_definition(kind, section->key, e.key, index++, e.value);
        }
    }

    // `Fn::ForEach::Name: [Identifier, Collection, {KeyTemplate: Definition}]` at the top
    // of a section: each key of the body is a resource (output, condition) template.
    void walk_section_loop(std::string_view section_name, Section kind, const Entry& loop,
                           const std::string& loop_path) {
        enter(kind, {}, kNoIndex, section_name);
        path_ = loop_path;
        lengths_.clear();
        const Node& v = loop.value;
        if (!v.is_sequence() || v.items().size() != 3 || !v.items()[2].is_mapping()) {
            walk(v);
            return;
        }
        push(std::size_t{1});
        walk(v.items()[1]);  // the collection is evaluated outside the loop
        pop();
        const bool named = v.items()[0].is_scalar();
        if (named) loop_vars_.push_back(v.items()[0].text());
        ++loop_depth_;
        for (const Entry& e : v.items()[2].entries()) {
            if (e.key.starts_with(kForEach)) {
                walk_section_loop(section_name, kind, e, loop_path + "/2/" + e.key);
            } else {
                walk_definition(kind, section_name, e.key, kNoIndex, e.value);
            }
        }
        --loop_depth_;
        if (named) loop_vars_.pop_back();
    }

    void walk_definition(Section kind, std::string_view section_name, std::string_view name,
                         std::size_t index, const Node& value) {
        enter(kind, name, index, section_name);
        lengths_.clear();
        if (kind == Section::Conditions || !value.is_mapping()) {
            walk(value);
            return;
        }
        for (const Entry& e : value.entries()) {
            part_ = e.key;
            push(e.key);
            if (kind == Section::Resources && e.key == "DependsOn") {
                depends_on(e.value);
            } else if (e.key == "Condition") {
                if (e.value.is_scalar()) add(EdgeKind::Condition, e.value.text(), &e.value);
            } else if (kind == Section::Resources && e.key == "Type") {
                // A type name, not a reference; a mapping here is a preprocessor's module.
                if (!e.value.is_scalar()) g_.preprocessor_ = true;
            } else {
                if (kind == Section::Outputs && e.key == "Export") record_export(index, e.value);
                walk(e.value);
            }
            pop();
        }
        part_ = {};
    }

    void depends_on(const Node& value) {
        if (value.is_scalar()) {
            add(EdgeKind::DependsOn, value.text(), &value);
            return;
        }
        if (!value.is_sequence()) return;
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            const Node& item = value.items()[i];
            if (!item.is_scalar()) continue;
            push(i);
            add(EdgeKind::DependsOn, item.text(), &item);
            pop();
        }
    }

    void record_export(std::size_t output, const Node& value) {
        if (!value.is_mapping()) return;
        const Entry* name = value.find("Name");
        if (name == nullptr) {
            g_.exports_.push_back(Export{output, nullptr, {}});
            return;
        }
        g_.exports_.push_back(Export{output, name, export_name(name->value)});
    }

    void walk(const Node& node) {
        if (node.is_sequence()) {
            for (std::size_t i = 0; i < node.items().size(); ++i) {
                push(i);
                walk(node.items()[i]);
                pop();
            }
            return;
        }
        if (node.is_scalar() && has_framework_variable(node.text())) g_.preprocessor_ = true;
        if (!node.is_mapping()) return;
        const std::string_view fn = node.intrinsic_name();
        if (!fn.empty()) {
            push(fn);
            intrinsic(fn, node, *node.intrinsic_arg());
            pop();
            return;
        }
        for (const Entry& e : node.entries()) {
            push(e.key);
            if (e.key.starts_with(kForEach)) {
                property_loop(e.value);
            } else {
                if (e.key == "Fn::Transform") g_.inline_transform_ = true;
                if (e.key.starts_with("Rain::")) g_.preprocessor_ = true;
                walk(e.value);
            }
            pop();
        }
    }

    // An Fn::ForEach inside a resource's properties: the identifier is in scope in the body.
    void property_loop(const Node& v) {
        if (!v.is_sequence() || v.items().size() != 3) {
            walk(v);
            return;
        }
        push(std::size_t{1});
        walk(v.items()[1]);
        pop();
        const bool named = v.items()[0].is_scalar();
        if (named) loop_vars_.push_back(v.items()[0].text());
        ++loop_depth_;
        push(std::size_t{2});
        walk(v.items()[2]);
        pop();
        --loop_depth_;
        if (named) loop_vars_.pop_back();
    }

    void walk_items(const Node& list, std::size_t first) {
        for (std::size_t i = first; i < list.items().size(); ++i) {
            push(i);
            walk(list.items()[i]);
            pop();
        }
    }

    void intrinsic(std::string_view fn, const Node& call, const Node& arg) {
        if (fn == "Ref") {
            if (arg.is_scalar()) {
                add(EdgeKind::Ref, arg.text(), &arg, &call);
            } else {
                walk(arg);
            }
        } else if (fn == "Fn::GetAtt") {
            get_att(call, arg);
        } else if (fn == "Fn::Sub") {
            sub(call, arg);
        } else if (fn == "Fn::If") {
            if (!arg.is_sequence()) {
                walk(arg);
                return;
            }
            if (!arg.items().empty() && arg.items()[0].is_scalar()) {
                push(std::size_t{0});
                add(EdgeKind::Condition, arg.items()[0].text(), &arg.items()[0], &call);
                pop();
            }
            ++if_depth_;
            walk_items(arg, arg.items().empty() || arg.items()[0].is_scalar() ? 1 : 0);
            --if_depth_;
        } else if (fn == "Condition") {
            // Only the Conditions section has the condition function; elsewhere a
            // `{Condition: x}` mapping is data (an IAM policy's Condition block, say).
            if (section_ == Section::Conditions) add(EdgeKind::Condition, arg.text(), &arg, &call);
        } else if (fn == "Fn::FindInMap") {
            if (arg.is_sequence() && !arg.items().empty()) {
                const Node& map = arg.items()[0];
                if (map.is_scalar()) {
                    push(std::size_t{0});
                    add(EdgeKind::FindInMap, map.text(), &map, &call);
                    pop();
                } else {
                    g_.dynamic_map_name_ = true;
                }
                walk_items(arg, map.is_scalar() ? 1 : 0);
            } else {
                walk(arg);
            }
        } else if (fn == "Fn::ValueOf" && section_ == Section::Rules && arg.is_sequence() &&
                   !arg.items().empty() && arg.items()[0].is_scalar()) {
            // A rule function that reads an attribute of a parameter's value: a Ref to it.
            push(std::size_t{0});
            add(EdgeKind::Ref, arg.items()[0].text(), &arg.items()[0], &call);
            pop();
            walk_items(arg, 1);
        } else if (fn == "Fn::ImportValue") {
            g_.imports_.push_back(Import{section_, from_, from_index_, &call, export_name(arg),
                                         path_, loop_depth_ > 0});
            walk(arg);
        } else {
            if (fn == "Fn::Transform") g_.inline_transform_ = true;
            walk(arg);
        }
        if (arg.is_mapping() && arg.size() == 1 && arg.entries()[0].key.starts_with("Rain::")) {
            g_.preprocessor_ = true;
        }
    }

    // [Name, Attribute], `!GetAtt Name.Attribute` (already split by the loader), or the JSON
    // string form "Name.Attribute".
    void get_att(const Node& call, const Node& arg) {
        if (arg.is_scalar()) {
            const std::string_view text = arg.text();
            const std::size_t dot = text.find('.');
            const std::string_view attribute =
                dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
            add(EdgeKind::GetAtt, text.substr(0, dot), &arg, &call, attribute, &arg);
            return;
        }
        if (!arg.is_sequence() || arg.items().empty()) {
            walk(arg);
            return;
        }
        const Node& name = arg.items()[0];
        const Node* attribute = arg.items().size() > 1 ? &arg.items()[1] : nullptr;
        if (name.is_scalar()) {
            push(std::size_t{0});
            const std::string_view attr_text =
                attribute && attribute->is_scalar() ? std::string_view(attribute->text()) : "";
            add(EdgeKind::GetAtt, name.text(), &name, &call, attr_text, attribute);
            pop();
            walk_items(arg, 1);
        } else {
            walk_items(arg, 0);
        }
    }

    void sub(const Node& call, const Node& arg) {
        const Node* text = nullptr;
        const Node* variables = nullptr;
        if (arg.is_scalar()) {
            text = &arg;
        } else if (arg.is_sequence()) {
            if (!arg.items().empty() && arg.items()[0].is_scalar()) text = &arg.items()[0];
            if (arg.items().size() > 1 && arg.items()[1].is_mapping()) {
                variables = &arg.items()[1];
            }
            walk_items(arg, text ? 1 : 0);
        } else {
            walk(arg);
        }
        if (text == nullptr) return;
        if (arg.is_sequence()) push(std::size_t{0});
        std::optional<ScalarLocator> locate;
        if (source_) locate.emplace(*source_, *text);
        const std::string_view whole = text->text();
        for (const SubVariable& v : sub_variables(whole)) {
            if (variables && variables->find(v.name)) continue;  // the list form's own map
            const Mark at =
                locate ? locate->at(v.offset, whole.substr(v.offset, v.name.size() + 3)) : Mark{};
            const std::size_t dot = v.name.find('.');
            if (dot == std::string_view::npos) {
                add(EdgeKind::Sub, v.name, text, &call);
            } else {
                add(EdgeKind::Sub, v.name.substr(0, dot), text, &call, v.name.substr(dot + 1));
            }
            // Only a position inside the string is worth keeping: its start is node's mark.
            if (at != text->mark()) g_.edges_.back().placeholder = at;
        }
        if (arg.is_sequence()) pop();
    }

    void add(EdgeKind kind, std::string_view target, const Node* node, const Node* call = nullptr,
             std::string_view attribute = {}, const Node* attribute_node = nullptr) {
        Edge e;
        e.kind = kind;
        e.section = section_;
        e.from = from_;
        e.from_index = from_index_;
        e.target = target;
        e.attribute = attribute;
        e.attribute_node = attribute_node;
        e.node = node;
        e.call = call;
        e.path = path_;
        e.part = part_;
        e.in_loop = loop_depth_ > 0;
        e.conditional = if_depth_ > 0;
        resolve(e);
        if (e.section == Section::Resources && e.from_index != kNoIndex) {
            g_.by_resource_[e.from_index].push_back(g_.edges_.size());
        }
        g_.edges_.push_back(std::move(e));
    }

    void resolve(Edge& e) const {
        const std::string_view name = e.target;
        auto set = [&](TargetKind kind, std::size_t index) {
            e.target_kind = kind;
            e.target_index = index;
        };
        const bool value_ref = e.kind == EdgeKind::Ref || e.kind == EdgeKind::Sub;
        if (value_ref && e.attribute.empty() &&
            std::find(loop_vars_.begin(), loop_vars_.end(), name) != loop_vars_.end()) {
            set(TargetKind::LoopVariable, kNoIndex);
            return;
        }
        const std::size_t parameter = find_in(parameters_, name);
        switch (e.kind) {
            case EdgeKind::Ref:
            case EdgeKind::Sub:
            case EdgeKind::GetAtt:
            case EdgeKind::DependsOn:
                if (const Resource* r = t_.find_resource(name)) {
                    set(TargetKind::Resource, static_cast<std::size_t>(r - t_.resources.data()));
                } else if (parameter != kNoIndex) {
                    set(TargetKind::Parameter, parameter);
                } else if (is_pseudo_parameter(name)) {
                    set(TargetKind::PseudoParameter, kNoIndex);
                }
                break;
            case EdgeKind::Condition:
                if (const std::size_t c = find_in(conditions_, name); c != kNoIndex) {
                    set(TargetKind::Condition, c);
                }
                break;
            case EdgeKind::FindInMap:
                if (const std::size_t m = find_in(mappings_, name); m != kNoIndex) {
                    set(TargetKind::Mapping, m);
                }
                break;
        }
        if (e.target_kind != TargetKind::Unknown) return;
        const std::string_view section =
            e.kind == EdgeKind::Condition ? "Conditions" : std::string_view("Resources");
        if (is_templated_name(name) || g_.generated(section, name) ||
            (section == "Resources" && (in_module(name) || sam_generated(e)))) {
            set(TargetKind::Generated, kNoIndex);
        }
    }

    // A name the SAM transform creates (`MyFunctionRole`, `ServerlessRestApi`), or a property
    // reference it resolves (`Ref: MyApi.Stage`).
    bool sam_generated(const Edge& e) const {
        if (sam_ == nullptr) return false;
        const std::string_view name = e.target;
        if (const std::size_t dot = name.find('.');
            dot != std::string_view::npos && e.kind == EdgeKind::Ref) {
            return sam_->property_reference(name.substr(0, dot), name.substr(dot + 1)) ==
                   SamTransform::Reference::Available;
        }
        return sam_->may_generate(name);
    }

    // A resource of a registry module (`Type: Org::Service::Name::MODULE`) is referred to by
    // the module's logical id followed by the resource's id inside the module
    // (`StorageBucket` for resource `Bucket` of module `Storage`); the module's contents are
    // known only in the registry.
    bool in_module(std::string_view name) const {
        return std::any_of(t_.resources.begin(), t_.resources.end(), [&](const Resource& r) {
            return r.type_name.ends_with("::MODULE") && name.size() > r.id.size() &&
                   name.starts_with(r.id);
        });
    }

    // A reference in a part of a SAM resource that the transform turns into resources of its
    // own (a function's Events, a GraphQL API's Functions and Resolvers, Connectors): after the
    // transform it belongs to the permission, event source mapping, rule or resolver made for
    // it, not to the function or API, so a function does not wait for the API its event
    // attaches to (and an API whose definition calls the function is no cycle).
    bool event_reference(const Edge& e) const {
        if (sam_ == nullptr || e.from_index >= t_.resources.size()) return false;
        const Resource& r = t_.resources[e.from_index];
        if (!r.type_name.starts_with("AWS::Serverless::")) return false;
        if (r.type_name == "AWS::Serverless::Connector") return true;  // it becomes policies
        const std::string base = "Resources/" + std::string(r.id) + "/";
        if (e.path.starts_with(base + "Connectors/")) return true;
        // Parts of the property that become resources of their own.
        static constexpr std::array<std::string_view, 8> kOwnResources = {
            "Events/",    "EventInvokeConfig/", "DeploymentPreference/", "FunctionUrlConfig/",
            "Functions/", "Resolvers/",         "DataSources/",          "ApiKeys/"};
        const std::string properties = base + "Properties/";
        if (!e.path.starts_with(properties)) return false;
        const std::string_view rest = std::string_view(e.path).substr(properties.size());
        return std::any_of(kOwnResources.begin(), kOwnResources.end(),
                           [&](std::string_view part) { return rest.starts_with(part); });
    }

    // Dependencies between resources and between conditions, and their cycles.
    void link() {
        const std::size_t n = t_.resources.size();
        g_.depends_.assign(n, {});
        Adjacency conditions(t_.conditions.size());
        for (const Edge& e : g_.edges_) {
            if (e.from_index == kNoIndex || e.target_index == kNoIndex) continue;
            if (e.section == Section::Resources && e.target_kind == TargetKind::Resource &&
                e.kind != EdgeKind::Condition && !event_reference(e)) {
                g_.depends_[e.from_index].push_back(e.target_index);
            } else if (e.section == Section::Conditions && e.target_kind == TargetKind::Condition) {
                conditions[e.from_index].push_back(e.target_index);
            }
        }
        for (auto& list : g_.depends_) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
        g_.resource_component_ = strongly_connected_components(g_.depends_);
        g_.component_cyclic_.assign(n, false);
        std::vector<std::size_t> size(n, 0);
        for (std::size_t c : g_.resource_component_)
            ++size[c];
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t c = g_.resource_component_[i];
            const auto& d = g_.depends_[i];
            if (size[c] > 1 || std::binary_search(d.begin(), d.end(), i)) {
                g_.component_cyclic_[c] = true;
            }
        }
        CycleSearch resources = find_cycles(g_.depends_, kMaxCycles);
        CycleSearch conds = find_cycles(conditions, kMaxCycles);
        g_.resource_cycles_ = std::move(resources.cycles);
        g_.condition_cycles_ = std::move(conds.cycles);
        g_.cycles_truncated_ = resources.truncated;
    }

    const Template& t_;
    const Source* source_;
    const SamTransform* sam_;
    ResourceGraph& g_;
    const Index parameters_;
    const Index conditions_;
    const Index mappings_;

    Section section_ = Section::Resources;
    std::string_view from_;
    std::size_t from_index_ = kNoIndex;
    std::string_view part_;
    std::string path_;
    std::vector<std::size_t> lengths_;
    std::vector<std::string_view> loop_vars_;
    int loop_depth_ = 0;
    int if_depth_ = 0;
};

std::vector<std::string_view> referable_names(const Template& tmpl) {
    std::vector<std::string_view> out = pseudo_parameters();
    for (const Resource& r : tmpl.resources)
        out.push_back(r.id);
    for (const Named& p : tmpl.parameters)
        out.push_back(p.name);
    return out;
}

ResourceGraph build_graph(const Template& tmpl, const Source* source, const SamTransform* sam) {
    ResourceGraph g;
    GraphBuilder(tmpl, source, sam, g).build();
    return g;
}

}  // namespace stacklint
