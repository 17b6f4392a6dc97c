// Unit tests for the lazy schema registry on small hand-written data.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "schema/registry.hpp"

using stacklint::schema::Registry;
using stacklint::schema::ResourceSchema;

namespace {

// Sorted by type name in byte order. "AWS::EC2::VPC" sorts before
// "AWS::EC2::VPCEndpoint" and both must be found exactly.
const std::string kData =
    R"({"typeName":"AWS::EC2::VPC","properties":{"CidrBlock":{"type":"string"}},"attributes":{"CidrBlockAssociations":"array","VpcId":"string"},"readOnlyProperties":["/properties/VpcId","/properties/CidrBlockAssociations"]})"
    "\n"
    R"({"typeName":"AWS::EC2::VPCEndpoint","properties":{"VpcId":{"type":"string"}}})"
    "\n"
    R"({"typeName":"AWS::RDS::DBInstance","attributes":{"Endpoint.Address":"string","Endpoint.Port":"string"},"createOnlyProperties":["/properties/DBInstanceIdentifier"],"physicalNameProperty":"DBInstanceIdentifier","primaryIdentifier":["/properties/DBInstanceIdentifier"],"properties":{"DBInstanceIdentifier":{"type":"string"},"Endpoint":{"$ref":"#/definitions/Endpoint"}},"definitions":{"Endpoint":{"type":"object","properties":{"Address":{"type":"string"},"Port":{"type":"string"}}}},"readOnlyProperties":["/properties/Endpoint/Address","/properties/Endpoint/Port"]})"
    "\n"
    R"({"typeName":"AWS::S3::Bucket","attributes":{"Arn":"string","DomainName":"string"},"createOnlyProperties":["/properties/BucketName","/properties/ObjectLockEnabled"],"conditionalCreateOnlyProperties":["/properties/Versioning"],"definitions":{"A":{"$ref":"#/definitions/B"},"B":{"$ref":"#/definitions/A"},"Alias":{"$ref":"#/definitions/Tag"},"Tag":{"type":"object","properties":{"Key":{"type":"string"},"Value":{"type":"string"}},"required":["Key","Value"]},"we/ird~name":{"type":"integer"}},"deprecatedProperties":["/properties/AccessControl"],"physicalNameProperty":"BucketName","primaryIdentifier":["/properties/BucketName"],"properties":{"AccessControl":{"type":"string"},"Arn":{"type":"string"},"BucketName":{"type":"string"},"Tags":{"type":"array","items":{"$ref":"#/definitions/Alias"}},"Password":{"type":"string"}},"readOnlyProperties":["/properties/Arn","/properties/DomainName"],"writeOnlyProperties":["/properties/Password"]})"
    "\n"
    R"({"typeName":"AWS::SQS::Queue","attributes":{"Arn":"string","QueueUrl":"string"},"physicalNameProperty":"QueueName","properties":{"QueueName":{"type":"string"}}})"
    "\n";

std::filesystem::path temp_file(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("stacklint-schema-test-" + std::to_string(std::random_device{}()) + "-" + name);
}

}  // namespace

TEST_CASE("Registry construction does no work", "[schema][registry]") {
    Registry registry(kData);
    CHECK(registry.size_bytes() == kData.size());
    CHECK(registry.cached_count() == 0);

    Registry empty{std::string_view{}};
    CHECK(empty.find("AWS::S3::Bucket") == nullptr);
    CHECK(empty.type_names().empty());
    CHECK(empty.size_bytes() == 0);
}

TEST_CASE("Registry finds the first, middle and last types", "[schema][registry]") {
    Registry registry(kData);
    for (const char* name : {"AWS::EC2::VPC", "AWS::EC2::VPCEndpoint", "AWS::RDS::DBInstance",
                             "AWS::S3::Bucket", "AWS::SQS::Queue"}) {
        const ResourceSchema* schema = registry.find(name);
        REQUIRE(schema != nullptr);
        CHECK(schema->type_name == name);
        CHECK(schema->doc.at("typeName") == name);
    }
}

TEST_CASE("Registry returns nullptr for unknown types", "[schema][registry]") {
    Registry registry(kData);
    for (const char* name : {"", "AWS", "AAA::B::C", "AWS::EC2::VP", "AWS::EC2::VPCE",
                             "AWS::EC2::VPCEndpointX", "AWS::Lambda::Function", "AWS::S3::bucket",
                             "AWS::S3::Bucket ", "AWS::SQS::Queues", "ZZZ::Z::Z", "\xff"}) {
        CAPTURE(name);
        CHECK(registry.find(name) == nullptr);
    }
    CHECK(registry.cached_count() == 0);
}

TEST_CASE("Registry decodes lazily and caches", "[schema][registry]") {
    Registry registry(kData);
    const ResourceSchema* first = registry.find("AWS::S3::Bucket");
    REQUIRE(first != nullptr);
    CHECK(registry.cached_count() == 1);
    CHECK(registry.find("AWS::S3::Bucket") == first);
    CHECK(registry.cached_count() == 1);
    CHECK(registry.find("AWS::SQS::Queue") != nullptr);
    CHECK(registry.cached_count() == 2);
    CHECK(registry.find("AWS::S3::Bucket") == first);
}

TEST_CASE("Registry works without a trailing newline", "[schema][registry]") {
    std::string_view data(kData);
    data.remove_suffix(1);
    Registry registry(data);
    CHECK(registry.find("AWS::SQS::Queue") != nullptr);
    CHECK(registry.find("AWS::EC2::VPC") != nullptr);
    CHECK(registry.find("ZZZ::Z::Z") == nullptr);
    CHECK(registry.type_names().size() == 5);
}

TEST_CASE("Registry lists type names in order", "[schema][registry]") {
    Registry registry(kData);
    std::vector<std::string_view> names = registry.type_names();
    std::vector<std::string_view> expected = {"AWS::EC2::VPC", "AWS::EC2::VPCEndpoint",
                                              "AWS::RDS::DBInstance", "AWS::S3::Bucket",
                                              "AWS::SQS::Queue"};
    CHECK(names == expected);
    CHECK(registry.cached_count() == 0);
}

TEST_CASE("Registry binary search finds every line of a larger file", "[schema][registry]") {
    // Lines of very different lengths so midpoints land anywhere in a line.
    std::vector<std::string> names;
    for (int i = 0; i < 300; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "Org::Svc%03d::Res", i);
        names.emplace_back(buf);
    }
    std::string data;
    for (std::size_t i = 0; i < names.size(); ++i) {
        data += R"({"typeName":")" + names[i] + R"(","properties":{"P":{"pattern":")" +
                std::string((i * 37) % 500, 'x') + "\"}}}\n";
    }
    Registry registry(data);
    for (const std::string& name : names) {
        const ResourceSchema* schema = registry.find(name);
        REQUIRE(schema != nullptr);
        CHECK(schema->type_name == name);
        CHECK(registry.find(name + "X") == nullptr);          // between this and the next
        CHECK(registry.find(name.substr(0, 10)) == nullptr);  // a prefix
    }
    CHECK(registry.find("Org::Svc300::Res") == nullptr);
    CHECK(registry.cached_count() == names.size());
}

TEST_CASE("ResourceSchema exposes attributes and physical name", "[schema][registry]") {
    Registry registry(kData);
    const ResourceSchema* vpc = registry.find("AWS::EC2::VPC");
    REQUIRE(vpc != nullptr);
    CHECK_FALSE(vpc->physical_name_property.has_value());
    REQUIRE(vpc->attributes.size() == 2);
    CHECK(vpc->attributes.at("CidrBlockAssociations") == true);
    CHECK(vpc->attributes.at("VpcId") == false);
    CHECK(vpc->attributes.contains(std::string_view("VpcId")));  // heterogeneous lookup

    const ResourceSchema* db = registry.find("AWS::RDS::DBInstance");
    REQUIRE(db != nullptr);
    CHECK(db->physical_name_property == "DBInstanceIdentifier");
    CHECK(db->attributes.contains("Endpoint.Address"));
    CHECK(db->read_only.contains("/properties/Endpoint/Port"));

    const ResourceSchema* endpoint = registry.find("AWS::EC2::VPCEndpoint");
    REQUIRE(endpoint != nullptr);
    CHECK(endpoint->attributes.empty());
    CHECK(endpoint->read_only.empty());
}

TEST_CASE("ResourceSchema exposes the pointer sets", "[schema][registry]") {
    Registry registry(kData);
    const ResourceSchema* bucket = registry.find("AWS::S3::Bucket");
    REQUIRE(bucket != nullptr);
    CHECK(bucket->physical_name_property == "BucketName");
    CHECK(bucket->create_only == std::set<std::string, std::less<>>{
                                     "/properties/BucketName", "/properties/ObjectLockEnabled"});
    CHECK(bucket->conditional_create_only.contains("/properties/Versioning"));
    CHECK(bucket->write_only.contains("/properties/Password"));
    CHECK(bucket->deprecated.contains("/properties/AccessControl"));
    CHECK(bucket->read_only.contains("/properties/Arn"));
}

TEST_CASE("ResourceSchema resolves references and properties", "[schema][registry]") {
    Registry registry(kData);
    const ResourceSchema* bucket = registry.find("AWS::S3::Bucket");
    REQUIRE(bucket != nullptr);

    const nlohmann::json* tag = bucket->resolve_ref("#/definitions/Tag");
    REQUIRE(tag != nullptr);
    CHECK(tag->at("type") == "object");
    const nlohmann::json* key = bucket->resolve_ref("#/definitions/Tag/properties/Key");
    REQUIRE(key != nullptr);
    CHECK(key->at("type") == "string");
    const nlohmann::json* arn = bucket->resolve_ref("#/properties/Arn");
    REQUIRE(arn != nullptr);
    CHECK(arn->at("type") == "string");
    const nlohmann::json* weird = bucket->resolve_ref("#/definitions/we~1ird~0name");
    REQUIRE(weird != nullptr);
    CHECK(weird->at("type") == "integer");
    CHECK(bucket->resolve_ref("#/definitions/Tag/required/1") != nullptr);
    CHECK(bucket->resolve_ref("#") == &bucket->doc);

    CHECK(bucket->resolve_ref("#/definitions/Missing") == nullptr);
    CHECK(bucket->resolve_ref("#/definitions/Tag/required/2") == nullptr);
    CHECK(bucket->resolve_ref("#/definitions/Tag/required/x") == nullptr);
    CHECK(bucket->resolve_ref("other.json#/definitions/Tag") == nullptr);
    CHECK(bucket->resolve_ref("definitions/Tag") == nullptr);
    CHECK(bucket->resolve_ref("") == nullptr);

    // $ref chains: Tags.items -> Alias -> Tag; A <-> B is a cycle.
    const nlohmann::json* tags = bucket->property("Tags");
    REQUIRE(tags != nullptr);
    CHECK(bucket->follow_refs(&tags->at("items")) == tag);
    CHECK(bucket->follow_refs(tag) == tag);
    CHECK(bucket->follow_refs(bucket->resolve_ref("#/definitions/A")) == nullptr);
    CHECK(bucket->follow_refs(nullptr) == nullptr);

    CHECK(bucket->property("BucketName") != nullptr);
    CHECK(bucket->property("Nope") == nullptr);
    CHECK(bucket->property("Tag") == nullptr);  // definitions are not properties
}

TEST_CASE("Registry reports malformed data", "[schema][registry]") {
    SECTION("truncated last line") {
        std::string data = kData.substr(0, kData.size() - 40);
        Registry registry(data);
        CHECK(registry.find("AWS::EC2::VPC") != nullptr);
        CHECK_THROWS_AS(registry.find("AWS::SQS::Queue"), std::runtime_error);
    }
    SECTION("truncated inside the type name") {
        Registry registry(R"({"typeName":"AWS::S3::Buc)");
        CHECK_THROWS_WITH(registry.find("AWS::S3::Bucket"), Catch::Contains("unterminated"));
        CHECK_THROWS(registry.type_names());
    }
    SECTION("line that does not start with the type name") {
        Registry registry("{\"properties\":{},\"typeName\":\"AWS::S3::Bucket\"}\n");
        CHECK_THROWS_WITH(registry.find("AWS::S3::Bucket"), Catch::Contains("byte 0"));
    }
    SECTION("blank line") {
        Registry registry("\n\n");
        CHECK_THROWS_AS(registry.find("AWS::S3::Bucket"), std::runtime_error);
    }
    SECTION("wrongly typed fields") {
        Registry registry(R"({"typeName":"A::B::C","readOnlyProperties":"/properties/X"})");
        CHECK_THROWS_WITH(registry.find("A::B::C"), Catch::Contains("readOnlyProperties"));
    }
}

TEST_CASE("Registry is safe to use from several threads", "[schema][registry]") {
    Registry registry(kData);
    const std::vector<std::string> names = {"AWS::EC2::VPC", "AWS::EC2::VPCEndpoint",
                                            "AWS::RDS::DBInstance", "AWS::S3::Bucket",
                                            "AWS::SQS::Queue"};
    constexpr int kThreads = 8;
    std::vector<std::vector<const ResourceSchema*>> seen(kThreads);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 50; ++round) {
                for (std::size_t i = 0; i < names.size(); ++i) {
                    const std::string& name = names[(i + t) % names.size()];
                    const ResourceSchema* schema = registry.find(name);
                    if (schema == nullptr || schema->type_name != name) ++failures;
                    if (round == 0) seen[t].push_back(schema);
                }
            }
            std::sort(seen[t].begin(), seen[t].end());
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    CHECK(failures == 0);
    CHECK(registry.cached_count() == names.size());
    for (int t = 1; t < kThreads; ++t)
        CHECK(seen[t] == seen[0]);  // one object per type
}

TEST_CASE("Registry::from_file owns its bytes", "[schema][registry]") {
    const std::filesystem::path path = temp_file("registry.jsonl");
    {
        std::ofstream out(path, std::ios::binary);
        out << kData;
    }
    {
        Registry registry = Registry::from_file(path);
        std::filesystem::remove(path);
        CHECK(registry.size_bytes() == kData.size());
        const ResourceSchema* queue = registry.find("AWS::SQS::Queue");
        REQUIRE(queue != nullptr);
        CHECK(queue->physical_name_property == "QueueName");
    }
    CHECK_THROWS_AS(Registry::from_file(temp_file("does-not-exist.jsonl")), std::runtime_error);
}
