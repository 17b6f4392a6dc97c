// R009: a policy that lets a principal delete every object of a bucket.
#include <algorithm>
#include <array>
#include <cctype>

#include <optional>
#include <string>
#include <vector>

#include "graph/names.hpp"
#include "lint/rule.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "R009",
    .name = "broad-s3-delete-permission",
    .pack = "resilience",
    .severity = Severity::Warning,
    .summary = "An IAM or bucket policy allows deleting every object of a bucket",
    .doc = R"md(### What it finds
An `Allow` statement — in `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`,
`AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`, the inline `Policies` of a role, user or
group, or an `AWS::S3::BucketPolicy` — whose actions include `s3:DeleteObject` or
`s3:DeleteObjectVersion` (directly or through `s3:Delete*`, `s3:*`, `*` or any other
wildcard, matched case-insensitively as IAM does; `NotAction` is understood too), on
every object of a bucket: `arn:aws:s3:::name/*`, `arn:aws:s3:::*`, `*`, a bucket name
ending in `*` without a key part (`arn:aws:s3:::name*`, `arn:aws:s3:::logs-*`: IAM's `*`
also matches `/`), or an `Fn::Sub` / `Fn::Join` that builds such an ARN from a bucket's
`Arn` (`${Bucket.Arn}/*`, `${Bucket.Arn}*`) or name (`arn:aws:s3:::${Bucket}/*`). With
`NotResource` instead of `Resource`, the statement is reported when every excluded ARN
names at most one bucket (or is no S3 ARN): the objects of every other bucket are granted.

Resources scoped to a prefix (`arn:aws:s3:::name/tmp/*`) pass. What cannot be known is not
judged: a key part given by a parameter, an ARN that starts with a parameter or an import
(`${TargetArn}/*`: it may name a prefix), a `NotResource` with a wildcard bucket or a
computed entry. An ARN that starts with another resource's attribute (`${Table.Arn}/*`) is
no bucket's. Conditions count only when every branch grants: a statement, a policy or a
resource that `Fn::If` may remove or scope in some deployment is not reported. Statements
granting to CDK's own auto-delete provider (asked for with `autoDeleteObjects`) are not
reported.

### Why it matters
Whoever holds the permission can wipe the bucket in one loop, and a bug is enough. In a
real incident an "orphaned images" cleanup listed the whole bucket, compared keys in the
wrong format, and deleted 6,892 objects; only versioning made them recoverable. Scoping
deletes to the prefix a job owns limits what a bug can destroy.

### Bad
```yaml
- Effect: Allow
  Action: s3:DeleteObject
  Resource: !Sub ${Images.Arn}/*
```

### Good
```yaml
- Effect: Allow
  Action: s3:DeleteObject
  Resource: !Sub ${Images.Arn}/tmp/*
```
)md"};

// Parts of a resource ARN that a function computes, as value_text() writes them.
constexpr char kUnknown = '\x01';   // could be anything (a parameter, an import)
constexpr char kConcrete = '\x02';  // one fixed string without wildcards (a resource's name)

bool iam_match(std::string_view pattern, std::string_view text) {
    // Iterative glob with backtracking to the last '*': linear enough for IAM's short strings.
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    auto same = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    };
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

constexpr std::array kDeleteActions = {"s3:DeleteObject", "s3:DeleteObjectVersion"};

bool grants_delete(std::string_view pattern) {
    return std::any_of(kDeleteActions.begin(), kDeleteActions.end(),
                       [&](const char* a) { return iam_match(pattern, a); });
}

std::vector<const Node*> as_list(const Node& n) {
    std::vector<const Node*> out;
    if (n.is_sequence()) {
        for (const Node& item : n.items())
            out.push_back(&item);
    } else {
        out.push_back(&n);
    }
    return out;
}

// A resource value as IAM will see it: `text` with kUnknown / kConcrete where a function
// supplies a part, `shown` as the message quotes it.
struct ArnText {
    std::string text;
    std::string shown;
};

ArnText value_text(const Node& n, const Template& tmpl);

// What `${name}` (or Ref / GetAtt of it) stands for. Only an S3 bucket's Arn attribute is
// known to be a bucket ARN; another resource's Ref or attribute is some fixed string that is
// no bucket ARN; a parameter or an unknown name could be anything.
ArnText reference_text(std::string_view name, const Template& tmpl, const Node* sub_variables) {
    const std::string shown = "${" + std::string(name) + "}";
    if (sub_variables != nullptr && is_literal_mapping(*sub_variables)) {
        if (const Node* v = sub_variables->get(name)) {
            return {value_text(*v, tmpl).text, shown};
        }
    }
    if (const std::size_t dot = name.find('.'); dot != std::string_view::npos) {
        const Resource* r = tmpl.find_resource(name.substr(0, dot));
        if (r == nullptr) return {std::string(1, kUnknown), shown};
        if (r->type_name == "AWS::S3::Bucket" && name.substr(dot + 1) == "Arn") {
            return {std::string("arn:") + kConcrete + ":s3:::" + kConcrete, shown};
        }
        return {std::string(1, kConcrete), shown};
    }
    if (is_pseudo_parameter(name) || tmpl.find_resource(name) != nullptr) {
        return {std::string(1, kConcrete), shown};
    }
    return {std::string(1, kUnknown), shown};
}

ArnText value_text(const Node& n, const Template& tmpl) {
    if (n.is_scalar()) return {n.text(), n.text()};
    const std::string_view fn = n.intrinsic_name();
    const Node* arg = n.intrinsic_arg();
    if (fn == "Ref" && arg->is_scalar()) return reference_text(arg->text(), tmpl, nullptr);
    if (fn == "Fn::GetAtt") {
        if (arg->is_scalar()) return reference_text(arg->text(), tmpl, nullptr);
        if (arg->is_sequence() && arg->items().size() == 2 && arg->items()[0].is_scalar() &&
            arg->items()[1].is_scalar()) {
            return reference_text(arg->items()[0].text() + "." + arg->items()[1].text(), tmpl,
                                  nullptr);
        }
    }
    if (fn == "Fn::Sub") {
        const bool list = arg->is_sequence() && arg->items().size() == 2;
        const Node& format = list ? arg->items()[0] : *arg;
        const Node* variables = list ? &arg->items()[1] : nullptr;
        if (format.is_scalar()) {
            ArnText out;
            const std::string& s = format.text();
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (s.compare(i, 3, "${!") == 0) {  // ${!Literal} is the text "${Literal}"
                    out.text += "${";
                    out.shown += "${";
                    i += 2;
                } else if (s.compare(i, 2, "${") == 0) {
                    const std::size_t close = s.find('}', i);
                    if (close == std::string::npos) break;
                    const ArnText part = reference_text(
                        std::string_view(s).substr(i + 2, close - i - 2), tmpl, variables);
                    out.text += part.text;
                    out.shown += part.shown;
                    i = close;
                } else {
                    out.text += s[i];
                    out.shown += s[i];
                }
            }
            return out;
        }
    }
    if (fn == "Fn::Join" && arg->is_sequence() && arg->items().size() == 2 &&
        arg->items()[0].is_scalar() && arg->items()[1].is_sequence()) {
        ArnText out;
        bool first = true;
        for (const Node& part : arg->items()[1].items()) {
            if (!first) {
                out.text += arg->items()[0].text();
                out.shown += arg->items()[0].text();
            }
            first = false;
            const ArnText t = value_text(part, tmpl);
            out.text += t.text;
            out.shown += t.shown;
        }
        return out;
    }
    return {std::string(1, kUnknown), "${...}"};
}

// True when the ARN pattern covers every object of some bucket: `*`, or an S3 ARN whose key
// part is only `*`, or whose bucket part ends in `*` with no key part (IAM's `*` also
// matches `/`, so `arn:aws:s3:::logs*` covers every object of the bucket `logs`).
bool every_object(std::string_view arn) {
    if (arn == "*") return true;
    const std::size_t at = arn.find("s3:::");
    if (!arn.starts_with("arn:") || at == std::string_view::npos) return false;
    const std::string_view rest = arn.substr(at + 5);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return !rest.empty() && rest.back() == '*';
    const std::string_view key = rest.substr(slash + 1);
    return !key.empty() && key.find_first_not_of('*') == std::string_view::npos;
}

// True when the ARN pattern, as a NotResource entry, keeps at most one bucket's objects out
// of the grant: a non-S3 ARN, or an S3 ARN naming one bucket (no wildcard, no unknown part in
// the bucket's name). Every other bucket then remains granted.
bool excludes_at_most_one_bucket(std::string_view arn) {
    if (!arn.starts_with("arn:")) return false;  // "*", or a value nobody knows
    std::size_t colon = arn.find(':', 4);
    if (colon == std::string_view::npos) return false;
    const std::size_t service_end = arn.find(':', colon + 1);
    const std::string_view service = arn.substr(colon + 1, service_end - colon - 1);
    if (service.find_first_of(std::string("*?") + kUnknown) != std::string_view::npos) {
        return false;
    }
    if (service != "s3") return true;
    const std::size_t at = arn.find("s3:::");
    if (at == std::string_view::npos) return true;  // an access point or a job, no object
    const std::string_view rest = arn.substr(at + 5);
    const std::string_view bucket = rest.substr(0, rest.find('/'));
    return !bucket.empty() &&
           bucket.find_first_of(std::string("*?") + kUnknown) == std::string_view::npos;
}

struct Grant {
    Mark mark;
    std::string action;
    std::string resource;
    std::string path;
};

// Logical ids a node refers to with Ref or Fn::GetAtt, anywhere inside it.
void referenced_ids(const Node& n, std::vector<std::string_view>& out) {
    const std::string_view fn = n.intrinsic_name();
    const Node* arg = n.intrinsic_arg();
    if (fn == "Ref" && arg->is_scalar()) out.push_back(arg->text());
    if (fn == "Fn::GetAtt" && arg->is_sequence() && !arg->items().empty() &&
        arg->items()[0].is_scalar()) {
        out.push_back(arg->items()[0].text());
    }
    for (const Node& item : n.items())
        referenced_ids(item, out);
    for (const Entry& e : n.entries())
        referenced_ids(e.value, out);
}

// A statement granting to CDK's own machinery (the auto-delete provider's role, when the
// user asked for autoDeleteObjects) is not the user's to scope.
bool grants_to_plumbing(const Node& statement, const Stack& stack) {
    const Node* principal = statement.get("Principal");
    if (principal == nullptr) return false;
    std::vector<std::string_view> ids;
    referenced_ids(*principal, ids);
    return !ids.empty() && std::all_of(ids.begin(), ids.end(), [&](std::string_view id) {
        return stack.is_plumbing(id, {});
    });
}

// The whole-bucket delete one literal statement (every Fn::If resolved) grants, if any.
std::optional<Grant> statement_grant(const Node& st, const Stack& stack) {
    if (!is_literal_mapping(st)) return std::nullopt;
    const Node* effect = st.get("Effect");
    if (effect == nullptr || !effect->is_scalar() || effect->text() != "Allow" ||
        grants_to_plumbing(st, stack)) {
        return std::nullopt;
    }
    std::optional<Grant> grant;
    if (const Entry* action = st.find("Action")) {
        for (const Node* a : as_list(action->value)) {
            if (a->is_scalar() && grants_delete(a->text())) {
                grant = Grant{a->mark(), a->text(), {}, {}};
                break;
            }
        }
    } else if (const Entry* not_action = st.find("NotAction")) {
        bool excluded = false;
        for (const Node* a : as_list(not_action->value)) {
            if (!a->is_scalar() || grants_delete(a->text())) excluded = true;
        }
        if (!excluded) grant = Grant{not_action->key_mark, "everything but NotAction", {}, {}};
    }
    if (!grant) return std::nullopt;
    const Template& tmpl = stack.deployed();
    if (const Node* resources = st.get("Resource")) {
        for (const Node* r : as_list(*resources)) {
            const ArnText arn = value_text(*r, tmpl);
            if (every_object(arn.text)) {
                grant->resource = arn.shown;
                return grant;
            }
        }
        return std::nullopt;
    }
    if (const Node* excluded = st.get("NotResource")) {
        const std::vector<const Node*> list = as_list(*excluded);
        const bool one_bucket_each = std::all_of(list.begin(), list.end(), [&](const Node* r) {
            return excludes_at_most_one_bucket(value_text(*r, tmpl).text);
        });
        if (!one_bucket_each) return std::nullopt;
        grant->resource = "every bucket but those its NotResource names";
        return grant;
    }
    return std::nullopt;
}

// The grant that `f` finds in every possible value of `node` (each branch of its Fn::If):
// the first branch's, or nullopt when some branch has none or cannot be known.
template <typename F>
std::optional<Grant> in_every_branch(const Node& node, F f) {
    const PossibleValues branches = possible_values(node);
    if (branches.unknown) return std::nullopt;
    std::optional<Grant> first;
    for (const Node* v : branches.values) {
        if (v == nullptr) return std::nullopt;
        std::optional<Grant> g = f(*v);
        if (!g) return std::nullopt;
        if (!first) first = std::move(g);
    }
    return first;
}

// The grant of one statement in every shape it may take (Fn::If at any depth inside it).
std::optional<Grant> statement_always(const Node& statement, const Stack& stack,
                                      const std::string& path) {
    const PossibleTrees shapes = possible_trees(statement);
    if (shapes.unknown) return std::nullopt;
    std::optional<Grant> first;
    for (const Node* shape : shapes.values) {
        std::optional<Grant> g = shape ? statement_grant(*shape, stack) : std::nullopt;
        if (!g) return std::nullopt;
        if (!first) first = std::move(g);
    }
    if (first) first->path = path;
    return first;
}

// A statement that grants whole-bucket deletes in every possible deployment. Statements are
// taken one at a time: the list may differ by condition, but one statement must grant in
// every case (so a statement that a condition may remove never counts).
std::optional<Grant> document_always(const Node& document, const Stack& stack,
                                     const std::string& path) {
    return in_every_branch(document, [&](const Node& doc) -> std::optional<Grant> {
        const Node* statements = is_literal_mapping(doc) ? doc.get("Statement") : nullptr;
        if (statements == nullptr) return std::nullopt;
        return in_every_branch(*statements, [&](const Node& list) -> std::optional<Grant> {
            if (!list.is_sequence()) return statement_always(list, stack, path + "/Statement");
            for (std::size_t i = 0; i < list.items().size(); ++i) {
                if (auto g = statement_always(list.items()[i], stack,
                                              path + "/Statement/" + std::to_string(i))) {
                    return g;
                }
            }
            return std::nullopt;
        });
    });
}

// The same for the inline `Policies` of a role, user or group: one policy that is there and
// grants in every possible deployment.
std::optional<Grant> policies_always(const Node& policies, const Stack& stack,
                                     const std::string& path) {
    return in_every_branch(policies, [&](const Node& list) -> std::optional<Grant> {
        if (!list.is_sequence()) return std::nullopt;
        for (std::size_t i = 0; i < list.items().size(); ++i) {
            const std::string at = path + "/" + std::to_string(i) + "/PolicyDocument";
            auto g = in_every_branch(list.items()[i], [&](const Node& p) -> std::optional<Grant> {
                const Node* d = is_literal_mapping(p) ? p.get("PolicyDocument") : nullptr;
                return d ? document_always(*d, stack, at) : std::nullopt;
            });
            if (g) return g;
        }
        return std::nullopt;
    });
}

class BroadS3DeletePermission final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& r : stack.deployed().resources) {
            const std::optional<Grant> g = find_grant(r, stack);
            if (!g) continue;
            std::string owner = std::string(r.type_name) + " '" + std::string(r.id) + "'";
            if (stack.sam && stack.tmpl) {
                // The role SAM makes for a function or state machine, from its Policies.
                const std::string_view source = stack.sam->source_of(r.id);
                const Resource* s = source != r.id ? stack.tmpl->find_resource(source) : nullptr;
                if (s != nullptr)
                    owner = "the role SAM makes for " + std::string(s->type_name) + " '" +
                            std::string(s->id) + "' (from its Policies)";
            }
            out.add(stack, {g->mark,
                            "policy in " + owner + " allows deleting every object of a bucket (" +
                                g->action + " on " + g->resource +
                                "): one buggy cleanup job can wipe it; scope the resource to "
                                "the prefix the principal owns (e.g. .../tmp/*)",
                            r.id, g->path});
        }
    }

  private:
    // The first whole-bucket delete the resource's policies grant, once per resource.
    static std::optional<Grant> find_grant(const Resource& r, const Stack& stack) {
        static constexpr std::array kDocumentTypes = {
            "AWS::IAM::Policy",     "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
            "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy",   "AWS::S3::BucketPolicy"};
        static constexpr std::array kInlineTypes = {"AWS::IAM::Role", "AWS::IAM::User",
                                                    "AWS::IAM::Group"};
        const std::string base = path_of({"Resources", r.id, "Properties"});
        const auto is = [&](const auto& list) {
            return std::find(list.begin(), list.end(), r.type_name) != list.end();
        };
        if (is(kDocumentTypes)) {
            const Node* d = r.property("PolicyDocument");
            return d ? document_always(*d, stack, base + "/PolicyDocument") : std::nullopt;
        }
        if (is(kInlineTypes)) {
            const Node* policies = r.property("Policies");
            return policies ? policies_always(*policies, stack, base + "/Policies") : std::nullopt;
        }
        return std::nullopt;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(BroadS3DeletePermission)
}  // namespace stacklint
