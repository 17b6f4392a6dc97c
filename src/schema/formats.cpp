#include "schema/formats.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace stacklint::schema {

namespace {

constexpr std::array<FormatInfo, 27> kFormats = {{
    {"ipv4-network", "an IPv4 network in CIDR notation (10.0.0.0/16)", "", "", ""},
    {"ipv6-network", "an IPv6 network in CIDR notation (2001:db8::/32)", "", "", ""},
    {"date-time", "a date and time (2024-05-01T12:00:00Z)", "", "", ""},
    {"json", "a JSON document", "", "", ""},
    {"AWS::EC2::SecurityGroup.Id", "a security group id (sg-...)", "AWS::EC2::SecurityGroup", "Id",
     ""},
    {"AWS::EC2::SecurityGroup.Ids", "a list of security group ids", "AWS::EC2::SecurityGroup",
     "Ids", "AWS::EC2::SecurityGroup.Id"},
    {"AWS::EC2::SecurityGroup.Name", "a security group name", "AWS::EC2::SecurityGroup", "Name",
     ""},
    {"AWS::EC2::SecurityGroup.Names", "a list of security group names", "AWS::EC2::SecurityGroup",
     "Names", "AWS::EC2::SecurityGroup.Name"},
    {"AWS::EC2::Subnet.Id", "a subnet id (subnet-...)", "AWS::EC2::Subnet", "Id", ""},
    {"AWS::EC2::Subnet.Ids", "a list of subnet ids", "AWS::EC2::Subnet", "Ids",
     "AWS::EC2::Subnet.Id"},
    {"AWS::EC2::VPC.Id", "a VPC id (vpc-...)", "AWS::EC2::VPC", "Id", ""},
    {"AWS::EC2::Image.Id", "an AMI id (ami-...) or resolve:ssm:PARAMETER", "AWS::EC2::Image", "Id",
     ""},
    {"AWS::KMS::Key.Arn", "a KMS key or alias ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)",
     "AWS::KMS::Key", "Arn", ""},
    {"AWS::KMS::Key.Id", "a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab)", "AWS::KMS::Key",
     "Id", ""},
    {"AWS::KMS::Alias.AliasName", "a KMS alias name (alias/NAME)", "AWS::KMS::Alias", "AliasName",
     ""},
    {"AWS::IAM::Role.Arn", "an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", "AWS::IAM::Role",
     "Arn", ""},
    {"AWS::IAM::Role.Name", "an IAM role name", "AWS::IAM::Role", "Name", ""},
    {"AWS::S3::Bucket.Name", "an S3 bucket name", "AWS::S3::Bucket", "Name", ""},
    {"AWS::S3::Bucket.Arn", "an S3 bucket ARN", "AWS::S3::Bucket", "Arn", ""},
    {"AWS::Lambda::Function.Arn",
     "a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)", "AWS::Lambda::Function",
     "Arn", ""},
    {"AWS::Lambda::Function.Name", "a Lambda function name", "AWS::Lambda::Function", "Name", ""},
    {"AWS::SNS::Topic.Arn", "an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)", "AWS::SNS::Topic",
     "Arn", ""},
    {"AWS::SQS::Queue.Arn", "an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME)", "AWS::SQS::Queue",
     "Arn", ""},
    {"AWS::SQS::Queue.Url", "an SQS queue URL", "AWS::SQS::Queue", "Url", ""},
    {"AWS::Logs::LogGroup.Name", "a log group name", "AWS::Logs::LogGroup", "Name", ""},
    {"AWS::Logs::LogGroup.Arn", "a log group ARN", "AWS::Logs::LogGroup", "Arn", ""},
    {"AWS::ACM::Certificate.Arn",
     "an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)", "AWS::ACM::Certificate",
     "Arn", ""},
}};

bool is_hex(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

bool is_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `prefix-` and 8 or 17 lower-case hex digits: the EC2 resource id forms.
bool is_ec2_id(std::string_view value, std::string_view prefix) {
    if (!value.starts_with(prefix) || value.size() <= prefix.size() || value[prefix.size()] != '-')
        return false;
    const std::string_view hex = value.substr(prefix.size() + 1);
    return (hex.size() == 8 || hex.size() == 17) && is_hex(hex);
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s.substr(i, 1))) return false;
    }
    return true;
}

struct Arn {
    std::string_view partition, service, region, account, resource;
};

// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, in one of AWS's partitions.
std::optional<Arn> parse_arn(std::string_view s) {
    if (!s.starts_with("arn:")) return std::nullopt;
    s.remove_prefix(4);
    std::array<std::string_view, 4> parts;
    for (std::string_view& part : parts) {
        const std::size_t colon = s.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        part = s.substr(0, colon);
        s.remove_prefix(colon + 1);
    }
    const Arn arn{parts[0], parts[1], parts[2], parts[3], s};
    if (!(arn.partition == "aws" || arn.partition.starts_with("aws-"))) return std::nullopt;
    return arn;
}

bool is_region(std::string_view s) {
    // us-east-1, eu-isoe-west-1, us-gov-west-1: lower-case words joined by '-', then a number.
    const std::size_t dash = s.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || !is_digits(s.substr(dash + 1))) return false;
    return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(dash),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

bool is_account(std::string_view s) {
    return s.size() == 12 && is_digits(s);
}

bool regional_arn(std::string_view value, std::string_view service,
                  std::string_view resource_prefix) {
    const std::optional<Arn> arn = parse_arn(value);
    return arn && arn->service == service && is_region(arn->region) && is_account(arn->account) &&
           arn->resource.size() > resource_prefix.size() &&
           arn->resource.starts_with(resource_prefix);
}

bool is_kms_key_arn(std::string_view value) {
    return regional_arn(value, "kms", "key/") || regional_arn(value, "kms", "alias/");
}

bool is_alias_name(std::string_view value) {
    if (!value.starts_with("alias/") || value.size() == 6) return false;
    return std::all_of(value.begin() + 6, value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '/' || c == '_' || c == '-' || c == ':';
    });
}

bool is_kms_key_id(std::string_view value) {
    return is_uuid(value) ||
           (value.starts_with("mrk-") && value.size() == 36 && is_hex(value.substr(4)));
}

std::optional<std::pair<std::string, int>> split_cidr(std::string_view value, int max_prefix) {
    const std::size_t slash = value.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view prefix = value.substr(slash + 1);
    if (!is_digits(prefix) || prefix.size() > 3 || (prefix.size() > 1 && prefix[0] == '0'))
        return std::nullopt;
    const int bits = std::stoi(std::string(prefix));
    if (bits > max_prefix) return std::nullopt;
    return std::make_pair(std::string(value.substr(0, slash)), bits);
}

FormatCheck check_network(std::string_view value, bool v6) {
    const auto cidr = split_cidr(value, v6 ? 128 : 32);
    if (!cidr) return {FormatVerdict::Invalid, {}};
    std::array<unsigned char, 16> address{};
    if (inet_pton(v6 ? AF_INET6 : AF_INET, cidr->first.c_str(), address.data()) != 1)
        return {FormatVerdict::Invalid, {}};
    const std::size_t bytes = v6 ? 16 : 4;
    bool host_bits = false;
    for (std::size_t i = 0; i < bytes; ++i) {
        const int bit_start = static_cast<int>(i) * 8;
        const int keep = std::clamp(cidr->second - bit_start, 0, 8);
        const auto mask = static_cast<unsigned char>(keep == 0 ? 0 : 0xFF << (8 - keep));
        if ((address[i] & ~mask & 0xFF) != 0) host_bits = true;
        address[i] &= mask;
    }
    if (!host_bits) return {};
    std::array<char, INET6_ADDRSTRLEN> text{};
    inet_ntop(v6 ? AF_INET6 : AF_INET, address.data(), text.data(), text.size());
    return {FormatVerdict::HostBits, std::string(text.data()) + "/" + std::to_string(cidr->second)};
}

// ISO 8601 as AWS services take it: a date, optionally a time (T or a space), seconds and
// fractions, and an offset. Seconds since the epoch (digits only) are accepted as well.
bool is_date_time(std::string_view s) {
    if (is_digits(s)) return true;
    const auto digits = [&](std::size_t at, std::size_t n) {
        return at + n <= s.size() && is_digits(s.substr(at, n));
    };
    const auto number = [&](std::size_t at, std::size_t n) {
        return std::stoi(std::string(s.substr(at, n)));
    };
    if (!(digits(0, 4) && s.size() >= 10 && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
          digits(8, 2)))
        return false;
    const int month = number(5, 2);
    const int day = number(8, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    if (s.size() == 10) return true;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return false;
    std::size_t i = 11;
    if (!digits(i, 2) || i + 2 >= s.size() || s[i + 2] != ':' || !digits(i + 3, 2)) return false;
    if (number(i, 2) > 24 || number(i + 3, 2) > 59) return false;
    i += 5;
    if (i < s.size() && s[i] == ':') {
        if (!digits(i + 1, 2) || number(i + 1, 2) > 60) return false;
        i += 3;
        if (i < s.size() && s[i] == '.') {
            ++i;
            const std::size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9')
                ++i;
            if (i == start) return false;
        }
    }
    if (i == s.size()) return true;
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return true;
    if (s[i] != '+' && s[i] != '-') return false;
    return (s.size() == i + 6 && digits(i + 1, 2) && s[i + 3] == ':' && digits(i + 4, 2)) ||
           (s.size() == i + 5 && digits(i + 1, 4)) || (s.size() == i + 3 && digits(i + 1, 2));
}

bool is_s3_bucket_name(std::string_view s) {
    // Lenient: buckets made in us-east-1 before 2018 may have capitals and underscores and up to
    // 255 characters. A URL, a path or an ARN is never a bucket name.
    if (s.size() < 3 || s.size() > 255) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_';
    });
}

bool is_log_group_name(std::string_view s) {
    if (s.empty() || s.size() > 512) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_' || c == '/' || c == '#';
    });
}

FormatCheck verdict(bool ok) {
    return ok ? FormatCheck{} : FormatCheck{FormatVerdict::Invalid, {}};
}

}  // namespace

const FormatInfo* find_format(std::string_view name) {
    const auto it = std::find_if(kFormats.begin(), kFormats.end(),
                                 [&](const FormatInfo& f) { return f.name == name; });
    return it == kFormats.end() ? nullptr : &*it;
}

// The definitions follow AWS's documentation (docs/formats.md lists the pages): VPC user guide
// "VPC CIDR blocks" (networks); EC2 user guide "Resource IDs" (sg-, subnet-, vpc-, ami- ids)
// and "Use Systems Manager parameters for AMIs" (resolve:ssm:); KMS developer guide "Key
// identifiers" (key ids, mrk- ids, key and alias ARNs, alias names); IAM user guide "IAM
// identifiers" and "Amazon Resource Names" (ARNs); S3 user guide "Bucket naming rules";
// CloudWatch Logs API "CreateLogGroup" (log group names).
FormatCheck check_format(const FormatInfo& format, std::string_view value) {
    const std::string_view name = format.name;
    if (!format.item.empty()) return {};
    if (name == "ipv4-network") return check_network(value, false);
    if (name == "ipv6-network") return check_network(value, true);
    if (name == "date-time") return verdict(is_date_time(value));
    if (name == "json") {
        return verdict(nlohmann::json::accept(value.begin(), value.end()));
    }
    if (name == "AWS::EC2::SecurityGroup.Id") return verdict(is_ec2_id(value, "sg"));
    if (name == "AWS::EC2::SecurityGroup.Name")
        return verdict(!value.empty() && value.size() <= 255);
    if (name == "AWS::EC2::Subnet.Id") return verdict(is_ec2_id(value, "subnet"));
    if (name == "AWS::EC2::VPC.Id") return verdict(is_ec2_id(value, "vpc"));
    if (name == "AWS::EC2::Image.Id")
        return verdict(is_ec2_id(value, "ami") ||
                       (value.starts_with("resolve:ssm:") && value.size() > 12));
    if (name == "AWS::KMS::Key.Arn") return verdict(is_kms_key_arn(value));
    if (name == "AWS::KMS::Key.Id")
        return verdict(is_kms_key_id(value) || is_kms_key_arn(value) || is_alias_name(value));
    if (name == "AWS::KMS::Alias.AliasName") return verdict(is_alias_name(value));
    if (name == "AWS::IAM::Role.Arn") {
        const std::optional<Arn> arn = parse_arn(value);
        return verdict(arn && arn->service == "iam" && arn->region.empty() &&
                       is_account(arn->account) && arn->resource.starts_with("role/") &&
                       arn->resource.size() > 5);
    }
    if (name == "AWS::IAM::Role.Name") return verdict(!value.empty() && value.size() <= 64);
    if (name == "AWS::S3::Bucket.Name") return verdict(is_s3_bucket_name(value));
    if (name == "AWS::S3::Bucket.Arn") {
        const std::optional<Arn> arn = parse_arn(value);
        return verdict(arn && arn->service == "s3" && !arn->resource.empty());
    }
    if (name == "AWS::Lambda::Function.Arn")
        return verdict(regional_arn(value, "lambda", "function:"));
    if (name == "AWS::Lambda::Function.Name") return verdict(!value.empty());
    if (name == "AWS::SNS::Topic.Arn") return verdict(regional_arn(value, "sns", ""));
    if (name == "AWS::SQS::Queue.Arn") return verdict(regional_arn(value, "sqs", ""));
    if (name == "AWS::SQS::Queue.Url") return verdict(value.starts_with("https://"));
    if (name == "AWS::Logs::LogGroup.Name") return verdict(is_log_group_name(value));
    if (name == "AWS::Logs::LogGroup.Arn")
        return verdict(regional_arn(value, "logs", "log-group:"));
    if (name == "AWS::ACM::Certificate.Arn")
        return verdict(regional_arn(value, "acm", "certificate/"));
    return {};
}

bool formats_compatible(std::string_view source, std::string_view destination) {
    if (source == destination) return true;
    const FormatInfo* s = find_format(source);
    const FormatInfo* d = find_format(destination);
    if (s == nullptr || d == nullptr || s->family.empty() || s->family != d->family) return true;
    // One value where a list is expected, or the reverse, is a question of shape (S005).
    if (s->item == destination || d->item == source) return true;
    // One family, different kinds. Where AWS takes more than the format's name says:
    // a KMS key id property takes key ARNs too; in a default VPC, a security group name
    // property takes ids as well.
    if (d->name == "AWS::KMS::Key.Id") return true;
    if (d->kind == "Name" && s->kind == "Id" && s->family == "AWS::EC2::SecurityGroup") return true;
    if (d->kind == "Names" && s->kind == "Ids" && s->family == "AWS::EC2::SecurityGroup")
        return true;
    return false;
}

std::string_view documented_ref_format(std::string_view type) {
    // What Ref returns, per each type's "Return values" documentation, where the schema's
    // primary identifier carries no format.
    if (type == "AWS::IAM::Role") return "AWS::IAM::Role.Name";
    if (type == "AWS::Lambda::Function") return "AWS::Lambda::Function.Name";
    if (type == "AWS::SQS::Queue") return "AWS::SQS::Queue.Url";
    return {};
}

std::string_view parameter_format(std::string_view type) {
    if (type == "AWS::EC2::SecurityGroup::Id") return "AWS::EC2::SecurityGroup.Id";
    if (type == "AWS::EC2::SecurityGroup::GroupName") return "AWS::EC2::SecurityGroup.Name";
    if (type == "AWS::EC2::Subnet::Id") return "AWS::EC2::Subnet.Id";
    if (type == "AWS::EC2::VPC::Id") return "AWS::EC2::VPC.Id";
    if (type == "AWS::EC2::Image::Id") return "AWS::EC2::Image.Id";
    if (type == "List<AWS::EC2::SecurityGroup::Id>") return "AWS::EC2::SecurityGroup.Ids";
    if (type == "List<AWS::EC2::SecurityGroup::GroupName>") return "AWS::EC2::SecurityGroup.Names";
    if (type == "List<AWS::EC2::Subnet::Id>") return "AWS::EC2::Subnet.Ids";
    return {};
}

}  // namespace stacklint::schema
