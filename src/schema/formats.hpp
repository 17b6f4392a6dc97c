// Value formats: what the schemas' `format` names mean (docs/formats.md), how a literal value
// is checked against one, and which formats `Ref` and `Fn::GetAtt` results have.
//
// Only the formats defined here are checked; any other `format` in the data is ignored. Each
// definition follows AWS's documentation of the identifier or name, and is lenient where AWS
// is (a KMS key id property takes key ids, key ARNs, alias names and alias ARNs alike).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stacklint::schema {

struct FormatInfo {
    std::string_view name;   // as in the schemas: "AWS::EC2::SecurityGroup.Id", "ipv4-network"
    std::string_view words;  // "a security group id (sg-...)"
    // "AWS::EC2::SecurityGroup" for the resource formats (what the value identifies), empty
    // for the others; `kind` is "Id", "Name", "Arn"...
    std::string_view family;
    std::string_view kind;
    // "AWS::EC2::SecurityGroup.Ids": the format of a list whose items have format `item`.
    std::string_view item;
};

// The format stacklint defines under that name, or nullptr.
const FormatInfo* find_format(std::string_view name);

enum class FormatVerdict { Ok, Invalid, HostBits };

struct FormatCheck {
    FormatVerdict verdict = FormatVerdict::Ok;
    // For HostBits: the network the value means ("0.0.0.0/0"); for Invalid, what is wrong
    // when it can be said more precisely than "not <words>".
    std::string detail;
};

// Checks a literal string against a format. List formats are not checked here (their items
// have the item format).
FormatCheck check_format(const FormatInfo& format, std::string_view value);

// Whether a value of format `source` may be given where `destination` is expected. Both are
// format names; formats stacklint does not define are compatible with everything. A mismatch
// is only claimed between formats of one family (a security group's name where its id is
// expected, a role's name where its ARN is), where the data is certain.
bool formats_compatible(std::string_view source, std::string_view destination);

// What `Ref` to a resource of `type` returns, as a format, from AWS's documentation, for the
// types whose schema does not tell (the primary identifier has no format); empty otherwise.
std::string_view documented_ref_format(std::string_view type);

// The format of what `Ref` to a parameter of AWS-specific type `type` gives
// ("AWS::EC2::SecurityGroup::Id" -> "AWS::EC2::SecurityGroup.Id"); empty when none.
std::string_view parameter_format(std::string_view type);

}  // namespace stacklint::schema
