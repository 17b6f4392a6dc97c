// S021: an IAM policy document IAM (or the service that stores it) rejects.
#include <array>
#include <string_view>

#include "core/text.hpp"
#include "lint/rule.hpp"
#include "model/policies.hpp"
#include "model/values.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S021",
                         .name = "invalid-policy-document",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "An IAM policy document is malformed: AWS rejects it",
                         .doc = R"md(### What it finds
Policy documents written in the template (inline and managed IAM policies, roles' trust
policies, and resource policies of buckets, queues, topics, keys, secrets, repositories,
domains, file systems, vaults, APIs and event buses) that break the IAM policy grammar:
- a `Version` other than `2012-10-17` or `2008-10-17`;
- a `Statement` that is not a statement or a list of them; a statement key that is not one
  of `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`,
  `NotResource`, `Condition`;
- an `Effect` missing or other than `Allow` or `Deny` (the case matters);
- neither or both of `Action` and `NotAction`; an action without its service prefix
  (`GetObject` for `s3:GetObject`);
- in identity policies, a `Principal` (they apply to whoever they are attached to) or no
  `Resource`/`NotResource`; in trust policies a `Resource`; in resource and trust policies no
  `Principal`/`NotPrincipal`;
- a `Resource` that is neither `*` nor an ARN (a bucket's name where its ARN is needed), in
  IAM policies and bucket policies (other services take shorthand forms of their own, such as
  API Gateway's `execute-api:/*`);
- a `Principal` written as a string other than `*`, or with a key other than `AWS`, `Service`,
  `Federated` and `CanonicalUser`.

Values given by functions are not judged; both branches of an `Fn::If` are.

### Why it matters
IAM rejects the document ("MalformedPolicyDocument"), and so does every service that stores a
resource policy: the resource fails, and the deployment with it.

### Bad
```yaml
ReadReports:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: allow                 # Allow
          Action: GetObject             # s3:GetObject
          Resource: reports-bucket/*    # an ARN: arn:aws:s3:::reports-bucket/*
```

### Good
```yaml
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::reports-bucket/*
```
)md"};

constexpr std::array<std::string_view, 9> kStatementKeys = {
    "Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
    "NotAction", "Resource", "NotResource", "Condition"};

class Checker {
  public:
    Checker(const Stack& stack, const PolicyDocument& doc, Reporter& out)
        : stack_(stack), doc_(doc), out_(out) {}

    void document(const Node& node, const std::string& path, bool branch) {
        if (const Node* args = if_branches(node)) {
            document(args->items()[1], path, true);
            document(args->items()[2], path, true);
            return;
        }
        if (!is_literal_mapping(node)) return;  // JSON text, or a function: not judged here
        if (const Entry* version = node.find("Version");
            version != nullptr && version->value.is_scalar() &&
            version->value.text() != "2012-10-17" && version->value.text() != "2008-10-17") {
            report(version->value.mark(), path + "/Version",
                   "Version is '" + version->value.text() +
                       "'; IAM knows only '2012-10-17' (use it) and '2008-10-17'",
                   branch);
        }
        const Entry* statement = node.find("Statement");
        if (statement == nullptr) {
            if (node.entries().empty() || node.find("Fn::If") != nullptr) return;
            report(node.mark(), path, "has no Statement", branch);
            return;
        }
        statements(statement->value, path + "/Statement", branch);
    }

  private:
    static const Node* if_branches(const Node& node) {
        if (node.intrinsic_name() != "Fn::If") return nullptr;
        const Node& args = *node.intrinsic_arg();
        return args.is_sequence() && args.items().size() == 3 ? &args : nullptr;
    }

    void statements(const Node& node, const std::string& path, bool branch) {
        if (const Node* args = if_branches(node)) {
            statements(args->items()[1], path, true);
            statements(args->items()[2], path, true);
            return;
        }
        if (node.is_sequence()) {
            for (std::size_t i = 0; i < node.items().size(); ++i) {
                const Node& item = node.items()[i];
                if (is_no_value(item)) continue;
                if (const Node* args = if_branches(item)) {
                    for (std::size_t b : {1u, 2u}) {
                        if (!is_no_value(args->items()[b]))
                            statement(args->items()[b], path + "/" + std::to_string(i), true);
                    }
                    continue;
                }
                statement(item, path + "/" + std::to_string(i), branch);
            }
            return;
        }
        if (node.is_mapping() && node.intrinsic_name().empty()) {
            statement(node, path, branch);
            return;
        }
        if (node.intrinsic_name().empty())
            report(node.mark(), path, "Statement must be a statement or a list of them", branch);
    }

    void statement(const Node& s, const std::string& path, bool branch) {
        if (!s.intrinsic_name().empty()) return;
        if (!s.is_mapping()) {
            report(s.mark(), path, "a statement must be a mapping of Effect, Action, Resource...",
                   branch);
            return;
        }
        for (const Entry& e : s.entries()) {
            if (std::find(kStatementKeys.begin(), kStatementKeys.end(), e.key) ==
                kStatementKeys.end()) {
                const std::vector<std::string_view> keys(kStatementKeys.begin(),
                                                         kStatementKeys.end());
                report(e.key_mark, path + "/" + e.key,
                       "'" + e.key + "' is not a statement element" + did_you_mean(e.key, keys),
                       branch);
            }
        }
        const Presence effect = presence(s, "Effect");
        if (effect == Presence::Absent) {
            report(s.mark(), path, "the statement has no Effect (Allow or Deny)", branch);
        } else if (const Node* v = s.get("Effect");
                   v != nullptr && v->is_scalar() && v->text() != "Allow" && v->text() != "Deny") {
            report(v->mark(), path + "/Effect",
                   "Effect is '" + v->text() + "'; it must be Allow or Deny, written so", branch);
        }
        const Presence action = presence(s, "Action");
        const Presence not_action = presence(s, "NotAction");
        if (action == Presence::Absent && not_action == Presence::Absent) {
            report(s.mark(), path, "the statement has no Action (or NotAction)", branch);
        } else if (action == Presence::Present && not_action == Presence::Present) {
            report(s.find("NotAction")->key_mark, path + "/NotAction",
                   "the statement has both Action and NotAction; keep one", branch);
        }
        for (const char* key : {"Action", "NotAction"})
            actions(s.get(key), path + "/" + key, branch);

        const Presence principal = presence(s, "Principal");
        const Presence not_principal = presence(s, "NotPrincipal");
        const bool names_principal =
            principal != Presence::Absent || not_principal != Presence::Absent;
        const Presence resource = presence(s, "Resource");
        const Presence not_resource = presence(s, "NotResource");
        switch (doc_.kind) {
            case PolicyKind::Identity:
                if (principal == Presence::Present || not_principal == Presence::Present) {
                    const Entry* e =
                        s.find(principal == Presence::Present ? "Principal" : "NotPrincipal");
                    report(e->key_mark, path + "/" + e->key,
                           "an identity policy names no principal: it applies to whoever it is "
                           "attached to; remove " +
                               e->key,
                           branch);
                }
                if (resource == Presence::Absent && not_resource == Presence::Absent)
                    report(s.mark(), path, "the statement has no Resource (or NotResource)",
                           branch);
                break;
            case PolicyKind::Trust:
                if (resource == Presence::Present || not_resource == Presence::Present) {
                    const Entry* e =
                        s.find(resource == Presence::Present ? "Resource" : "NotResource");
                    report(e->key_mark, path + "/" + e->key,
                           "a trust policy has no " + e->key +
                               " (the role itself is the resource); remove it",
                           branch);
                }
                [[fallthrough]];
            case PolicyKind::Resource:
                if (!names_principal)
                    report(s.mark(), path,
                           "the statement names no Principal (or NotPrincipal), which a " +
                               std::string(doc_.kind == PolicyKind::Trust ? "trust" : "resource") +
                               " policy needs",
                           branch);
                break;
        }
        // Some services take shorthand resources in their own policies (API Gateway's
        // `execute-api:/*`): the ARN check is for IAM's policies and bucket policies.
        if (doc_.kind == PolicyKind::Identity ||
            doc_.resource->type_name == "AWS::S3::BucketPolicy") {
            for (const char* key : {"Resource", "NotResource"})
                resources(s.get(key), path + "/" + key, branch);
        }
        for (const char* key : {"Principal", "NotPrincipal"})
            principals(s.get(key), path + "/" + key, branch);
    }

    enum class Presence { Absent, Present, Maybe };

    static Presence presence(const Node& s, std::string_view key) {
        const Node* v = s.get(key);
        if (v == nullptr || is_no_value(*v)) return Presence::Absent;
        const PossibleValues pv = possible_values(*v);
        return std::find(pv.values.begin(), pv.values.end(), nullptr) != pv.values.end()
                   ? Presence::Maybe
                   : Presence::Present;
    }

    // Each literal string of a value that may be one string or a list of them.
    template <typename F>
    static void each_string(const Node* v, const std::string& path, F f) {
        if (v == nullptr) return;
        const PossibleValues pv = possible_values(*v);
        for (const Node* c : pv.values) {
            if (c == nullptr) continue;
            if (c->is_scalar()) {
                f(*c, path);
            } else if (c->is_sequence()) {
                for (std::size_t i = 0; i < c->items().size(); ++i) {
                    const PossibleValues item = possible_values(c->items()[i]);
                    for (const Node* x : item.values) {
                        if (x != nullptr && x->is_scalar()) f(*x, path + "/" + std::to_string(i));
                    }
                }
            }
        }
    }

    void actions(const Node* v, const std::string& path, bool branch) {
        each_string(v, path, [&](const Node& a, const std::string& at) {
            const std::string& text = a.text();
            if (text == "*" || text.find(':') != std::string::npos ||
                text.find("${") != std::string::npos)
                return;
            report(a.mark(), at,
                   "action '" + text + "' has no service prefix (s3:GetObject, not GetObject)",
                   branch);
        });
    }

    void resources(const Node* v, const std::string& path, bool branch) {
        each_string(v, path, [&](const Node& r, const std::string& at) {
            const std::string& text = r.text();
            if (text == "*" || text.starts_with("arn:") || text.find("${") != std::string::npos)
                return;
            report(r.mark(), at,
                   "resource '" + text +
                       "' is neither '*' nor an ARN (a bucket is "
                       "arn:aws:s3:::NAME, its objects arn:aws:s3:::NAME/*)",
                   branch);
        });
    }

    void principals(const Node* v, const std::string& path, bool branch) {
        if (v == nullptr) return;
        const PossibleValues pv = possible_values(*v);
        for (const Node* p : pv.values) {
            if (p == nullptr) continue;
            if (p->is_scalar() && p->text() != "*") {
                report(p->mark(), path,
                       "a Principal written as a string must be '*'; name principals as "
                       "{AWS: ARN}, {Service: NAME}, {Federated: ...} or {CanonicalUser: ID}",
                       branch);
            } else if (is_literal_mapping(*p)) {
                for (const Entry& e : p->entries()) {
                    if (e.key == "AWS" || e.key == "Service" || e.key == "Federated" ||
                        e.key == "CanonicalUser")
                        continue;
                    report(
                        e.key_mark, path + "/" + e.key,
                        "'" + e.key + "' is not a kind of principal" +
                            did_you_mean(e.key, {"AWS", "Service", "Federated", "CanonicalUser"}) +
                            " (AWS, Service, Federated or CanonicalUser)",
                        branch);
                }
            }
        }
    }

    void report(Mark mark, const std::string& path, std::string message, bool branch) {
        std::string owner = "policy of '" + std::string(doc_.resource->id) + "' (" +
                            std::string(doc_.resource->type_name) + ")";
        if (stack_.sam && stack_.tmpl) {
            // A policy of the role SAM makes for a function or state machine.
            const std::string_view source = stack_.sam->source_of(doc_.resource->id);
            const Resource* s =
                source != doc_.resource->id ? stack_.tmpl->find_resource(source) : nullptr;
            if (s != nullptr)
                owner = "policy in the role SAM makes for " + std::string(s->type_name) + " '" +
                        std::string(s->id) + "' (from its Policies)";
        }
        std::string text = owner + ": " + std::move(message) + "; AWS rejects the document";
        if (branch) text += " (in one branch of Fn::If)";
        out_.add(stack_, Report{.mark = mark,
                                .message = std::move(text),
                                .resource = doc_.resource->id,
                                .path = path});
    }

    const Stack& stack_;
    const PolicyDocument& doc_;
    Reporter& out_;
};

class InvalidPolicyDocument final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        // The deployed form: SAM functions' inline policies are judged in the role SAM makes.
        for (const PolicyDocument& doc : policy_documents(stack.deployed())) {
            Checker checker(stack, doc, out);
            checker.document(*doc.document, doc.path, false);
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidPolicyDocument)
}  // namespace stacklint
