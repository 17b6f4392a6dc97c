// P031: an AWS access key, a secret access key or a private key written in a template.
#include <optional>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "lint/rule.hpp"
#include "literals.hpp"
#include "load/scalar_position.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "P031",
    .name = "literal-aws-secret",
    .pack = "security",
    .severity = Severity::Error,
    .summary = "An AWS access key, secret access key or private key is written in the template",
    .doc = R"md(### What it finds
Credentials written as text anywhere in a template file — properties, `Metadata` (such as
`AWS::CloudFormation::Init` files), `Parameters` defaults, `Mappings`, `Outputs`, SAM
`Globals`:

- an AWS access key id: `AKIA` (long-term) or `ASIA` (temporary) followed by 16 characters of
  the key alphabet (A-Z, 2-7). AWS's documentation examples, which end in `EXAMPLE`
  (`AKIAIOSFODNN7EXAMPLE`), are not reported;
- a secret access key: 40 characters under a key named like `SecretAccessKey` or
  `aws_secret_access_key`, or after `aws_secret_access_key =` in a file or script;
- a private key block: `-----BEGIN ... PRIVATE KEY-----` (RSA, EC, DSA, OpenSSH, encrypted,
  PGP).

Values from parameters, dynamic references and functions are not judged.

### Why it matters
A template lives in version control, CI logs, the CloudFormation console and every copy of
the stack's template: whoever can read any of them can use the key. Leaked access keys are
harvested from public repositories within minutes. Once written, the key must be treated as
compromised: deactivate and rotate it. See the IAM User Guide, "Manage access keys for IAM
users" and "Security best practices in IAM" (use temporary credentials: roles).

### Bad
```yaml
UserData:
  Fn::Base64: |
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIA2OGYBAH6RBMNJW6Q
```

### Good
```yaml
# The instance gets temporary credentials from its role; no key in the template.
IamInstanceProfile: !Ref WorkerProfile
```

### Fix
Remove the credential, rotate it in IAM, and give the workload a role (an instance profile,
an execution role). A secret that must be passed goes through Secrets Manager or Parameter
Store with a dynamic reference: `{{resolve:secretsmanager:name:SecretString:key}}`.
)md"};

// Cheap tests before the expressions: most strings hold none of these.
bool may_hold_credential(std::string_view text) {
    return text.size() >= 20 && (text.find("AKIA") != std::string_view::npos ||
                                 text.find("ASIA") != std::string_view::npos ||
                                 text.find("PRIVATE KEY") != std::string_view::npos ||
                                 text.find("ecret") != std::string_view::npos ||
                                 text.find("ECRET") != std::string_view::npos);
}

class LiteralAwsSecret final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        security::for_each_literal(*stack.tmpl, [&](const security::Literal& l) {
            const std::string_view text = l.value.text();
            if (!secret_key_name(l.key) && !may_hold_credential(text)) return;
            std::string_view what;
            std::size_t offset = 0;
            std::string_view found;
            if (find(text, *access_key_, offset, found)) {
                what = "an AWS access key id";
            } else if (find(text, *private_key_, offset, found)) {
                what = "a private key";
            } else if ((secret_key_name(l.key) && RE2::FullMatch(text, *secret_value_)) ||
                       find(text, *secret_assignment_, offset, found)) {
                // Under a key named for it, or after `aws_secret_access_key =` in a text.
                what = "an AWS secret access key";
            } else {
                return;
            }
            Mark mark = l.value.mark();
            if (stack.doc.source && !found.empty()) {
                ScalarLocator locate(*stack.doc.source, l.value);
                mark = locate.at(offset, found);
            }
            std::string msg(what);
            msg.append(" is written in the template (")
                .append(l.path)
                .append(
                    "): anyone who can read the template can use it; rotate it, and use a role "
                    "or a dynamic reference ({{resolve:secretsmanager:...}}) instead");
            out.add(stack, {mark, std::move(msg), l.resource, l.path});
        });
    }

  private:
    // The first match of `re`'s first group: its offset in `text` and its text.
    static bool find(std::string_view text, const RE2& re, std::size_t& offset,
                     std::string_view& found) {
        re2::StringPiece input(text.data(), text.size());
        re2::StringPiece piece;
        while (RE2::FindAndConsume(&input, re, &piece)) {
            const std::string_view group(piece.data(), piece.size());
            // AWS's documentation examples (AKIAIOSFODNN7EXAMPLE) are no one's key.
            if (group.ends_with("EXAMPLE") || group.find("EXAMPLEKEY") != std::string_view::npos)
                continue;
            offset = static_cast<std::size_t>(group.data() - text.data());
            found = group;
            return true;
        }
        return false;
    }
    static bool secret_key_name(std::string_view key) {
        return security::folded_key(key).ends_with("secretaccesskey");
    }

    // Key ids use the base32 alphabet; a longer run of capitals is something else.
    std::unique_ptr<RE2> access_key_ =
        std::make_unique<RE2>("(?:^|[^A-Z0-9])((?:AKIA|ASIA)[A-Z2-7]{16})(?:[^A-Z0-9]|$)");
    std::unique_ptr<RE2> private_key_ = std::make_unique<RE2>(
        "(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)");
    std::unique_ptr<RE2> secret_value_ = std::make_unique<RE2>("[A-Za-z0-9/+]{40}");
    std::unique_ptr<RE2> secret_assignment_ = std::make_unique<RE2>(
        "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/"
        "+]|$)");
};

}  // namespace
STACKLINT_REGISTER_RULE(LiteralAwsSecret)
}  // namespace stacklint
