// S015: a CIDR block has host bits set, so it is not the network it seems to be.
#include "lint/rule.hpp"
#include "lint/schema_check.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "S015",
    .name = "cidr-host-bits-set",
    .pack = "schema",
    .severity = Severity::Error,
    .summary = "A CIDR block has host bits set: it is not the network it seems to be",
    .doc = R"md(### What it finds
An IPv4 or IPv6 block in CIDR notation, in a property that takes a network, whose address has
bits set beyond its prefix length: `192.168.1.0/0`, `10.0.1.0/23`. The message names the
network the prefix really describes (`0.0.0.0/0`, `10.0.0.0/23`).

### Why it matters
Such a block is always a typo in the address or in the prefix length. VPCs, subnets and routes
reject it and the deployment fails; security group rules widen it to the network its prefix
names, so `192.168.1.0/0` on an SSH rule opens port 22 to every address on the internet.

### Bad
```yaml
SshIngress:
  Type: AWS::EC2::SecurityGroupIngress
  Properties:
    GroupId: !Ref Group
    IpProtocol: tcp
    FromPort: 22
    ToPort: 22
    CidrIp: 192.168.1.0/0
```

### Good
```yaml
    CidrIp: 192.168.1.0/24
```
)md"};

class CidrHostBitsSet final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext& ctx, Reporter& out) const override {
        report_violations(stack, ctx, schema::Issue::HostBits, out);
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(CidrHostBitsSet)
}  // namespace stacklint
