#include "schema/validator.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/text.hpp"
#include "model/scenarios.hpp"
#include "model/values.hpp"
#include "schema/formats.hpp"
#include "schema/intrinsics.hpp"

namespace stacklint::schema {

namespace {

using nlohmann::json;

// Work allowed per resource (one step = one value checked against one schema). Real
// resources need a few hundred; the bound only stops pathological schema/template pairs.
constexpr std::size_t kStepBudget = 200000;
// How deep the alternatives of oneOf/anyOf/allOf are evaluated inside each other.
constexpr int kMaxCombinatorNesting = 6;
// Enum values named in one message.
constexpr std::size_t kMaxListed = 12;

struct Task {
    const Node* value;
    const json* schema;
    std::string path;     // template path of the value
    std::string pointer;  // "/properties/A/*/B" (the schemas' pointer form), or empty
    Mark key_mark;        // the key holding the value, or the list item itself
    bool conditional = false;
};

struct Env {
    const Resource& resource;
    const ResourceSchema& schema;
    const Template& tmpl;
    const Registry& registry;
    const std::vector<std::string_view>& loop_identifiers;  // of enclosing Fn::ForEach loops
    std::string base_path;                                  // "Resources/X/Properties"
    std::size_t steps = 0;
    bool globals = false;  // a section of SAM's Globals, not a resource

    // `${Id}` or `&{Id}` of a loop identifier: text the loop rewrites.
    bool uses_loop_identifier(std::string_view text) const {
        if (text.find('{') == std::string_view::npos) return false;
        return std::any_of(loop_identifiers.begin(), loop_identifiers.end(),
                           [&](std::string_view id) {
                               for (const char* open : {"${", "&{"}) {
                                   const std::string placeholder = open + std::string(id) + "}";
                                   if (text.find(placeholder) != std::string_view::npos)
                                       return true;
                               }
                               return false;
                           });
    }
    bool is_loop_identifier(std::string_view name) const {
        return std::find(loop_identifiers.begin(), loop_identifiers.end(), name) !=
               loop_identifiers.end();
    }
    // True when a value (an intrinsic function and its arguments) uses a loop identifier.
    bool depends_on_loop(const Node& value) const {
        if (loop_identifiers.empty()) return false;
        std::vector<const Node*> work{&value};
        while (!work.empty()) {
            const Node& n = *work.back();
            work.pop_back();
            if (n.is_scalar()) {
                if (uses_loop_identifier(n.text())) return true;
            } else if (n.is_sequence()) {
                for (const Node& item : n.items())
                    work.push_back(&item);
            } else if (n.is_mapping()) {
                if (n.intrinsic_name() == "Ref" && n.intrinsic_arg()->is_scalar() &&
                    is_loop_identifier(n.intrinsic_arg()->text()))
                    return true;
                for (const Entry& e : n.entries()) {
                    if (uses_loop_identifier(e.key)) return true;
                    work.push_back(&e.value);
                }
            }
        }
        return false;
    }
};

using Types = std::vector<std::string_view>;

Types type_list(const json& schema) {
    Types out;
    const auto it = schema.find("type");
    if (it == schema.end()) return out;
    if (it->is_string()) {
        out.push_back(it->get_ref<const std::string&>());
    } else if (it->is_array()) {
        for (const json& t : *it) {
            if (t.is_string()) out.push_back(t.get_ref<const std::string&>());
        }
    }
    return out;
}

bool has(const Types& types, std::string_view t) {
    return std::find(types.begin(), types.end(), t) != types.end();
}

// JSON and YAML 1.2 numbers: [-+]? (digits [. digits*] | . digits) ([eE] [-+]? digits)?
std::optional<double> parse_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t sign = i;
    std::size_t digits = 0;
    const auto is_digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
    while (is_digit(i)) {
        ++i;
        ++digits;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (is_digit(i)) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!is_digit(i)) return std::nullopt;
        while (is_digit(i))
            ++i;
    }
    if (i != s.size()) return std::nullopt;
    std::string copy(s.substr(sign));
    if (copy.front() == '.') copy.insert(copy.begin(), '0');
    double value = 0;
    const auto [end, ec] = std::from_chars(copy.data(), copy.data() + copy.size(), value);
    if (ec != std::errc() || end != copy.data() + copy.size()) return std::nullopt;
    return sign == 1 && s[0] == '-' ? -value : value;
}

// Plain YAML 1.1 booleans that CloudFormation's parser may read as true/false.
bool is_yaml11_bool(const Node& v) {
    if (v.quoted()) return false;
    for (std::string_view word : {"yes", "no", "on", "off", "y", "n"}) {
        if (iequals(v.text(), word)) return true;
    }
    return false;
}

// A schema for any JSON object: CloudFormation also takes such a value as JSON text.
bool is_free_form_object(const json& schema) {
    return !schema.contains("properties") && !schema.contains("patternProperties");
}

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string shown(std::string_view text) {
    constexpr std::size_t kMax = 60;
    if (code_points(text) <= kMax) return "'" + std::string(text) + "'";
    std::size_t cut = 0;
    for (std::size_t n = 0; cut < text.size() && n < kMax; ++n) {
        ++cut;
        while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            ++cut;
    }
    return "'" + std::string(text.substr(0, cut)) + "...'";
}

std::string type_words(const Types& types) {
    std::string out;
    for (std::string_view t : types) {
        std::string word;
        if (t == "string")
            word = "a string";
        else if (t == "integer")
            word = "an integer";
        else if (t == "number")
            word = "a number";
        else if (t == "boolean")
            word = "a boolean";
        else if (t == "array")
            word = "a list";
        else if (t == "object")
            word = "a mapping";
        else
            continue;
        if (!out.empty()) out += " or ";
        out += word;
    }
    return out;
}

std::string json_text(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string escape_pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

bool enum_equal(const Node& v, const json& item) {
    if (item.is_string()) return v.text() == item.get_ref<const std::string&>();
    if (item.is_number()) {
        const std::optional<double> n = parse_number(v.text());
        return n && *n == item.get<double>();
    }
    if (item.is_boolean()) {
        const std::optional<bool> b = v.as_bool();
        return b && *b == item.get<bool>();
    }
    return false;
}

// `Fn::Transform`, `Fn::ForEach::Name`, or a pre-processor's directive such as Rain's
// `Rain::Embed`: the mapping's final keys are not known.
bool has_function_key(const Node& mapping) {
    return std::any_of(mapping.entries().begin(), mapping.entries().end(), [](const Entry& e) {
        return e.key.starts_with("Fn::") || e.key.starts_with("Rain::");
    });
}

// Properties a schema requires that templates do not need: CloudFormation names a nested
// stack itself (the schema serves the Cloud Control API, where a name must be given).
bool required_in_templates(std::string_view type, const std::string& path, const std::string& base,
                           std::string_view property) {
    return !(type == "AWS::CloudFormation::Stack" && path == base && property == "StackName");
}

// Properties that `aws cloudformation package` (and `sam package`) fill in: a local path
// written there (`Code: ./src`) is uploaded to S3 and replaced by its S3 location before
// CloudFormation reads the template. The AWS CLI's `package` documentation lists them.
bool packaged_property(std::string_view type, std::string_view path) {
    struct Packaged {
        std::string_view type;
        std::string_view path;  // below Properties
    };
    static constexpr std::array<Packaged, 19> kPackaged = {{
        {"AWS::ApiGateway::RestApi", "BodyS3Location"},
        {"AWS::Lambda::Function", "Code"},
        {"AWS::Lambda::LayerVersion", "Content"},
        {"AWS::Serverless::Function", "CodeUri"},
        {"AWS::Serverless::LayerVersion", "ContentUri"},
        {"AWS::Serverless::Application", "Location"},
        {"AWS::AppSync::GraphQLSchema", "DefinitionS3Location"},
        {"AWS::AppSync::Resolver", "CodeS3Location"},
        {"AWS::AppSync::Resolver", "RequestMappingTemplateS3Location"},
        {"AWS::AppSync::Resolver", "ResponseMappingTemplateS3Location"},
        {"AWS::AppSync::FunctionConfiguration", "CodeS3Location"},
        {"AWS::AppSync::FunctionConfiguration", "RequestMappingTemplateS3Location"},
        {"AWS::AppSync::FunctionConfiguration", "ResponseMappingTemplateS3Location"},
        {"AWS::Serverless::Api", "DefinitionUri"},
        {"AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"},
        {"AWS::CloudFormation::Stack", "TemplateURL"},
        {"AWS::Glue::Job", "Command/ScriptLocation"},
        {"AWS::StepFunctions::StateMachine", "DefinitionS3Location"},
        {"AWS::Serverless::StateMachine", "DefinitionUri"},
    }};
    if (type == "AWS::CodeCommit::Repository" && path == "Code/S3") return true;
    return std::any_of(kPackaged.begin(), kPackaged.end(),
                       [&](const Packaged& p) { return p.type == type && p.path == path; });
}

// True when the value can be absent: `Fn::If` with an `AWS::NoValue` branch.
bool maybe_absent(const Node& v) {
    if (v.intrinsic_name() != "Fn::If") return false;
    const PossibleValues pv = possible_values(v);
    return std::find(pv.values.begin(), pv.values.end(), nullptr) != pv.values.end();
}

std::string describe_branch(const json& branch, std::size_t index) {
    if (branch.is_object()) {
        if (auto ref = branch.find("$ref"); ref != branch.end() && ref->is_string()) {
            const std::string& r = ref->get_ref<const std::string&>();
            return r.substr(r.rfind('/') + 1);
        }
        if (auto req = branch.find("required");
            req != branch.end() && req->is_array() && !req->empty()) {
            std::string out = "with ";
            for (std::size_t i = 0; i < req->size(); ++i) {
                if (i > 0) out += i + 1 == req->size() ? " and " : ", ";
                out += "'" + json_text((*req)[i]) + "'";
            }
            return out;
        }
        if (auto props = branch.find("properties");
            props != branch.end() && props->is_object() && !props->empty()) {
            std::string out = "with ";
            std::size_t n = 0;
            for (auto it = props->begin(); it != props->end() && n < 4; ++it, ++n) {
                if (n > 0) out += " or ";
                out += "'" + it.key() + "'";
            }
            return out;
        }
        std::string types = type_words(type_list(branch));
        if (!types.empty()) return types;
    }
    return "alternative " + std::to_string(index + 1);
}

enum class Fit : std::uint8_t { Yes, No, Unsure };

// Whether a value (not an intrinsic function) has one of the JSON types `types` of schema
// `s`, with CloudFormation's coercions.
Fit type_fit(const Node& v, const json& s, const Types& types) {
    if (v.is_mapping()) return has(types, "object") ? Fit::Yes : Fit::No;
    if (v.is_sequence()) return has(types, "array") ? Fit::Yes : Fit::No;
    bool unsure = false;
    const std::string& text = v.text();
    for (std::string_view type : types) {
        if (type == "string") return Fit::Yes;  // numbers and booleans pass as strings
        if (type == "integer") {
            const std::optional<double> n = parse_number(text);
            if (n && std::isfinite(*n) && std::floor(*n) == *n) return Fit::Yes;
        } else if (type == "number") {
            const std::optional<double> n = parse_number(text);
            if (n && std::isfinite(*n)) return Fit::Yes;
        } else if (type == "boolean") {
            if (v.as_bool().has_value()) return Fit::Yes;
            unsure = unsure || is_yaml11_bool(v);
        } else if (type == "object") {
            if (is_free_form_object(s)) return Fit::Yes;  // JSON text
        }
    }
    return unsure ? Fit::Unsure : Fit::No;
}

std::size_t depth(const std::string& path) {
    return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
}

// A branch that only requires properties: oneOf over such branches means "exactly one of".
bool is_required_only(const json& branch) {
    return branch.is_object() && branch.size() == 1 && branch.contains("required");
}

class Walker {
  public:
    Walker(Env& env, std::vector<Violation>* out, int nesting)
        : env_(env), out_(out), nesting_(nesting) {}

    void run(Task root) {
        std::vector<Task> work;
        work.push_back(std::move(root));
        while (!work.empty() && !(branch() && failed_)) {
            Task t = std::move(work.back());
            work.pop_back();
            visit(t, work);
        }
    }
    bool failed() const { return failed_; }
    bool unsure() const { return unsure_; }

  private:
    // In a branch (evaluating one alternative of a combinator) only the outcome counts.
    bool branch() const { return out_ == nullptr; }

    std::string who() const {
        return env_.globals ? "Globals." + std::string(env_.resource.id)
                            : "resource '" + std::string(env_.resource.id) + "'";
    }

    std::string subject(const std::string& path) const {
        std::string s =
            env_.globals ? who() : who() + " (" + std::string(env_.resource.type_name) + ")";
        if (path.size() > env_.base_path.size())
            s += ": '" + path.substr(env_.base_path.size() + 1) + "'";
        return s;
    }
    std::string where(const std::string& path) const {
        if (path.size() <= env_.base_path.size())
            return env_.globals ? who() : std::string(env_.resource.type_name);
        return "'" + path.substr(env_.base_path.size() + 1) + "'";
    }

    // Records a violation. A violation in one branch of an Fn::If makes an alternative
    // uncertain rather than failed: the other branch may be the one deployed.
    void add(Issue issue, Mark mark, std::string path, bool conditional, std::string message) {
        if (branch()) {
            // A deprecated property is still accepted: it is a warning, not a failure.
            if (issue != Issue::Deprecated) (conditional ? unsure_ : failed_) = true;
            return;
        }
        if (conditional) message += " (in one branch of Fn::If)";
        out_->push_back(Violation{issue, mark, std::move(path), std::move(message), conditional});
    }

    const json* follow(const json* schema, std::string& ref) const {
        for (int hops = 0; hops < 64 && schema != nullptr; ++hops) {
            if (!schema->is_object()) return schema;
            const auto it = schema->find("$ref");
            if (it == schema->end() || !it->is_string()) return schema;
            ref = it->get<std::string>();
            schema = env_.schema.resolve_ref(ref);
        }
        return nullptr;
    }

    void visit(const Task& t, std::vector<Task>& work) {
        if (env_.steps >= kStepBudget) {
            unsure_ = true;
            return;
        }
        ++env_.steps;
        std::string ref;
        const json* s = follow(t.schema, ref);
        if (s == nullptr || !s->is_object()) return;
        const Node& v = *t.value;
        if (v.is_null()) return;
        if (v.is_mapping()) {
            const std::string_view fn = v.intrinsic_name();
            if (!fn.empty() && fn != "Condition") {
                intrinsic(t, *s, fn, work);
                return;
            }
            if (has_function_key(v)) {
                unsure_ = true;
                return;
            }
        }
        if (v.is_scalar() && !v.text().empty() && t.path.size() > env_.base_path.size() &&
            packaged_property(env_.resource.type_name,
                              std::string_view(t.path).substr(env_.base_path.size() + 1))) {
            unsure_ = true;  // a local path that `aws cloudformation package` uploads
            return;
        }
        if (v.is_scalar() && v.text().find("{{resolve:") != std::string::npos) {
            unsure_ = true;  // a dynamic reference, resolved at deploy time
            return;
        }
        if (v.is_scalar() && has_framework_variable(v.text())) {
            unsure_ = true;  // the Serverless Framework writes the value first
            return;
        }
        if (v.is_scalar() && env_.uses_loop_identifier(v.text())) {
            unsure_ = true;  // rewritten by the Fn::ForEach loop
            return;
        }
        const Types types = type_list(*s);
        if (!types.empty() && !type_matches(t, *s, types)) return;
        if (v.is_scalar())
            scalar_checks(t, *s, types);
        else if (v.is_mapping())
            object_checks(t, *s, ref, work);
        else if (v.is_sequence())
            array_checks(t, *s, work);
        combinators(t, *s);
        conditional(t, *s, work);
        negation(t, *s);
    }

    void intrinsic(const Task& t, const json& s, std::string_view fn, std::vector<Task>& work) {
        const Node& v = *t.value;
        if (is_no_value(v)) return;
        if (fn == "Fn::If") {
            const Node& arg = *v.intrinsic_arg();
            if (!arg.is_sequence() || arg.items().size() != 3) {
                unsure_ = true;
                return;
            }
            for (std::size_t i : {2u, 1u}) {
                work.push_back(
                    Task{&arg.items()[i], t.schema, t.path, t.pointer, t.key_mark, true});
            }
            return;
        }
        unsure_ = true;                       // what it returns is known at best by shape
        if (env_.depends_on_loop(v)) return;  // a loop identifier's value: unknown
        reference_format(t, s);
        const Types types = type_list(s);
        if (types.empty()) return;
        const Shape shape = intrinsic_shape(v, env_.tmpl, env_.registry);
        const bool list_expected = has(types, "array");
        const bool only_list = list_expected && types.size() == 1;
        if ((shape == Shape::List && !list_expected) || (shape == Shape::Scalar && only_list)) {
            std::string msg = subject(t.path) + " is given by " + std::string(fn) +
                              ", which returns " +
                              (shape == Shape::List ? "a list" : "a single value") +
                              ", but AWS expects " + type_words(types) + "; the deployment fails";
            if (shape == Shape::List)
                msg += " (pick one item with Fn::Select or join them with Fn::Join)";
            else
                msg += " (wrap the value in a list)";
            add(Issue::WrongType, v.mark(), t.path, t.conditional, std::move(msg));
        }
    }

    bool type_matches(const Task& t, const json& s, const Types& types) {
        const Node& v = *t.value;
        const Fit fit = type_fit(v, s, types);
        if (fit == Fit::Yes) return true;
        if (fit == Fit::Unsure) {
            unsure_ = true;
            return false;
        }
        std::string what = v.is_scalar() ? shown(v.text()) : std::string(v.kind_name());
        add(Issue::WrongType, v.mark(), t.path, t.conditional,
            subject(t.path) + " is " + what + ", but AWS expects " + type_words(types) +
                "; the deployment fails");
        return false;
    }

    void scalar_checks(const Task& t, const json& s, const Types& types) {
        const Node& v = *t.value;
        const std::string& text = v.text();
        if (const auto e = s.find("enum"); e != s.end() && e->is_array() && !e->empty()) {
            if (std::none_of(e->begin(), e->end(),
                             [&](const json& item) { return enum_equal(v, item); }) &&
                !in_case_insensitive_enum(v, s)) {
                not_in_enum(t, *e);
                return;
            }
        }
        if (const auto c = s.find("const"); c != s.end() && !enum_equal(v, *c)) {
            not_in_enum(t, json::array({*c}));
            return;
        }
        const std::optional<double> number = parse_number(text);
        const bool numeric = has(types, "integer") || has(types, "number");
        const bool string_like = (types.empty() || has(types, "string")) && !(numeric && number) &&
                                 !(has(types, "boolean") && v.as_bool());
        if (string_like) {
            if (const auto p = s.find("pattern"); p != s.end() && p->is_string()) {
                const Pattern* pattern = env_.registry.pattern(p->get_ref<const std::string&>());
                if (pattern == nullptr) {
                    unsure_ = true;
                } else if (!pattern->search(text)) {
                    add(Issue::PatternMismatch, v.mark(), t.path, t.conditional,
                        subject(t.path) + " is " + shown(text) +
                            ", which does not match the pattern AWS requires: " +
                            p->get_ref<const std::string&>() + "; the deployment fails");
                    return;
                }
            }
            if (const auto f = s.find("format"); f != s.end() && f->is_string()) {
                if (!format_fits(t, {f->get<std::string>()})) return;
            }
            const std::size_t length = code_points(text);
            if (const auto m = s.find("minLength");
                m != s.end() && m->is_number_unsigned() && length < m->get<std::size_t>()) {
                add(Issue::OutOfBounds, v.mark(), t.path, t.conditional,
                    subject(t.path) + " is " + std::to_string(length) +
                        " characters long; AWS requires at least " + m->dump() +
                        "; the deployment fails");
            }
            if (const auto m = s.find("maxLength");
                m != s.end() && m->is_number_unsigned() && length > m->get<std::size_t>()) {
                add(Issue::OutOfBounds, v.mark(), t.path, t.conditional,
                    subject(t.path) + " is " + std::to_string(length) +
                        " characters long; AWS allows at most " + m->dump() +
                        "; the deployment fails");
            }
        }
        if (number && (numeric || types.empty())) range_checks(t, s, *number);
    }

    void range_checks(const Task& t, const json& s, double n) {
        const Node& v = *t.value;
        auto bound = [&](const char* key) -> std::optional<double> {
            const auto it = s.find(key);
            if (it == s.end() || !it->is_number()) return std::nullopt;
            return it->get<double>();
        };
        auto flag = [&](const char* key) {
            const auto it = s.find(key);
            return it != s.end() && it->is_boolean() && it->get<bool>();
        };
        // Draft 4 wrote exclusiveness as a flag beside minimum/maximum, draft 6+ as a number.
        std::optional<double> low = bound("minimum");
        bool low_exclusive = flag("exclusiveMinimum");
        if (auto x = bound("exclusiveMinimum"); x && (!low || *x >= *low)) {
            low = x;
            low_exclusive = true;
        }
        std::optional<double> high = bound("maximum");
        bool high_exclusive = flag("exclusiveMaximum");
        if (auto x = bound("exclusiveMaximum"); x && (!high || *x <= *high)) {
            high = x;
            high_exclusive = true;
        }
        auto number_text = [](double d) { return json(d).dump(); };
        auto clean = [&](double d) {
            return std::floor(d) == d && std::fabs(d) < 1e15
                       ? std::to_string(static_cast<long long>(d))
                       : number_text(d);
        };
        if (low && (n < *low || (low_exclusive && n == *low))) {
            add(Issue::OutOfBounds, v.mark(), t.path, t.conditional,
                subject(t.path) + " is " + v.text() + "; AWS requires " +
                    (low_exclusive ? "more than " : "at least ") + clean(*low) +
                    "; the deployment fails");
        }
        if (high && (n > *high || (high_exclusive && n == *high))) {
            add(Issue::OutOfBounds, v.mark(), t.path, t.conditional,
                subject(t.path) + " is " + v.text() + "; AWS allows " +
                    (high_exclusive ? "less than " : "at most ") + clean(*high) +
                    "; the deployment fails");
        }
    }

    void not_in_enum(const Task& t, const json& allowed) {
        if (branch()) {
            add(Issue::NotInEnum, {}, {}, t.conditional, {});
            return;
        }
        std::vector<std::string> values;  // 6 and "6" read the same: listed once
        for (const json& item : allowed)
            if (std::string text = json_text(item);
                std::find(values.begin(), values.end(), text) == values.end())
                values.push_back(std::move(text));
        // Suggest only among names: "did you mean '1'" for 10 would not help.
        std::vector<std::string_view> candidates;
        if (std::all_of(allowed.begin(), allowed.end(),
                        [](const json& item) { return item.is_string(); }))
            candidates.assign(values.begin(), values.end());
        std::string list;
        for (std::size_t i = 0; i < values.size() && i < kMaxListed; ++i)
            list += (i == 0 ? "" : ", ") + values[i];
        if (values.size() > kMaxListed)
            list += ", ... (" + std::to_string(values.size()) + " values)";
        const Node& v = *t.value;
        add(Issue::NotInEnum, v.mark(), t.path, t.conditional,
            subject(t.path) + " is " + shown(v.text()) + did_you_mean(v.text(), candidates) +
                ", which AWS does not accept; allowed: " + list + "; the deployment fails");
    }

    void object_checks(const Task& t, const json& s, const std::string& ref,
                       std::vector<Task>& work) {
        const Node& v = *t.value;
        const auto props = s.find("properties");
        const bool has_props = props != s.end() && props->is_object();
        const auto pattern_props = s.find("patternProperties");
        const bool has_pattern_props = pattern_props != s.end() && pattern_props->is_object();
        const auto additional = s.find("additionalProperties");
        const bool closed =
            additional != s.end() && additional->is_boolean() && !additional->get<bool>();
        const json* additional_schema =
            additional != s.end() && additional->is_object() ? &*additional : nullptr;

        std::vector<Task> children;
        bool generated_keys = false;  // keys an Fn::ForEach loop builds (`${Id}Name`)
        for (const Entry& e : v.entries()) {
            if (is_no_value(e.value)) continue;  // the property is removed
            if (env_.uses_loop_identifier(e.key)) {
                generated_keys = true;
                continue;
            }
            const std::string child_path = t.path + "/" + e.key;
            const json* sub = nullptr;
            bool known = false;
            if (has_props) {
                if (const auto it = props->find(e.key); it != props->end()) {
                    sub = &*it;
                    known = true;
                }
            }
            if (!known && has_pattern_props) {
                for (auto it = pattern_props->begin(); it != pattern_props->end(); ++it) {
                    const Pattern* p = env_.registry.pattern(it.key());
                    if (p == nullptr) {  // cannot tell: accept the key without checking it
                        known = true;
                        unsure_ = true;
                        break;
                    }
                    if (p->search(e.key)) {
                        sub = &*it;
                        known = true;
                        break;
                    }
                }
            }
            std::string child_pointer;
            if (!t.pointer.empty()) child_pointer = t.pointer + "/" + escape_pointer_token(e.key);
            const bool deprecated =
                (!child_pointer.empty() && env_.schema.deprecated.contains(child_pointer)) ||
                (ref.starts_with("#/definitions/") &&
                 env_.schema.deprecated.contains(ref.substr(1) + "/properties/" +
                                                 escape_pointer_token(e.key)));
            if (!known && !deprecated) {  // a deprecated property may be gone from `properties`
                if (closed) {
                    unknown_property(t, e, has_props ? &*props : nullptr);
                    continue;
                }
                sub = additional_schema;
            }
            if (!child_pointer.empty()) {
                if (env_.schema.read_only.contains(child_pointer)) {
                    add(Issue::ReadOnly, e.key_mark, child_path, t.conditional,
                        subject(child_path) +
                            " is read-only: CloudFormation sets it and does not accept a value "
                            "from the template; remove it (read it with Fn::GetAtt instead)");
                    continue;
                }
            }
            if (deprecated) {
                add(Issue::Deprecated, e.key_mark, child_path, t.conditional,
                    subject(child_path) +
                        " is deprecated in the AWS resource schema; it may be ignored or stop "
                        "working: move to its replacement (see the property's documentation)");
            }
            if (sub != nullptr && sub->is_boolean() && !sub->get<bool>()) {
                // `"X": false`: the property must not be there (under an if/then, the
                // reason is added by `conditional`).
                add(Issue::Combination, e.key_mark, child_path, t.conditional,
                    subject(child_path) + " must not be set here; the deployment fails");
                continue;
            }
            if (sub != nullptr) {
                children.push_back(
                    Task{&e.value, sub, child_path, child_pointer, e.key_mark, t.conditional});
            }
        }
        std::move(children.rbegin(), children.rend(), std::back_inserter(work));
        if (generated_keys) {
            unsure_ = true;  // a generated key may be any property, a required one too
            return;
        }

        if (const auto req = s.find("required"); req != s.end() && req->is_array()) {
            for (const json& name : *req) {
                if (!name.is_string()) continue;
                const std::string& key = name.get_ref<const std::string&>();
                if (!required_in_templates(env_.resource.type_name, t.path, env_.base_path, key))
                    continue;
                const Node* present = v.get(key);
                if (present != nullptr && !is_no_value(*present)) {
                    if (maybe_absent(*present)) unsure_ = true;
                    continue;
                }
                const std::string path = t.path + "/" + key;
                add(Issue::MissingRequired, t.key_mark, path, t.conditional,
                    subject(t.path) + " lacks the required property '" + key +
                        "'; the deployment fails until it is set");
            }
        }
        if (const auto deps = s.find("dependencies"); deps != s.end() && deps->is_object()) {
            dependencies(t, *deps);
        }
        if (const auto deps = s.find("dependentRequired"); deps != s.end() && deps->is_object()) {
            dependencies(t, *deps);
        }
        if (const auto x = s.find("dependentExcluded"); x != s.end()) excluded(t, *x);
        if (const auto x = s.find("requiredXor"); x != s.end()) required_some(t, *x, true);
        if (const auto x = s.find("requiredOr"); x != s.end()) required_some(t, *x, false);
        if (const auto x = s.find("propertyNames"); x != s.end()) property_names(t, *x);
    }

    void unknown_property(const Task& t, const Entry& e, const json* props) {
        if (branch()) {
            add(Issue::UnknownProperty, {}, {}, t.conditional, {});
            return;
        }
        std::vector<std::string_view> names;
        if (props != nullptr) {
            for (auto it = props->begin(); it != props->end(); ++it)
                names.push_back(it.key());
        }
        std::string msg = who() + ": '" + e.key + "' is not a property of " + where(t.path);
        if (env_.globals && t.path == env_.base_path) {
            // SAM's words: "'Role' is not a supported property of 'Function'".
            std::string list;
            for (std::string_view n : names)
                list += (list.empty() ? "" : ", ") + std::string(n);
            msg = "Globals." + std::string(env_.resource.id) + ": '" + e.key +
                  "' is not a property Globals can set for " + std::string(env_.resource.id) +
                  did_you_mean(e.key, names) +
                  "; the SAM transform rejects the template (it "
                  "can set: " +
                  list + ")";
        } else if (e.key == "<<") {
            // What YAML 1.1 tools expand (`<<: *defaults`) CloudFormation reads as a key.
            msg +=
                ": YAML merge keys ('<<') are not supported by CloudFormation, which reads "
                "'<<' as a property name and rejects it; write the keys out (only tools "
                "that rewrite the template before upload, such as 'aws cloudformation "
                "package', expand merge keys)";
        } else {
            const std::string hint = did_you_mean(e.key, names);
            msg += hint + "; CloudFormation rejects it";
            msg += hint.empty() ? " (check the spelling and the nesting)" : "";
        }
        add(Issue::UnknownProperty, e.key_mark, t.path + "/" + e.key, t.conditional,
            std::move(msg));
        const std::string_view meant =
            env_.globals || e.key == "<<" ? std::string_view() : unique_closest_match(e.key, names);
        if (!meant.empty() && t.value->is_mapping() && t.value->find(meant) == nullptr) {
            out_->back().key = e.key;
            out_->back().rename_to = std::string(meant);
        }
    }

    void dependencies(const Task& t, const json& deps) {
        const Node& v = *t.value;
        for (auto it = deps.begin(); it != deps.end(); ++it) {
            const Entry* trigger = v.find(it.key());
            if (trigger == nullptr || is_no_value(trigger->value)) continue;
            if (it->is_array()) {
                std::string missing;
                for (const json& name : *it) {
                    if (!name.is_string()) continue;
                    const Node* present = v.get(name.get_ref<const std::string&>());
                    if (present != nullptr && !is_no_value(*present)) continue;
                    missing += (missing.empty() ? "'" : ", '") + name.get<std::string>() + "'";
                }
                if (!missing.empty()) {
                    add(Issue::Combination, trigger->key_mark, t.path + "/" + trigger->key,
                        t.conditional,
                        subject(t.path + "/" + trigger->key) + " needs " + missing +
                            " set as well; the deployment fails");
                }
            } else if (it->is_object()) {
                const Outcome o = evaluate(t, *it);
                if (o == Outcome::Fail) {
                    add(Issue::Combination, trigger->key_mark, t.path + "/" + trigger->key,
                        t.conditional,
                        subject(t.path + "/" + trigger->key) + " needs the rest of " +
                            where(t.path) + " to be " + describe_branch(*it, 0) +
                            "; the deployment fails");
                }
            }
        }
    }

    void array_checks(const Task& t, const json& s, std::vector<Task>& work) {
        const Node& v = *t.value;
        std::size_t definite = 0;
        std::size_t possible = 0;
        for (const Node& item : v.items()) {
            if (is_no_value(item)) continue;
            ++possible;
            if (!maybe_absent(item)) ++definite;
        }
        if (const auto m = s.find("minItems");
            m != s.end() && m->is_number_unsigned() && possible < m->get<std::size_t>()) {
            add(Issue::OutOfBounds, v.mark(), t.path, t.conditional,
                subject(t.path) + " has " + std::to_string(possible) +
                    (possible == 1 ? " item" : " items") + "; AWS requires at least " + m->dump() +
                    "; the deployment fails");
        }
        if (const auto m = s.find("maxItems");
            m != s.end() && m->is_number_unsigned() && definite > m->get<std::size_t>()) {
            add(Issue::OutOfBounds, v.mark(), t.path, t.conditional,
                subject(t.path) + " has " + std::to_string(definite) +
                    " items; AWS allows at most " + m->dump() + "; the deployment fails");
        }
        const std::string item_pointer = t.pointer.empty() ? std::string() : t.pointer + "/*";
        const auto items = s.find("items");
        const auto prefix = s.find("prefixItems");
        for (std::size_t i = v.items().size(); i-- > 0;) {
            const json* sub = nullptr;
            if (prefix != s.end() && prefix->is_array() && i < prefix->size()) {
                const Node& item = v.items()[i];
                if (!is_no_value(item) && !maybe_absent(item))
                    work.push_back(Task{&item,
                                        &(*prefix)[i],
                                        t.path + "/" + std::to_string(i),
                                        {},
                                        item.mark(),
                                        t.conditional});
            }
            if (items == s.end()) continue;
            if (items->is_object()) {
                sub = &*items;
            } else if (items->is_array() && i < items->size()) {
                sub = &(*items)[i];
            }
            if (sub == nullptr) continue;
            const Node& item = v.items()[i];
            work.push_back(Task{&item, sub, t.path + "/" + std::to_string(i), item_pointer,
                                item.mark(), t.conditional});
        }
    }

    enum class Outcome { Pass, Fail, Unsure };

    Outcome evaluate(const Task& t, const json& alternative) {
        Walker sub(env_, nullptr, nesting_ + 1);
        sub.run(Task{t.value, &alternative, t.path, {}, t.key_mark, false});
        if (sub.failed()) return Outcome::Fail;
        return sub.unsure() ? Outcome::Unsure : Outcome::Pass;
    }

    // The violations of `alternative` for the value, found by a walker that records them;
    // nullopt when it finds none (the alternative failed on something it cannot name).
    std::optional<std::vector<Violation>> collect(const Task& t, const json& alternative) {
        std::vector<Violation> found;
        Walker sub(env_, &found, nesting_ + 1);
        sub.run(Task{t.value, &alternative, t.path, {}, t.key_mark, false});
        std::erase_if(found, [](const Violation& v) { return v.issue == Issue::Deprecated; });
        if (found.empty()) return std::nullopt;
        return found;
    }

    // Adds an alternative's violations as the value's own; under an Fn::If branch they
    // say so.
    void lift(const Task& t, std::vector<Violation> found) {
        for (Violation& v : found) {
            if (t.conditional && !v.conditional) {
                v.conditional = true;
                v.message += " (in one branch of Fn::If)";
            }
            out_->push_back(std::move(v));
        }
    }

    // Which of the alternatives (of a oneOf/anyOf that none passes) the value is plainly
    // meant to be, and its violations; nullopt when that cannot be told. In turn:
    // 1. the alternatives whose JSON type the value has;
    // 2. among those, the ones whose discriminating required keys (those not required by
    //    every candidate) are all present;
    // 3. among those, the ones that accept every key of the value;
    // 4. the one with strictly the fewest violations, ties going to the one whose
    //    violations lie strictly deepest.
    // Any step that leaves exactly one decides; one that leaves none gives up.
    std::optional<std::vector<Violation>> meant_alternative(const Task& t,
                                                            const json& alternatives) {
        const Node& v = *t.value;
        std::vector<const json*> resolved;
        for (const json& alternative : alternatives) {
            std::string ref;
            resolved.push_back(follow(&alternative, ref));
        }
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i < resolved.size(); ++i) {
            const json* a = resolved[i];
            if (a == nullptr || !a->is_object()) return std::nullopt;
            const Types types = type_list(*a);
            if (types.empty() || type_fit(v, *a, types) == Fit::Yes) candidates.push_back(i);
        }
        if (candidates.empty()) return std::nullopt;
        if (candidates.size() == 1) return collect(t, alternatives[candidates.front()]);
        if (!v.is_mapping()) return fewest_violations(t, alternatives, candidates);

        // 2. Discriminating required keys.
        std::vector<std::vector<std::string_view>> required(resolved.size());
        for (std::size_t i : candidates) {
            if (const auto req = resolved[i]->find("required");
                req != resolved[i]->end() && req->is_array()) {
                for (const json& name : *req)
                    if (name.is_string()) required[i].push_back(name.get_ref<const std::string&>());
            }
        }
        const auto required_by_all = [&](std::string_view key) {
            return std::all_of(candidates.begin(), candidates.end(), [&](std::size_t j) {
                return std::find(required[j].begin(), required[j].end(), key) != required[j].end();
            });
        };
        const auto present = [&](std::string_view key) {
            const Node* p = v.get(key);
            return p != nullptr && !is_no_value(*p);
        };
        std::erase_if(candidates, [&](std::size_t i) {
            return !std::all_of(required[i].begin(), required[i].end(), [&](std::string_view k) {
                return required_by_all(k) || present(k);
            });
        });
        if (candidates.empty()) return std::nullopt;
        if (candidates.size() == 1) return collect(t, alternatives[candidates.front()]);

        // 3. Alternatives closed to some key of the value are less likely meant.
        std::vector<std::size_t> open;
        for (std::size_t i : candidates) {
            if (accepts_keys(*resolved[i], v)) open.push_back(i);
        }
        if (open.size() == 1) return collect(t, alternatives[open.front()]);
        if (!open.empty()) candidates = std::move(open);
        return fewest_violations(t, alternatives, candidates);
    }

    // False when `alternative` is closed (additionalProperties: false) and the mapping has a
    // key it does not list.
    static bool accepts_keys(const json& alternative, const Node& mapping) {
        const auto additional = alternative.find("additionalProperties");
        if (additional == alternative.end() || !additional->is_boolean() ||
            additional->get<bool>() || alternative.contains("patternProperties"))
            return true;
        const auto props = alternative.find("properties");
        return std::all_of(mapping.entries().begin(), mapping.entries().end(), [&](const Entry& e) {
            return is_no_value(e.value) ||
                   (props != alternative.end() && props->is_object() && props->contains(e.key));
        });
    }

    std::optional<std::vector<Violation>> fewest_violations(
        const Task& t, const json& alternatives, const std::vector<std::size_t>& candidates) {
        std::optional<std::vector<Violation>> best;
        bool tie = false;
        const auto shallowest = [](const std::vector<Violation>& found) {
            std::size_t d = SIZE_MAX;
            for (const Violation& v : found)
                d = std::min(d, depth(v.path));
            return d;
        };
        for (std::size_t i : candidates) {
            std::optional<std::vector<Violation>> found = collect(t, alternatives[i]);
            if (!found) return std::nullopt;  // a failure it cannot name: do not guess
            if (!best || found->size() < best->size() ||
                (found->size() == best->size() && shallowest(*found) > shallowest(*best))) {
                best = std::move(found);
                tie = false;
            } else if (found->size() == best->size() && shallowest(*found) == shallowest(*best)) {
                tie = true;
            }
        }
        if (tie) return std::nullopt;
        return best;
    }

    static bool in_case_insensitive_enum(const Node& v, const json& s) {
        const auto e = s.find("enumCaseInsensitive");
        if (e == s.end() || !e->is_array()) return false;
        return std::any_of(e->begin(), e->end(), [&](const json& item) {
            return item.is_string() && iequals(v.text(), item.get_ref<const std::string&>());
        });
    }

    static std::string format_words(const std::vector<std::string>& formats) {
        std::string out;
        for (std::size_t i = 0; i < formats.size(); ++i) {
            const FormatInfo* info = find_format(formats[i]);
            if (i > 0) out += i + 1 == formats.size() ? " or " : ", ";
            out += info != nullptr ? std::string(info->words) : "'" + formats[i] + "'";
        }
        return out;
    }

    // True when the schema's pattern admits only ARNs ("^arn:...", "^(arn:...").
    static bool requires_arn(const json& s) {
        const auto p = s.find("pattern");
        if (p == s.end() || !p->is_string()) return false;
        std::string_view text = p->get_ref<const std::string&>();
        if (text.starts_with("^")) text.remove_prefix(1);
        if (text.starts_with("(")) text.remove_prefix(1);
        return text.starts_with("arn:") && text.find('|') == std::string_view::npos;
    }

    // A literal string against the formats a property takes (one must fit). Formats stacklint
    // does not define are accepted. False once a violation is recorded.
    bool format_fits(const Task& t, const std::vector<std::string>& formats) {
        const Node& v = *t.value;
        std::vector<const FormatInfo*> known;
        for (const std::string& f : formats) {
            const FormatInfo* info = find_format(f);
            if (info == nullptr || !info->item.empty()) return true;
            known.push_back(info);
        }
        if (known.empty()) return true;
        // A lone ARN format is checked only on ARNs: many services also take a name there
        // (see reference_format); an ARN of the wrong service or shape is wrong everywhere.
        if (known.size() == 1 && known.front()->kind == "Arn" && !v.text().starts_with("arn:"))
            return true;
        std::optional<FormatCheck> host_bits;
        for (const FormatInfo* info : known) {
            const FormatCheck c = check_format(*info, v.text());
            if (c.verdict == FormatVerdict::Ok) return true;
            if (c.verdict == FormatVerdict::HostBits && !host_bits) host_bits = c;
        }
        if (host_bits) {
            add(Issue::HostBits, v.mark(), t.path, t.conditional,
                subject(t.path) + " is " + shown(v.text()) +
                    ", which is not a network address: host bits are set after the /" +
                    host_bits->detail.substr(host_bits->detail.find('/') + 1) +
                    " prefix, so the network it names is " + host_bits->detail +
                    (host_bits->detail.ends_with("/0") ? " (every address)" : "") +
                    "; AWS rejects such a block or widens it to that network; write the network "
                    "address you mean");
            return false;
        }
        add(Issue::Format, v.mark(), t.path, t.conditional,
            subject(t.path) + " is " + shown(v.text()) + ", which is not " + format_words(formats) +
                "; the deployment fails");
        return false;
    }

    // A `Ref`/`Fn::GetAtt` whose result is of another kind than the property takes: a security
    // group's name where its id is expected, a role's name where its ARN is.
    void reference_format(const Task& t, const json& s) {
        const Node& v = *t.value;
        const std::string_view fn = v.intrinsic_name();
        if (fn != "Ref" && fn != "Fn::GetAtt") return;
        const std::vector<std::string> expected = schema_formats(s);
        if (expected.empty()) {
            // No format, but a pattern that admits only ARNs (a Lambda function's Role): a
            // name, id or URL from Ref cannot be one.
            if (!requires_arn(s)) return;
            const SourceFormats source = intrinsic_formats(v, env_.tmpl, env_.registry);
            if (source.formats.empty()) return;
            for (const std::string& from : source.formats) {
                const FormatInfo* info = find_format(from);
                if (info == nullptr || info->kind == "Arn" || info->family.empty()) return;
            }
            add(Issue::ReferenceFormat, v.mark(), t.path, t.conditional,
                subject(t.path) + " is given by " + source.explanation +
                    ", but AWS expects an ARN (the property's pattern is " +
                    s["pattern"].get<std::string>() + "); the deployment fails");
            return;
        }
        // Many services take a name where a property's name says ARN (ECS's TaskRoleArn takes
        // a role's short name): an ARN is certain to be required only when the schema's
        // pattern says so.
        const bool only_arns = std::all_of(expected.begin(), expected.end(), [](const auto& f) {
            const FormatInfo* info = find_format(f);
            return info != nullptr && info->kind == "Arn";
        });
        if (only_arns && !requires_arn(s)) return;
        const SourceFormats source = intrinsic_formats(v, env_.tmpl, env_.registry);
        if (source.formats.empty()) return;
        for (const std::string& from : source.formats) {
            for (const std::string& to : expected) {
                if (formats_compatible(from, to)) return;
            }
        }
        add(Issue::ReferenceFormat, v.mark(), t.path, t.conditional,
            subject(t.path) + " is given by " + source.explanation + ", but AWS expects " +
                format_words(expected) + "; the deployment fails");
    }

    enum class Presence { Absent, Present, Maybe };

    static Presence presence(const Node& mapping, std::string_view key) {
        const Node* p = mapping.get(key);
        if (p == nullptr || is_no_value(*p)) return Presence::Absent;
        return maybe_absent(*p) ? Presence::Maybe : Presence::Present;
    }

    static std::string quoted_list(const json& names, std::string_view last_joiner) {
        std::vector<std::string> texts;  // 6 and "6" read the same: listed once
        for (const json& name : names)
            if (std::string text = json_text(name);
                std::find(texts.begin(), texts.end(), text) == texts.end())
                texts.push_back(std::move(text));
        std::string out;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            if (i > 0) out += i + 1 == texts.size() ? std::string(last_joiner) : ", ";
            out += "'" + texts[i] + "'";
        }
        return out;
    }

    // requiredXor (exactly one of the names) and requiredOr (at least one).
    void required_some(const Task& t, const json& names, bool exactly_one) {
        if (!names.is_array() || names.empty()) return;
        const Node& v = *t.value;
        std::size_t present = 0;
        std::size_t maybe = 0;
        const Entry* second = nullptr;
        for (const json& name : names) {
            if (!name.is_string()) continue;
            switch (presence(v, name.get_ref<const std::string&>())) {
                case Presence::Present:
                    if (++present == 2) second = v.find(name.get_ref<const std::string&>());
                    break;
                case Presence::Maybe:
                    ++maybe;
                    break;
                case Presence::Absent:
                    break;
            }
        }
        if (present + maybe == 0) {
            add(Issue::Combination, t.key_mark, t.path, t.conditional,
                subject(t.path) + " needs " + (exactly_one ? "one of " : "at least one of ") +
                    quoted_list(names, " or ") + "; the deployment fails");
        } else if (exactly_one && present > 1 && second != nullptr) {
            add(Issue::Combination, second->key_mark, t.path + "/" + second->key, t.conditional,
                subject(t.path) + " sets more than one of " + quoted_list(names, " and ") +
                    ", of which AWS accepts only one; the deployment fails");
        } else if (maybe > 0) {
            unsure_ = true;
        }
    }

    // dependentExcluded: {A: [B, C]}: when A is set, B and C must not be.
    void excluded(const Task& t, const json& map) {
        if (!map.is_object()) return;
        const Node& v = *t.value;
        std::set<std::pair<std::string, std::string>> reported;
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it->is_array()) continue;
            const Presence a = presence(v, it.key());
            if (a == Presence::Absent) continue;
            for (const json& other : *it) {
                if (!other.is_string()) continue;
                const std::string& b = other.get_ref<const std::string&>();
                const Presence pb = presence(v, b);
                if (pb == Presence::Absent) continue;
                if (a == Presence::Maybe || pb == Presence::Maybe) {
                    unsure_ = true;
                    continue;
                }
                const auto pair = std::minmax(it.key(), b);
                if (!reported.insert({pair.first, pair.second}).second) continue;
                // Point at whichever of the two comes later in the template.
                const Entry* ea = v.find(it.key());
                const Entry* eb = v.find(b);
                const Entry* at = ea->key_mark < eb->key_mark ? eb : ea;
                add(Issue::Combination, at->key_mark, t.path + "/" + at->key, t.conditional,
                    subject(t.path) + " sets both '" + it.key() + "' and '" + b +
                        "', which AWS does not accept together; remove one; the deployment "
                        "fails");
            }
        }
    }

    // propertyNames: every key of the mapping must match the schema.
    void property_names(const Task& t, const json& schema) {
        const Node& v = *t.value;
        if (nesting_ >= kMaxCombinatorNesting) return;
        for (const Entry& e : v.entries()) {
            if (env_.uses_loop_identifier(e.key)) continue;
            const Node key = Node::scalar(e.key, true, e.key_mark);
            Walker sub(env_, nullptr, nesting_ + 1);
            sub.run(Task{&key, &schema, t.path + "/" + e.key, {}, e.key_mark, false});
            if (!sub.failed()) continue;
            const bool reserved = schema.is_object() && schema.contains("not");
            add(Issue::Combination, e.key_mark, t.path + "/" + e.key, t.conditional,
                subject(t.path) + ": '" + e.key + "' is " +
                    (reserved ? "a name AWS reserves" : "not a name AWS accepts") +
                    " for a key here; the deployment fails");
        }
    }

    // A readable form of an `if` schema: "'BillingMode' is 'PAY_PER_REQUEST'".
    static std::string describe_condition(const json& cond) {
        if (!cond.is_object()) return {};
        std::vector<std::string> parts;
        const auto props = cond.find("properties");
        if (props != cond.end() && props->is_object()) {
            for (auto it = props->begin(); it != props->end(); ++it) {
                if (!it->is_object()) continue;
                if (const auto c = it->find("const"); c != it->end()) {
                    parts.push_back("'" + it.key() + "' is '" + json_text(*c) + "'");
                } else if (const auto e = it->find("enum"); e != it->end() && e->is_array()) {
                    parts.push_back("'" + it.key() + "' is " + quoted_list(*e, " or "));
                } else {
                    return {};  // a condition on a nested shape: not worth spelling out
                }
            }
        }
        if (const auto req = cond.find("required"); req != cond.end() && req->is_array()) {
            for (const json& name : *req) {
                if (!name.is_string()) continue;
                const bool described = props != cond.end() && props->is_object() &&
                                       props->contains(name.get_ref<const std::string&>());
                if (!described) parts.push_back("'" + name.get<std::string>() + "' is set");
            }
        }
        std::string out;
        for (std::size_t i = 0; i < parts.size(); ++i)
            out += (i == 0 ? "" : " and ") + parts[i];
        return out;
    }

    // if/then/else: the branch that applies, with the reason in its violations.
    void conditional(const Task& t, const json& s, std::vector<Task>& work) {
        const auto cond = s.find("if");
        if (cond == s.end()) return;
        if (nesting_ >= kMaxCombinatorNesting) {
            unsure_ = true;
            return;
        }
        const Outcome o = evaluate(t, *cond);
        if (o == Outcome::Unsure) {
            unsure_ = true;
            return;
        }
        const auto next = s.find(o == Outcome::Pass ? "then" : "else");
        if (next == s.end()) return;
        if (branch()) {
            work.push_back(Task{t.value, &*next, t.path, {}, t.key_mark, t.conditional});
            return;
        }
        std::optional<std::vector<Violation>> found = collect(t, *next);
        if (!found) return;
        const std::string why = describe_condition(*cond);
        if (!why.empty()) {
            const std::string reason = (o == Outcome::Pass ? "when " : "unless ") + why;
            for (Violation& violation : *found)
                add_reason(violation.message, reason);
        }
        lift(t, std::move(*found));
    }

    // "... is 7200; AWS allows at most 3600 (REASON); the deployment fails".
    // A second reason joins the first: "(when 'Type' is 'S3'; REASON)".
    static void add_reason(std::string& message, std::string_view reason) {
        constexpr std::string_view kTail = "; the deployment fails";
        std::size_t at = message.rfind(kTail);
        if (at == std::string::npos) at = message.size();
        if (at > 0 && message[at - 1] == ')') {
            int depth = 0;
            for (std::size_t i = at; i-- > 0;) {
                if (message[i] == ')') ++depth;
                if (message[i] == '(' && --depth == 0) {
                    const std::string_view opening = std::string_view(message).substr(i);
                    if (opening.starts_with("(when ") || opening.starts_with("(unless ")) {
                        message.insert(at - 1, "; " + std::string(reason));
                        return;
                    }
                    break;
                }
            }
        }
        message.insert(at, " (" + std::string(reason) + ")");
    }

    // not: a value matching what AWS forbids.
    void negation(const Task& t, const json& s) {
        const auto n = s.find("not");
        if (n == s.end()) return;
        if (nesting_ >= kMaxCombinatorNesting) {
            unsure_ = true;
            return;
        }
        const Outcome o = evaluate(t, *n);
        if (o == Outcome::Unsure) {
            unsure_ = true;
            return;
        }
        if (o == Outcome::Fail) return;
        const Node& v = *t.value;
        if (v.is_scalar()) {
            add(Issue::NotInEnum, v.mark(), t.path, t.conditional,
                subject(t.path) + " is " + shown(v.text()) +
                    ", which AWS does not allow here; the deployment fails");
        } else {
            add(Issue::Combination, t.key_mark, t.path, t.conditional,
                subject(t.path) + " has a shape AWS does not allow (" + describe_branch(*n, 0) +
                    "); the deployment fails");
        }
    }

    void combinators(const Task& t, const json& s) {
        // An anyOf/oneOf of formats (a KMS key ARN, id or alias name) is one format check.
        if (t.value->is_scalar() && !s.contains("format")) {
            const std::vector<std::string> formats = schema_formats(s);
            if (!formats.empty()) {
                format_fits(t, formats);
                return;
            }
        }
        for (const char* keyword : {"oneOf", "anyOf", "allOf"}) {
            const auto it = s.find(keyword);
            if (it == s.end() || !it->is_array() || it->empty()) continue;
            if (nesting_ >= kMaxCombinatorNesting) {
                unsure_ = true;
                continue;
            }
            std::size_t pass = 0;
            std::size_t unsure = 0;
            std::size_t fail = 0;
            std::vector<std::size_t> failing;
            for (std::size_t i = 0; i < it->size(); ++i) {
                switch (evaluate(t, (*it)[i])) {
                    case Outcome::Pass:
                        ++pass;
                        break;
                    case Outcome::Unsure:
                        ++unsure;
                        break;
                    case Outcome::Fail:
                        ++fail;
                        failing.push_back(i);
                        break;
                }
            }
            const std::string_view kw = keyword;
            std::string problem;
            if (kw == "oneOf") {
                const bool exclusive = std::all_of(it->begin(), it->end(), is_required_only);
                if (pass == 0 && unsure == 0) {
                    problem = " matches none of the alternatives AWS accepts (exactly one of: ";
                } else if (pass > 1 && exclusive) {
                    problem =
                        " sets more than one of the alternatives AWS accepts (exactly one of: ";
                }
            } else if (kw == "anyOf") {
                if (pass == 0 && unsure == 0)
                    problem = " matches none of the alternatives AWS accepts (at least one of: ";
            } else if (fail > 0) {
                problem = " does not meet every condition AWS sets (all of: ";
            }
            if (problem.empty()) {
                if (unsure > 0) unsure_ = true;
                continue;
            }
            if (branch()) {
                add(Issue::Combination, {}, {}, t.conditional, {});
                return;
            }
            // Some part of an allOf fails: each failing part's own violations say what to fix,
            // with the reason a part gives (`why`, the constraints stacklint adds).
            if (kw == "allOf") {
                std::vector<Violation> all;
                for (const std::size_t i : failing) {
                    std::optional<std::vector<Violation>> found = collect(t, (*it)[i]);
                    if (!found) {
                        all.clear();
                        break;
                    }
                    if (const auto why = (*it)[i].find("why");
                        why != (*it)[i].end() && why->is_string())
                        for (Violation& violation : *found)
                            add_reason(violation.message, why->get_ref<const std::string&>());
                    std::move(found->begin(), found->end(), std::back_inserter(all));
                }
                if (!all.empty()) {
                    lift(t, std::move(all));
                    continue;
                }
            }
            // No alternative passes. When one of them is plainly the one meant, its own
            // violations say what to fix.
            const bool none = pass == 0 && unsure == 0;
            if (std::optional<std::vector<Violation>> found =
                    kw != "allOf" && none ? meant_alternative(t, *it) : std::nullopt) {
                lift(t, std::move(*found));
                continue;
            }
            std::string alternatives;
            for (std::size_t i = 0; i < it->size(); ++i) {
                if (i > 0) alternatives += "; ";
                alternatives += describe_branch((*it)[i], i);
            }
            std::string msg = subject(t.path) + problem + alternatives + ")";
            if (kw == "allOf" && !failing.empty()) {
                msg += "; it fails " + describe_branch((*it)[failing.front()], failing.front());
            }
            msg += "; the deployment fails";
            add(Issue::Combination, t.key_mark, t.path, t.conditional, std::move(msg));
        }
    }

    Env& env_;
    std::vector<Violation>* out_;  // nullptr while evaluating an alternative
    int nesting_;
    bool failed_ = false;
    bool unsure_ = false;
};

}  // namespace

namespace {

std::vector<Violation> validate_once(const Resource& resource, const ResourceSchema& schema,
                                     const Template& tmpl, const Registry& registry,
                                     const std::vector<std::string_view>& loop_identifiers) {
    std::vector<Violation> out;
    const Node empty = Node::mapping(resource.id_mark);
    const Node* properties = &empty;
    Mark key_mark = resource.id_mark;
    if (resource.properties != nullptr) {
        key_mark = resource.properties->key_mark;
        // `Properties:` with nothing after it is no properties at all.
        if (!resource.properties->value.is_null()) properties = &resource.properties->value;
        if (properties->is_scalar() || properties->is_sequence()) return out;  // T009's finding
    }
    Env env{resource, schema,           tmpl,
            registry, loop_identifiers, "Resources/" + std::string(resource.id) + "/Properties"};
    Walker walker(env, &out, 0);
    walker.run(Task{properties, &schema.doc, env.base_path, "/properties", key_mark, false});
    return out;
}

// The most combinations of conditions one resource is validated in.
constexpr std::size_t kMaxScenarios = 32;
// The most conditions one resource's properties may use for it to be validated per scenario.
constexpr std::size_t kMaxResourceConditions = 8;

// Validates the resource once per combination of the conditions its properties use that can
// happen (src/model/scenarios), each time with every Fn::If resolved; a violation found in
// only some combinations says in which. nullopt when that cannot be done: no Fn::If, too
// many conditions or combinations, or a Rules section (its assertions may rule out
// combinations stacklint cannot see).
std::optional<std::vector<Violation>> validate_per_scenario(
    const Resource& resource, const ResourceSchema& schema, const Template& tmpl,
    const Registry& registry, const std::vector<std::string_view>& loop_identifiers) {
    if (resource.properties == nullptr || tmpl.rules_section != nullptr) return std::nullopt;
    bool overflow = false;
    std::vector<std::string_view> names =
        conditions_in(resource.properties->value, kMaxResourceConditions, overflow);
    if (names.empty() || overflow) return std::nullopt;
    std::string_view own;
    if (resource.condition != nullptr && resource.condition->value.is_scalar())
        own = resource.condition->value.text();
    const Scenarios scenarios = possible_scenarios(tmpl, names, own);
    if (!scenarios.exact || scenarios.choices.empty() || scenarios.choices.size() > kMaxScenarios)
        return std::nullopt;

    struct Found {
        Violation violation;
        std::vector<std::uint64_t> choices;
    };
    std::vector<Found> found;
    for (const std::uint64_t choice : scenarios.choices) {
        std::optional<Node> resolved =
            resolve_conditions(resource.properties->value, scenarios.names, choice);
        const Entry entry{
            resource.properties->key, resource.properties->key_mark,
            resolved ? std::move(*resolved) : Node::null(resource.properties->key_mark)};
        Resource copy = resource;
        copy.properties = &entry;
        for (Violation& v : validate_once(copy, schema, tmpl, registry, loop_identifiers)) {
            const auto same = std::find_if(found.begin(), found.end(), [&](const Found& f) {
                return f.violation.issue == v.issue && f.violation.mark == v.mark &&
                       f.violation.message == v.message;
            });
            if (same != found.end())
                same->choices.push_back(choice);
            else
                found.push_back(Found{std::move(v), {choice}});
        }
    }
    std::vector<Violation> out;
    for (Found& f : found) {
        if (f.choices.size() < scenarios.choices.size()) {
            std::string when = describe_scenarios(scenarios, f.choices);
            if (when.empty()) when = "in some combinations of the template's conditions";
            constexpr std::string_view kTail = "; the deployment fails";
            std::string& m = f.violation.message;
            const std::size_t at = m.rfind(kTail);
            if (at != std::string::npos)
                m.insert(at, " (" + when + ")");
            else
                m += " (" + when + ")";
            f.violation.conditional = true;
        }
        out.push_back(std::move(f.violation));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Violation& a, const Violation& b) { return a.mark < b.mark; });
    return out;
}

}  // namespace

std::vector<Violation> validate_globals(const Entry& section, std::string_view sam_type,
                                        const ResourceSchema& schema, const Template& tmpl,
                                        const Registry& registry) {
    std::vector<Violation> out;
    if (!section.value.is_mapping()) return out;
    Resource pseudo;
    pseudo.id = section.key;
    pseudo.id_mark = section.key_mark;
    pseudo.type_name = sam_type;
    pseudo.properties = &section;
    static const std::vector<std::string_view> kNoLoops;
    Env env{pseudo, schema, tmpl, registry, kNoLoops, "Globals/" + section.key};
    env.globals = true;
    Walker walker(env, &out, 0);
    walker.run(Task{&section.value, &schema.doc, env.base_path, {}, section.key_mark, false});
    return out;
}

std::vector<Violation> validate_resource(const Resource& resource, const ResourceSchema& schema,
                                         const Template& tmpl, const Registry& registry,
                                         const std::vector<std::string_view>& loop_identifiers) {
    if (std::optional<std::vector<Violation>> per_scenario =
            validate_per_scenario(resource, schema, tmpl, registry, loop_identifiers))
        return std::move(*per_scenario);
    return validate_once(resource, schema, tmpl, registry, loop_identifiers);
}

}  // namespace stacklint::schema
