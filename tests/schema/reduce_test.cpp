// Tests for the schema generator's reduction (tools/schemagen/reduce.*).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "schemagen/reduce.hpp"

#ifndef STACKLINT_SOURCE_DIR
#error "STACKLINT_SOURCE_DIR must name the repository root"
#endif

namespace fs = std::filesystem;
using nlohmann::json;
using stacklint::schema::derive_physical_name;
using stacklint::schema::last_word;
using stacklint::schema::reduce_schema;
using stacklint::schema::reduce_schemas;
using stacklint::schema::ReduceStats;
using stacklint::schema::to_line;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.is_open());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A fresh empty directory, removed when the object goes away.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("stacklint-schemagen-test-" + std::to_string(std::random_device{}()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream out(path / name, std::ios::binary);
        out << text;
    }
};

json raw_schema(const std::string& type_name, json properties) {
    return json{{"typeName", type_name}, {"properties", std::move(properties)}};
}

}  // namespace

TEST_CASE("Generator output matches the golden file", "[schema][schemagen]") {
    const fs::path golden = fs::path(STACKLINT_SOURCE_DIR) / "tests/schema/golden";
    ReduceStats stats;
    const std::string actual = reduce_schemas(golden / "input", &stats);
    const std::string expected = read_text(golden / "expected.jsonl");
    CHECK(stats.types == 4);
    CHECK(stats.physical_names == 3);
    // Compare line by line first for a readable failure, then the bytes.
    std::istringstream a(actual), e(expected);
    std::string line_a, line_e;
    while (std::getline(e, line_e)) {
        REQUIRE(std::getline(a, line_a));
        CHECK(line_a == line_e);
    }
    CHECK_FALSE(std::getline(a, line_a));
    CHECK(actual == expected);
    // Regenerating gives the same bytes.
    CHECK(reduce_schemas(golden / "input") == actual);
}

TEST_CASE("last_word splits CamelCase type names", "[schema][schemagen]") {
    CHECK(last_word("DBInstance") == "Instance");
    CHECK(last_word("SecurityGroup") == "Group");
    CHECK(last_word("LogGroup") == "Group");
    CHECK(last_word("Queue") == "Queue");
    CHECK(last_word("NetworkACL") == "ACL");
    CHECK(last_word("VPC") == "VPC");
    CHECK(last_word("EC2Fleet") == "Fleet");
    CHECK(last_word("BasePathMappingV2") == "V2");
    CHECK(last_word("") == "");
}

TEST_CASE("Physical name: primary identifier rule", "[schema][schemagen]") {
    json raw = raw_schema("AWS::S3::Bucket",
                          {{"BucketName", {{"type", "string"}}}, {"Arn", {{"type", "string"}}}});
    raw["primaryIdentifier"] = {"/properties/BucketName"};
    raw["createOnlyProperties"] = {"/properties/BucketName"};
    raw["readOnlyProperties"] = {"/properties/Arn"};
    CHECK(derive_physical_name(raw) == "BucketName");

    raw["readOnlyProperties"].push_back("/properties/BucketName");  // read-only: not a name
    CHECK_FALSE(derive_physical_name(raw).has_value());
}

TEST_CASE("Physical name: name-like property rule", "[schema][schemagen]") {
    json props = {{"GroupName", {{"type", "string"}}},
                  {"GroupId", {{"type", "string"}}},
                  {"VpcId", {{"type", "string"}}}};
    json raw = raw_schema("AWS::EC2::SecurityGroup", props);
    raw["primaryIdentifier"] = {"/properties/Id"};
    raw["createOnlyProperties"] = {"/properties/GroupName", "/properties/VpcId"};
    raw["readOnlyProperties"] = {"/properties/Id", "/properties/GroupId"};
    CHECK(derive_physical_name(raw) == "GroupName");  // <LastWordOfType>Name

    SECTION("two candidates are ambiguous") {
        raw["properties"]["Name"] = {{"type", "string"}};
        raw["createOnlyProperties"].push_back("/properties/Name");
        CHECK_FALSE(derive_physical_name(raw).has_value());
    }
    SECTION("the candidate must be createOnly") {
        raw["createOnlyProperties"] = {"/properties/VpcId"};
        CHECK_FALSE(derive_physical_name(raw).has_value());
    }
    SECTION("<Type>Identifier") {
        json db = raw_schema("AWS::RDS::DBCluster", {{"DBClusterIdentifier", json::object()}});
        db["primaryIdentifier"] = {"/properties/DBClusterIdentifier"};
        db["createOnlyProperties"] = {"/properties/DBClusterIdentifier"};
        db["readOnlyProperties"] = {"/properties/DBClusterIdentifier"};
        // Rule (1) fails (read-only), and so does rule (2) for the same reason.
        CHECK_FALSE(derive_physical_name(db).has_value());
        db["readOnlyProperties"] = json::array();
        db["primaryIdentifier"] = {"/properties/DBClusterIdentifier", "/properties/Other"};
        CHECK(derive_physical_name(db) == "DBClusterIdentifier");
    }
}

TEST_CASE("reduce_schema keeps keywords, drops bulk and prunes definitions",
          "[schema][schemagen]") {
    json raw = json::parse(R"({
      "typeName": "Test::Svc::Thing",
      "description": "dropped",
      "sourceUrl": "dropped",
      "handlers": {"create": {"permissions": ["x:Y"]}},
      "tagging": {"taggable": true},
      "additionalProperties": false,
      "properties": {
        "Name": {"type": "string", "description": "d", "pattern": "^[a-z]+$", "minLength": 1,
                 "maxLength": 9, "markdownDescription": "m", "$comment": "c"},
        "description": {"type": "string", "title": "a property named like a keyword"},
        "Items": {"type": "array", "insertionOrder": false, "uniqueItems": true,
                  "items": {"$ref": "#/definitions/Item"}, "arrayType": "AttributeList"},
        "Mode": {"enum": ["A", "B"], "default": "A", "examples": ["A"]},
        "Either": {"oneOf": [{"$ref": "#/definitions/Left"}, {"type": "string"}]},
        "Status": {"type": "object", "properties": {"Code": {"type": "integer"}}},
        "Arn": {"type": "string"},
        "Deps": {"type": "object", "dependencies": {"A": ["B"], "C": {"$ref": "#/definitions/Dep"}}}
      },
      "definitions": {
        "Item": {"type": "object", "properties": {"Sub": {"$ref": "#/definitions/Sub"}},
                 "relationshipRef": {"typeName": "AWS::X::Y", "propertyPath": "/properties/Z"}},
        "Sub": {"type": ["string", "object"], "patternProperties": {"^x": {"type": "number"}}},
        "Left": {"type": "object", "additionalProperties": {"$ref": "#/definitions/Value"}},
        "Value": {"type": "boolean"},
        "Dep": {"required": ["D"]},
        "Unused": {"type": "object", "properties": {"X": {"$ref": "#/definitions/AlsoUnused"}}},
        "AlsoUnused": {"type": "string"}
      },
      "required": ["Name"],
      "readOnlyProperties": ["/properties/Arn", "/properties/Status/Code", "/properties/Items/*/Sub"],
      "createOnlyProperties": ["/properties/Name"],
      "writeOnlyProperties": ["/properties/Mode"],
      "deprecatedProperties": ["/properties/Either"],
      "conditionalCreateOnlyProperties": ["/properties/Items"],
      "primaryIdentifier": ["/properties/Arn"],
      "additionalIdentifiers": [["/properties/Name"]]
    })");
    ReduceStats stats;
    json out = reduce_schema(raw, &stats);
    CHECK(stats.types == 1);
    CHECK(stats.physical_names == 1);
    CHECK(stats.dropped_definitions == 2);

    json expected = json::parse(R"({
      "typeName": "Test::Svc::Thing",
      "additionalProperties": false,
      "properties": {
        "Name": {"type": "string", "pattern": "^[a-z]+$", "minLength": 1, "maxLength": 9},
        "description": {"type": "string"},
        "Items": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/definitions/Item"}},
        "Mode": {"enum": ["A", "B"]},
        "Either": {"oneOf": [{"$ref": "#/definitions/Left"}, {"type": "string"}]},
        "Status": {"type": "object", "properties": {"Code": {"type": "integer"}}},
        "Arn": {"type": "string"},
        "Deps": {"type": "object", "dependencies": {"A": ["B"], "C": {"$ref": "#/definitions/Dep"}}}
      },
      "definitions": {
        "Item": {"type": "object", "properties": {"Sub": {"$ref": "#/definitions/Sub"}}},
        "Sub": {"type": ["string", "object"], "patternProperties": {"^x": {"type": "number"}}},
        "Left": {"type": "object", "additionalProperties": {"$ref": "#/definitions/Value"}},
        "Value": {"type": "boolean"},
        "Dep": {"required": ["D"]}
      },
      "required": ["Name"],
      "readOnlyProperties": ["/properties/Arn", "/properties/Status/Code", "/properties/Items/*/Sub"],
      "createOnlyProperties": ["/properties/Name"],
      "writeOnlyProperties": ["/properties/Mode"],
      "deprecatedProperties": ["/properties/Either"],
      "conditionalCreateOnlyProperties": ["/properties/Items"],
      "primaryIdentifier": ["/properties/Arn"],
      "physicalNameProperty": "Name",
      "attributes": {"Arn": "string", "Status.Code": "integer"}
    })");
    CHECK(out == expected);

    const std::string line = to_line(out);
    CHECK(line.starts_with(R"({"typeName":"Test::Svc::Thing","additionalProperties":false,)"));
    CHECK(line.ends_with("}\n"));
    CHECK(line.find('\n') == line.size() - 1);
    CHECK(json::parse(line) == out);
}

TEST_CASE("Attribute types follow $ref and oneOf", "[schema][schemagen]") {
    json raw = json::parse(R"({
      "typeName": "Test::Svc::Attrs",
      "properties": {
        "List": {"$ref": "#/definitions/L"},
        "Obj": {"oneOf": [{"type": "object"}, {"$ref": "#/definitions/O"}]},
        "Mixed": {"oneOf": [{"type": "object"}, {"type": "string"}]},
        "Multi": {"type": ["string", "array"]},
        "Nested": {"$ref": "#/definitions/N"},
        "Self": {"$ref": "#/properties/List"}
      },
      "definitions": {
        "L": {"type": "array", "items": {"type": "string"}},
        "O": {"type": "object"},
        "N": {"type": "object", "properties": {"Deep": {"$ref": "#/definitions/L"}}}
      },
      "readOnlyProperties": ["/properties/List", "/properties/Obj", "/properties/Mixed",
        "/properties/Multi", "/properties/Nested/Deep", "/properties/Self",
        "/properties/Missing", "/properties/Nested.Deep"]
    })");
    json out = reduce_schema(raw);
    CHECK(out.at("attributes") == json::parse(R"({"List": "array", "Obj": "object",
        "Mixed": "any", "Multi": "any", "Nested.Deep": "array", "Self": "array",
        "Missing": "any"})"));
    CHECK_FALSE(out.contains("physicalNameProperty"));
}

TEST_CASE("reduce_schema rejects schemas without the basics", "[schema][schemagen]") {
    CHECK_THROWS_WITH(reduce_schema(json::array()), Catch::Contains("not a JSON object"));
    CHECK_THROWS_WITH(reduce_schema(json{{"properties", json::object()}}),
                      Catch::Contains("typeName"));
    CHECK_THROWS_WITH(reduce_schema(raw_schema("AWS::S3", json::object())),
                      Catch::Contains("bad typeName"));
    CHECK_THROWS_WITH(reduce_schema(raw_schema("AWS::S3::Bu\"cket", json::object())),
                      Catch::Contains("bad typeName"));
    CHECK_THROWS_WITH(reduce_schema(json{{"typeName", "AWS::S3::Bucket"}}),
                      Catch::Contains("properties"));
    json bad_list = raw_schema("AWS::S3::Bucket", json::object());
    bad_list["readOnlyProperties"] = "/properties/Arn";
    CHECK_THROWS_WITH(reduce_schema(bad_list), Catch::Contains("readOnlyProperties"));
}

TEST_CASE("reduce_schemas names the bad file", "[schema][schemagen]") {
    TempDir dir;
    dir.write("good.json", raw_schema("AWS::S3::Bucket", json::object()).dump());
    dir.write("notes.txt", "not a schema, ignored");

    SECTION("valid directory") {
        CHECK(reduce_schemas(dir.path) == "{\"typeName\":\"AWS::S3::Bucket\",\"properties\":{}}\n");
    }
    SECTION("invalid JSON") {
        dir.write("broken.json", "{\"typeName\": \"AWS::X::Y\", ");
        CHECK_THROWS_WITH(reduce_schemas(dir.path), Catch::Contains("broken.json"));
    }
    SECTION("empty file") {
        dir.write("empty.json", "");
        CHECK_THROWS_WITH(reduce_schemas(dir.path), Catch::Contains("empty.json"));
    }
    SECTION("schema without properties") {
        dir.write("bare.json", R"({"typeName": "AWS::X::Y"})");
        CHECK_THROWS_WITH(reduce_schemas(dir.path), Catch::Contains("bare.json"));
    }
    SECTION("duplicate type name") {
        dir.write("again.json", raw_schema("AWS::S3::Bucket", json::object()).dump());
        CHECK_THROWS_WITH(reduce_schemas(dir.path), Catch::Contains("duplicate typeName"));
    }
    SECTION("not a directory") {
        CHECK_THROWS_WITH(reduce_schemas(dir.path / "good.json"),
                          Catch::Contains("not a directory"));
    }
}

TEST_CASE("reduce_schemas rejects a directory without schemas", "[schema][schemagen]") {
    TempDir dir;
    CHECK_THROWS_WITH(reduce_schemas(dir.path), Catch::Contains("no *.json files"));
}
