// R009: a policy that lets a principal delete every object of a bucket.
#include <algorithm>
#include <array>
#include <cctype>

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
every object of a bucket: `arn:aws:s3:::name/*`, `arn:aws:s3:::*`, `*`, or an `Fn::Sub` /
`Fn::Join` that builds a bucket's ARN followed by `/*`. Resources scoped to a prefix
(`arn:aws:s3:::name/tmp/*`) pass; a resource whose key part is a parameter is not judged;
statements granting to CDK's own auto-delete provider (asked for with
`autoDeleteObjects`) are not reported.

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

// Stands for a part of a string that a function computes (a bucket ARN, a parameter).
constexpr char kUnknown = '\x01';

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

// The text a resource value evaluates to, with kUnknown where a function supplies a part;
// nullopt when the value as a whole is unknown.
std::optional<std::string> resource_text(const Node& n) {
    if (n.is_scalar()) return n.text();
    const std::string_view fn = n.intrinsic_name();
    const Node& arg = n.intrinsic_arg() ? *n.intrinsic_arg() : n;
    if (fn == "Fn::Sub") {
        const Node* format = arg.is_sequence() && !arg.items().empty() ? &arg.items()[0] : &arg;
        if (!format->is_scalar()) return std::nullopt;
        std::string out;
        const std::string& s = format->text();
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s.compare(i, 3, "${!") == 0) {  // ${!Literal} is the text "${Literal}"
                out += "${";
                i += 2;
            } else if (s.compare(i, 2, "${") == 0) {
                const std::size_t close = s.find('}', i);
                if (close == std::string::npos) return std::nullopt;
                out += kUnknown;
                i = close;
            } else {
                out += s[i];
            }
        }
        return out;
    }
    if (fn == "Fn::Join" && arg.is_sequence() && arg.items().size() == 2 &&
        arg.items()[0].is_scalar() && arg.items()[1].is_sequence()) {
        std::string out;
        bool first = true;
        for (const Node& part : arg.items()[1].items()) {
            if (!first) out += arg.items()[0].text();
            first = false;
            out += part.is_scalar() ? part.text() : std::string(1, kUnknown);
        }
        return out;
    }
    return std::nullopt;
}

// True when the ARN pattern covers every object of some bucket.
bool every_object(const std::string& arn) {
    if (arn == "*") return true;
    std::string_view rest;
    if (const std::size_t at = arn.find("s3:::"); at != std::string::npos) {
        rest = std::string_view(arn).substr(at + 5);
    } else if (!arn.empty() && arn.front() == kUnknown) {
        rest = std::string_view(arn).substr(1);  // "${Bucket.Arn}/*": a bucket's ARN first
        if (!rest.starts_with('/')) return false;
        rest.remove_prefix(1);
        return !rest.empty() && rest.find_first_not_of('*') == std::string_view::npos;
    } else {
        return false;
    }
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
        // "arn:aws:s3:::*" matches object ARNs too; "arn:aws:s3:::name" only the bucket.
        return !rest.empty() && rest.find_first_not_of('*') == std::string_view::npos;
    }
    const std::string_view key = rest.substr(slash + 1);
    return !key.empty() && key.find_first_not_of('*') == std::string_view::npos;
}

std::string shown(const std::string& arn) {
    std::string out;
    for (char c : arn)
        out += c == kUnknown ? std::string("${...}") : std::string(1, c);
    return out;
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

// The first statement of a policy document granting whole-bucket deletes.
std::optional<Grant> find_grant(const Node& document, const std::string& path, const Stack& stack) {
    const Node* statements = document.get("Statement");
    if (statements == nullptr) return std::nullopt;
    const std::vector<const Node*> list = as_list(*statements);
    for (std::size_t i = 0; i < list.size(); ++i) {
        for (const Node* st : possible_values(*list[i]).values) {
            if (st == nullptr || !st->is_mapping()) continue;
            const Node* effect = st->get("Effect");
            if (effect == nullptr || effect->text() != "Allow" || grants_to_plumbing(*st, stack)) {
                continue;
            }
            std::optional<Grant> grant;
            if (const Entry* action = st->find("Action")) {
                for (const Node* a : as_list(action->value)) {
                    if (a->is_scalar() && grants_delete(a->text())) {
                        grant = Grant{a->mark(), a->text(), {}, {}};
                        break;
                    }
                }
            } else if (const Entry* not_action = st->find("NotAction")) {
                bool excluded = false;
                for (const Node* a : as_list(not_action->value)) {
                    if (!a->is_scalar() || grants_delete(a->text())) excluded = true;
                }
                if (!excluded)
                    grant = Grant{not_action->key_mark, "everything but NotAction", {}, {}};
            }
            if (!grant) continue;
            const Node* resources = st->get("Resource");
            if (resources == nullptr) continue;
            for (const Node* r : as_list(*resources)) {
                const std::optional<std::string> arn = resource_text(*r);
                if (arn && every_object(*arn)) {
                    grant->resource = shown(*arn);
                    grant->path = path + "/Statement/" + std::to_string(i);
                    return grant;
                }
            }
        }
    }
    return std::nullopt;
}

class BroadS3DeletePermission final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        for (const Resource& r : stack.tmpl->resources) {
            for (const auto& [document, path] : documents(r)) {
                const std::optional<Grant> g = find_grant(*document, path, stack);
                if (!g) continue;
                out.add(stack, {g->mark,
                                "policy in " + std::string(r.type_name) + " '" + std::string(r.id) +
                                    "' allows deleting every object of a bucket (" + g->action +
                                    " on " + g->resource +
                                    "): one buggy cleanup job can wipe it; scope the resource to "
                                    "the prefix the principal owns (e.g. .../tmp/*)",
                                r.id, g->path});
                break;  // once per resource
            }
        }
    }

  private:
    // Each policy document of the resource with its property path.
    static std::vector<std::pair<const Node*, std::string>> documents(const Resource& r) {
        static constexpr std::array kDocumentTypes = {
            "AWS::IAM::Policy",     "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
            "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy",   "AWS::S3::BucketPolicy"};
        static constexpr std::array kInlineTypes = {"AWS::IAM::Role", "AWS::IAM::User",
                                                    "AWS::IAM::Group"};
        std::vector<std::pair<const Node*, std::string>> out;
        const std::string base = path_of({"Resources", r.id, "Properties"});
        const auto is = [&](const auto& list) {
            return std::find(list.begin(), list.end(), r.type_name) != list.end();
        };
        if (is(kDocumentTypes)) {
            if (const Node* d = r.property("PolicyDocument"); d && d->is_mapping()) {
                out.emplace_back(d, base + "/PolicyDocument");
            }
        } else if (is(kInlineTypes)) {
            const Node* policies = r.property("Policies");
            if (policies == nullptr || !policies->is_sequence()) return out;
            for (std::size_t i = 0; i < policies->items().size(); ++i) {
                const Node* d = policies->items()[i].get("PolicyDocument");
                if (d && d->is_mapping()) {
                    out.emplace_back(d,
                                     base + "/Policies/" + std::to_string(i) + "/PolicyDocument");
                }
            }
        }
        return out;
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(BroadS3DeletePermission)
}  // namespace stacklint
