// P032: a password, token or other secret given as literal text instead of a reference.
#include <array>
#include <string>
#include <string_view>

#include "lint/rule.hpp"
#include "literals.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "P032",
    .name = "literal-password-property",
    .pack = "security",
    .severity = Severity::Warning,
    .summary = "A password, token or secret is written in the template as literal text",
    .doc = R"md(### What it finds
A property or an environment variable whose name says it holds a secret — ending in
`Password`, `Passwd`, `Passphrase`, `Secret`, `SecretKey`, `ClientSecret`, `SecretString`,
`ApiKey`, `Token`, `AuthToken`, `AccessToken` or `PrivateKey`, in any case and with any
separators (`MasterUserPassword`, `DB_PASSWORD`, `github-token`) — whose value is literal
text in the template: in a resource's `Properties` (environment variables included) or in
a SAM template's `Globals`.

Not reported: values from parameters, functions and dynamic references
(`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`); booleans
(`GenerateSecret: true`); empty strings; values that name where a secret is rather than
being one (an ARN, a `/parameter/path`, a Step Functions path such as `token.$: $.token`);
Cognito's token validity settings. Names that end in something else — `PasswordLength`,
`SecretArn`, `TokenValidity`, `ApiKeyRequired` — are not secrets. Credentials with a
recognisable format are P031's, at error severity.

### Why it matters
A secret in the template is in version control, CI logs, the CloudFormation console
(`GetTemplate`) and, for environment variables, in the Lambda console and every
`GetFunctionConfiguration` answer: far more people and systems can read it than should. It
is also hard to rotate, because rotating means a code change. See the AWS CloudFormation User
Guide, "Get values stored in other services using dynamic references", and "Security best
practices for AWS CloudFormation" (do not embed credentials in your templates).

### Bad
```yaml
Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    MasterUsername: app
    MasterUserPassword: correct-horse-battery
```

### Good
```yaml
Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    MasterUsername: app
    ManageMasterUserPassword: true   # or a dynamic reference:
    # MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
```

### Fix
Keep the secret in Secrets Manager (generated with `GenerateSecretString`, or managed by
the service: `ManageMasterUserPassword`) or in a SecureString parameter, and pass it with a
dynamic reference; for a function, pass the secret's name and read it at run time.
)md"};

// Endings of folded keys (letters and digits, lower case) that name a secret itself.
constexpr std::array<std::string_view, 13> kSecretEndings = {
    "password",  "passwd",      "passphrase", "secret",       "secretkey",    "apikey",  "token",
    "authtoken", "accesstoken", "privatekey", "secretstring", "clientsecret", "apitoken"};

bool names_a_secret(std::string_view key) {
    const std::string folded = security::folded_key(key);
    for (const std::string_view ending : kSecretEndings)
        if (folded.ends_with(ending)) return true;
    return false;
}

bool is_boolean(std::string_view text) {
    return text == "true" || text == "false" || text == "True" || text == "False" ||
           text == "TRUE" || text == "FALSE";
}

// A value that says where a secret is kept, not the secret: an ARN, a parameter path, a
// dynamic reference, or a Step Functions path (`$.token`) that the state's input fills.
bool names_a_location(std::string_view text) {
    return text.starts_with("arn:") || text.starts_with("/") || text.starts_with("$.") ||
           text.starts_with("$$.") || text.find("{{resolve:") != std::string_view::npos;
}

bool in_properties(const std::string& path) {
    if (path.starts_with("Globals/")) return true;
    if (!path.starts_with("Resources/")) return false;
    const std::size_t id_end = path.find('/', std::string_view("Resources/").size());
    return id_end != std::string::npos &&
           std::string_view(path).substr(id_end).starts_with("/Properties/");
}

class LiteralPasswordProperty final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl) return;
        security::for_each_literal(*stack.tmpl, [&](const security::Literal& l) {
            const std::string_view text = l.value.text();
            if (text.empty() || is_boolean(text) || names_a_location(text)) return;
            // `token.$` is a Step Functions path; `TokenValidityUnits/AccessToken` a unit.
            if (l.key.ends_with(".$") || l.path.find("Validity") != std::string::npos) return;
            if (!names_a_secret(l.key) || !in_properties(l.path)) return;
            std::string msg = "'";
            msg.append(l.key)
                .append("' is given as literal text (")
                .append(l.path)
                .append(
                    "): everyone who can read the template or the stack can read it; keep it "
                    "in Secrets Manager or a SecureString parameter and pass it with a dynamic "
                    "reference ({{resolve:secretsmanager:...}})");
            out.add(stack, {l.value.mark(), std::move(msg), l.resource, l.path});
        });
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(LiteralPasswordProperty)
}  // namespace stacklint
