// Value formats (src/schema/formats): what each accepts and rejects, and which formats may
// stand in for which.
#include <catch2/catch.hpp>

#include <string_view>

#include "schema/formats.hpp"

using namespace stacklint::schema;

namespace {

FormatVerdict verdict(std::string_view format, std::string_view value) {
    const FormatInfo* info = find_format(format);
    REQUIRE(info != nullptr);
    return check_format(*info, value).verdict;
}

bool ok(std::string_view format, std::string_view value) {
    return verdict(format, value) == FormatVerdict::Ok;
}

}  // namespace

TEST_CASE("Formats: networks in CIDR notation", "[schema][formats]") {
    CHECK(ok("ipv4-network", "10.0.0.0/16"));
    CHECK(ok("ipv4-network", "0.0.0.0/0"));
    CHECK(ok("ipv4-network", "192.168.1.7/32"));
    CHECK_FALSE(ok("ipv4-network", "10.0.0.0"));      // no prefix length
    CHECK_FALSE(ok("ipv4-network", "10.0.0.0/33"));   // prefix too long
    CHECK_FALSE(ok("ipv4-network", "10.0.0/8"));      // three octets
    CHECK_FALSE(ok("ipv4-network", "256.0.0.0/8"));   // octet out of range
    CHECK_FALSE(ok("ipv4-network", "10.0.0.0/08"));   // leading zero
    CHECK_FALSE(ok("ipv4-network", "10.0.0.0/16 "));  // trailing blank
    CHECK(verdict("ipv4-network", "192.168.1.0/0") == FormatVerdict::HostBits);
    const FormatCheck host = check_format(*find_format("ipv4-network"), "10.0.1.0/23");
    CHECK(host.verdict == FormatVerdict::HostBits);
    CHECK(host.detail == "10.0.0.0/23");
    CHECK(ok("ipv6-network", "2001:db8::/32"));
    CHECK(ok("ipv6-network", "::/0"));
    CHECK_FALSE(ok("ipv6-network", "2001:db8::/129"));
    CHECK_FALSE(ok("ipv6-network", "10.0.0.0/8"));
    const FormatCheck v6 = check_format(*find_format("ipv6-network"), "2001:db8::1/64");
    CHECK(v6.verdict == FormatVerdict::HostBits);
    CHECK(v6.detail == "2001:db8::/64");
}

TEST_CASE("Formats: EC2 ids and names", "[schema][formats]") {
    CHECK(ok("AWS::EC2::SecurityGroup.Id", "sg-0123abcd"));
    CHECK(ok("AWS::EC2::SecurityGroup.Id", "sg-0123456789abcdef0"));
    CHECK_FALSE(ok("AWS::EC2::SecurityGroup.Id", "sg-0123"));
    CHECK_FALSE(ok("AWS::EC2::SecurityGroup.Id", "sg-0123456789ABCDEF0"));
    CHECK_FALSE(ok("AWS::EC2::SecurityGroup.Id", "web-servers"));
    CHECK(ok("AWS::EC2::SecurityGroup.Name", "web-servers"));
    CHECK(ok("AWS::EC2::Subnet.Id", "subnet-0123456789abcdef0"));
    CHECK_FALSE(ok("AWS::EC2::Subnet.Id", "sg-0123456789abcdef0"));
    CHECK(ok("AWS::EC2::VPC.Id", "vpc-0123abcd"));
    CHECK(ok("AWS::EC2::Image.Id", "ami-0123456789abcdef0"));
    CHECK(ok("AWS::EC2::Image.Id", "resolve:ssm:/aws/service/ami-amazon-linux-latest/x"));
    CHECK_FALSE(ok("AWS::EC2::Image.Id", "ami-123"));
}

TEST_CASE("Formats: KMS keys, ARNs, names", "[schema][formats]") {
    CHECK(ok("AWS::KMS::Key.Id", "1234abcd-12ab-34cd-56ef-1234567890ab"));
    CHECK(ok("AWS::KMS::Key.Id", "mrk-1234abcd12ab34cd56ef1234567890ab"));
    CHECK(ok("AWS::KMS::Key.Id", "alias/aws/s3"));  // a key id property takes all forms
    CHECK(ok("AWS::KMS::Key.Id", "arn:aws:kms:us-east-1:111122223333:key/1234"));
    CHECK_FALSE(ok("AWS::KMS::Key.Id", "aws/sns"));
    CHECK(ok("AWS::KMS::Key.Arn", "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234"));
    CHECK(ok("AWS::KMS::Key.Arn", "arn:aws:kms:eu-west-1:111122223333:alias/app"));
    CHECK_FALSE(ok("AWS::KMS::Key.Arn", "arn:aws:kms:eu-west-1:1111:key/1234"));  // account
    CHECK_FALSE(ok("AWS::KMS::Key.Arn", "arn:aws:sns:eu-west-1:111122223333:key/1234"));
    CHECK_FALSE(ok("AWS::KMS::Key.Arn", "arn:other:kms:eu-west-1:111122223333:key/1234"));
    CHECK(ok("AWS::KMS::Alias.AliasName", "alias/aws/sns"));
    CHECK_FALSE(ok("AWS::KMS::Alias.AliasName", "alias/"));
    CHECK(ok("AWS::IAM::Role.Arn", "arn:aws:iam::111122223333:role/service/app"));
    CHECK_FALSE(ok("AWS::IAM::Role.Arn", "arn:aws:iam:us-east-1:111122223333:role/app"));
    CHECK_FALSE(ok("AWS::IAM::Role.Arn", "arn:aws:iam::111122223333:user/app"));
    CHECK(ok("AWS::Lambda::Function.Arn", "arn:aws:lambda:us-east-1:111122223333:function:f:3"));
    CHECK_FALSE(ok("AWS::Lambda::Function.Arn", "arn:aws:lambda:us-east-1:111122223333:layer:l"));
    CHECK(ok("AWS::SNS::Topic.Arn", "arn:aws:sns:us-east-1:111122223333:alerts"));
    CHECK(ok("AWS::SQS::Queue.Arn", "arn:aws:sqs:us-east-1:111122223333:jobs.fifo"));
    CHECK(ok("AWS::ACM::Certificate.Arn",
             "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234"));
    CHECK(ok("AWS::S3::Bucket.Name", "my.bucket-1"));
    CHECK(ok("AWS::S3::Bucket.Name", "Legacy_Bucket"));  // pre-2018 us-east-1 names
    CHECK_FALSE(ok("AWS::S3::Bucket.Name", "arn:aws:s3:::my-bucket"));
    CHECK_FALSE(ok("AWS::S3::Bucket.Name", "s3://my-bucket"));
    CHECK_FALSE(ok("AWS::S3::Bucket.Name", "my-bucket/prefix"));
    CHECK(ok("AWS::Logs::LogGroup.Name", "/aws/lambda/app#1"));
    CHECK_FALSE(ok("AWS::Logs::LogGroup.Name", "arn:aws:logs:us-east-1:111122223333:log-group:x"));
}

TEST_CASE("Formats: dates and JSON", "[schema][formats]") {
    CHECK(ok("date-time", "2024-05-01"));
    CHECK(ok("date-time", "2024-05-01T12:00:00Z"));
    CHECK(ok("date-time", "2024-05-01T12:00:00.250+02:00"));
    CHECK(ok("date-time", "2024-05-01 12:00"));
    CHECK(ok("date-time", "1714564800"));  // seconds since the epoch
    CHECK_FALSE(ok("date-time", "2024-13-01"));
    CHECK_FALSE(ok("date-time", "next monday"));
    CHECK_FALSE(ok("date-time", "2024-05-01T25:00"));
    CHECK(ok("json", R"({"a": [1, 2]})"));
    CHECK_FALSE(ok("json", R"({"a": )"));
}

TEST_CASE("Formats: what may stand in for what", "[schema][formats]") {
    CHECK(formats_compatible("AWS::EC2::SecurityGroup.Id", "AWS::EC2::SecurityGroup.Id"));
    CHECK_FALSE(formats_compatible("AWS::EC2::SecurityGroup.Name", "AWS::EC2::SecurityGroup.Id"));
    // In a default VPC, a name property takes an id as well.
    CHECK(formats_compatible("AWS::EC2::SecurityGroup.Id", "AWS::EC2::SecurityGroup.Name"));
    CHECK_FALSE(formats_compatible("AWS::IAM::Role.Name", "AWS::IAM::Role.Arn"));
    CHECK_FALSE(formats_compatible("AWS::SQS::Queue.Url", "AWS::SQS::Queue.Arn"));
    CHECK_FALSE(formats_compatible("AWS::KMS::Key.Id", "AWS::KMS::Key.Arn"));
    CHECK(formats_compatible("AWS::KMS::Key.Arn", "AWS::KMS::Key.Id"));
    // One value where a list is expected is a question of shape, not of format.
    CHECK(formats_compatible("AWS::EC2::SecurityGroup.Id", "AWS::EC2::SecurityGroup.Ids"));
    // Different families, or formats stacklint does not define: nothing is claimed.
    CHECK(formats_compatible("AWS::EC2::VPC.Id", "AWS::EC2::Subnet.Id"));
    CHECK(formats_compatible("AWS::Made::Up.Id", "AWS::EC2::Subnet.Id"));
    CHECK(documented_ref_format("AWS::IAM::Role") == "AWS::IAM::Role.Name");
    CHECK(documented_ref_format("AWS::S3::Bucket").empty());
    CHECK(parameter_format("List<AWS::EC2::Subnet::Id>") == "AWS::EC2::Subnet.Ids");
    CHECK(parameter_format("String").empty());
}
