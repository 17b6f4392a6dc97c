// Checks over the shipped schemas/cfn-resource-types.jsonl (skipped if absent).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/registry.hpp"

#ifndef STACKLINT_SOURCE_DIR
#error "STACKLINT_SOURCE_DIR must name the repository root"
#endif

using stacklint::schema::Registry;
using stacklint::schema::ResourceSchema;

namespace {

const std::filesystem::path kDataFile =
    std::filesystem::path(STACKLINT_SOURCE_DIR) / "schemas/cfn-resource-types.jsonl";

// Every "$ref" in `node` that does not resolve inside `schema`.
void dangling_refs(const ResourceSchema& schema, const nlohmann::json& node,
                   std::vector<std::string>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string()) {
                if (schema.resolve_ref(value.get<std::string>()) == nullptr)
                    out.push_back(schema.type_name + " " + value.get<std::string>());
            } else {
                dangling_refs(schema, value, out);
            }
        }
    } else if (node.is_array()) {
        for (const auto& value : node)
            dangling_refs(schema, value, out);
    }
}

}  // namespace

TEST_CASE("Shipped schema data: well-known types", "[schema][data]") {
    if (!std::filesystem::exists(kDataFile)) {
        WARN("skipped: " << kDataFile << " not found");
        return;
    }
    Registry registry = Registry::from_file(kDataFile);

    const std::vector<std::pair<const char*, const char*>> names = {
        {"AWS::S3::Bucket", "BucketName"},
        {"AWS::IAM::Role", "RoleName"},
        {"AWS::DynamoDB::Table", "TableName"},
        {"AWS::SQS::Queue", "QueueName"},
        {"AWS::SNS::Topic", "TopicName"},
        {"AWS::Lambda::Function", "FunctionName"},
        {"AWS::Logs::LogGroup", "LogGroupName"},
        {"AWS::ECR::Repository", "RepositoryName"},
        {"AWS::RDS::DBInstance", "DBInstanceIdentifier"},
        {"AWS::RDS::DBCluster", "DBClusterIdentifier"},
        {"AWS::EC2::SecurityGroup", "GroupName"},
    };
    for (const auto& [type, property] : names) {
        CAPTURE(type);
        const ResourceSchema* schema = registry.find(type);
        REQUIRE(schema != nullptr);
        CHECK(schema->physical_name_property == property);
        CHECK(schema->property(property) != nullptr);
    }

    const ResourceSchema* bucket = registry.find("AWS::S3::Bucket");
    REQUIRE(bucket != nullptr);
    for (const char* attribute : {"Arn", "DomainName", "RegionalDomainName", "WebsiteURL"}) {
        CAPTURE(attribute);
        REQUIRE(bucket->attributes.contains(attribute));
        CHECK(bucket->attributes.at(attribute) == false);
    }
    CHECK(bucket->resolve_ref("#/definitions/Tag") != nullptr);

    const ResourceSchema* db = registry.find("AWS::RDS::DBInstance");
    REQUIRE(db != nullptr);
    CHECK(db->attributes.contains("Endpoint.Address"));
    CHECK(db->attributes.contains("Endpoint.Port"));

    // SAM's types come from SAM's schema, with their Globals section and deployed type.
    const ResourceSchema* function = registry.find("AWS::Serverless::Function");
    REQUIRE(function != nullptr);
    CHECK(function->doc.value("deployedType", "") == "AWS::Lambda::Function");
    CHECK(function->attributes.contains("Arn"));
    const ResourceSchema* globals = registry.globals_schema("AWS::Serverless::Function");
    REQUIRE(globals != nullptr);
    CHECK(globals->property("Runtime") != nullptr);
    CHECK(globals->property("Role") == nullptr);  // Globals may not set a function's role
    CHECK(registry.globals_schema("AWS::Serverless::Connector") == nullptr);
    CHECK(registry.globals_schema("AWS::S3::Bucket") == nullptr);
    CHECK(registry.find("AWS::S3::Buckets") == nullptr);
}

TEST_CASE("Shipped schema data: every type decodes and resolves", "[schema][data]") {
    if (!std::filesystem::exists(kDataFile)) {
        WARN("skipped: " << kDataFile << " not found");
        return;
    }
    Registry registry = Registry::from_file(kDataFile);
    const std::vector<std::string_view> names = registry.type_names();
    // us-east-1 (1,674), six types of other regions only, and eleven SAM types.
    CHECK(names.size() == 1691);
    for (std::size_t i = 1; i < names.size(); ++i) {
        CAPTURE(names[i]);
        CHECK(names[i - 1] < names[i]);  // sorted, no duplicates
    }

    std::size_t physical = 0;
    std::vector<std::string> dangling;
    for (std::string_view name : names) {
        const ResourceSchema* schema = registry.find(name);
        REQUIRE(schema != nullptr);
        REQUIRE(schema->type_name == name);
        physical += schema->physical_name_property ? 1 : 0;
        if (schema->physical_name_property)
            CHECK(schema->property(*schema->physical_name_property) != nullptr);
        dangling_refs(*schema, schema->doc, dangling);
    }
    CHECK(dangling.empty());
    INFO("types with a physical name property: " << physical);
    CHECK(physical > 700);
    CHECK(physical < 800);
    CHECK(registry.cached_count() == names.size());
}
