// The reference graph of one template: which part refers to which, how, and from where.
//
// Built once per stack right after the template model (make_stack) and immutable afterwards,
// so rules running in parallel read it without locks. Every edge keeps the node that made it,
// so a finding about a reference points at the reference itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "load/source.hpp"
#include "model/template.hpp"

namespace stacklint {

class SamTransform;

inline constexpr std::size_t kNoIndex = std::numeric_limits<std::size_t>::max();

enum class EdgeKind : std::uint8_t {
    Ref,        // {Ref: Name}, and {Fn::ValueOf: [Name, Attribute]} in the Rules section
    GetAtt,     // {Fn::GetAtt: [Name, Attribute]}, `!GetAtt Name.Attribute`, "Name.Attribute"
    Sub,        // `${Name}` or `${Name.Attribute}` inside Fn::Sub (string or list form)
    DependsOn,  // one DependsOn entry
    Condition,  // a resource's or output's Condition, Fn::If's condition, {Condition: Name}
    FindInMap,  // the map name given to Fn::FindInMap
};

// What an edge's target name turned out to be.
enum class TargetKind : std::uint8_t {
    Resource,
    Parameter,
    PseudoParameter,
    Condition,
    Mapping,
    SubVariable,   // a name of the list form's own variable map
    LoopVariable,  // the identifier of an enclosing Fn::ForEach loop
    // A name an Fn::ForEach loop generates, or a template of one (`Topic${Id}`), or a resource
    // inside a registry module (`<ModuleId><ResourceId>`).
    Generated,
    Unknown,  // none of the above: the name resolves to nothing
};

// The part of the template a reference is written in.
enum class Section : std::uint8_t { Conditions, Resources, Outputs, Rules, Globals };

std::string_view to_string(EdgeKind kind);
std::string_view to_string(Section section);

struct Edge {
    EdgeKind kind;
    Section section;
    // The resource, output, condition or rule the reference is written in, and its index in
    // the Template's vector of that section (kNoIndex for entries an Fn::ForEach loop
    // generates, whose `from` is then the key template, `Topic${Id}`).
    std::string_view from;
    std::size_t from_index = kNoIndex;
    // The name referred to, as written (for `${Res.Attr}` and GetAtt: the resource part).
    std::string_view target;
    TargetKind target_kind = TargetKind::Unknown;
    std::size_t target_index = kNoIndex;  // in the Template's vector for target_kind
    // GetAtt and `${Res.Attr}`: the attribute name; empty when not given as a plain string.
    std::string_view attribute;
    const Node* attribute_node = nullptr;  // GetAtt: the attribute's node, whatever it is
    // The node that made the reference: the name scalar of Ref, GetAtt, DependsOn,
    // Condition and FindInMap; the template string of Fn::Sub.
    const Node* node = nullptr;
    // Sub: where the placeholder itself is written (`${Name}` inside the string), when the
    // graph was built with the template's source and the string's style allows it (see
    // ScalarLocator); otherwise not valid, and the reference is at the string's start.
    Mark placeholder;
    // The intrinsic function holding the reference ({Ref: ...}, {Fn::Sub: ...}, {Fn::If:
    // ...}); nullptr for DependsOn and Condition attributes.
    const Node* call = nullptr;
    std::string path;  // "Resources/Fn/Properties/Role", "Outputs/Url/Value"
    // The attribute of the resource or output that holds the reference: "Properties",
    // "Metadata", "DependsOn", "Value"...; empty in Conditions and Rules.
    std::string_view part;
    bool in_loop = false;      // inside an Fn::ForEach body
    bool conditional = false;  // inside a branch of Fn::If

    // Where a finding about the reference points: the placeholder of an Fn::Sub, the node
    // that made the reference otherwise.
    Mark mark() const {
        if (placeholder.valid()) return placeholder;
        return node ? node->mark() : Mark{};
    }
};

// A name given to Fn::ImportValue or as an output's Export Name.
struct ExportName {
    enum class Form : std::uint8_t {
        Literal,  // a plain string: `text` is the name
        Sub,      // Fn::Sub: `text` is the template string, `variables` its map or nullptr
        Other,    // anything else (Fn::Join, Ref, Fn::If...): known only at deploy time
    };
    Form form = Form::Other;
    const Node* node = nullptr;  // the whole name value
    std::string_view text;
    const Node* variables = nullptr;
};

struct Export {
    std::size_t output;                 // index in Template::outputs
    const Entry* name_entry = nullptr;  // `Name:` inside `Export`, nullptr when missing
    ExportName name;
};

struct Import {
    Section section;
    std::string_view from;
    std::size_t from_index = kNoIndex;
    const Node* call = nullptr;  // {Fn::ImportValue: ...}
    ExportName name;
    std::string path;
    bool in_loop = false;
};

// One elementary cycle: resource (or condition) indices in order, starting with the first in
// template order; the path closes back to it.
using Cycle = std::vector<std::size_t>;

class ResourceGraph {
  public:
    // Every edge in document order.
    const std::vector<Edge>& edges() const { return edges_; }
    // Indices into edges() of the references written in resource `i` (Template::resources).
    const std::vector<std::size_t>& resource_edges(std::size_t i) const { return by_resource_[i]; }

    const std::vector<Export>& exports() const { return exports_; }
    const std::vector<Import>& imports() const { return imports_; }

    // Resource `i` waits for these resources (Ref, GetAtt, Sub, DependsOn to a resource),
    // sorted, without duplicates. The order CloudFormation creates resources in.
    const std::vector<std::size_t>& dependencies(std::size_t i) const { return depends_[i]; }
    // Circular dependencies between resources, and between conditions.
    const std::vector<Cycle>& resource_cycles() const { return resource_cycles_; }
    const std::vector<Cycle>& condition_cycles() const { return condition_cycles_; }
    bool resource_cycles_truncated() const { return cycles_truncated_; }
    // True when the dependency of resource `from` on resource `to` lies on a cycle.
    bool on_cycle(std::size_t from, std::size_t to) const;

    // The key templates of Fn::ForEach loops (`Topic${Id}`) by section ("Resources",
    // "Outputs", "Conditions"), nested loops included, in document order.
    struct GeneratedName {
        std::string_view section;
        std::string_view pattern;
        // The names the loops generate, sorted, when every identifier in the pattern belongs
        // to a loop over a literal list (`[A, B]` makes `TopicA`, `TopicB`). When a collection
        // is known only at deployment (`!Ref Names`), `known` is false and the pattern's
        // placeholders stand for any text.
        bool known = false;
        std::vector<std::string> names;

        // True when the loops may generate `name` from this pattern.
        bool may_generate(std::string_view name) const;
    };
    const std::vector<GeneratedName>& generated_names() const { return generated_; }
    // True when an Fn::ForEach loop may generate `name` in `section`.
    bool generated(std::string_view section, std::string_view name) const;
    // True when a `Fn::Transform` snippet (AWS::Include or a macro) appears in the template:
    // its content is unknown until deployment.
    bool has_inline_transform() const { return inline_transform_; }
    // True when keys of a template preprocessor appear (`Rain::Module`, `Rain::Embed`...),
    // variables of the Serverless Framework (`${opt:stage}`), or a resource's Type is not a
    // string: another tool rewrites the template before deployment.
    bool has_preprocessor_syntax() const { return preprocessor_; }
    // True when some Fn::FindInMap names its map with an intrinsic function.
    bool has_dynamic_map_name() const { return dynamic_map_name_; }

  private:
    friend class GraphBuilder;
    std::vector<Edge> edges_;
    std::vector<std::vector<std::size_t>> by_resource_;
    std::vector<Export> exports_;
    std::vector<Import> imports_;
    std::vector<std::vector<std::size_t>> depends_;
    std::vector<std::size_t> resource_component_;
    std::vector<bool> component_cyclic_;
    std::vector<Cycle> resource_cycles_;
    std::vector<Cycle> condition_cycles_;
    bool cycles_truncated_ = false;
    std::vector<GeneratedName> generated_;
    bool inline_transform_ = false;
    bool preprocessor_ = false;
    bool dynamic_map_name_ = false;
};

// At most this many cycles are listed per template (of resources, and of conditions).
inline constexpr std::size_t kMaxCycles = 100;

// `source`, when given, is the text the template was loaded from: with it, the references an
// Fn::Sub string makes point at their placeholders rather than at the string's start.
// `sam`, for a SAM template: the names the transform generates resolve, and references in the
// Events of SAM functions and state machines make no dependency (src/model/sam.hpp).
ResourceGraph build_graph(const Template& tmpl, const Source* source = nullptr,
                          const SamTransform* sam = nullptr);

// The names a Ref may take in this template (resources, parameters, pseudo parameters): the
// candidates for "did you mean".
std::vector<std::string_view> referable_names(const Template& tmpl);

}  // namespace stacklint
