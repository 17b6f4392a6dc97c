// attach_constraints: the constraint schemas stacklint adds to the resource schemas
// (tools/schemagen/constraints.json), from the enhanced schemas' extensions or written inline.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "schemagen/enhanced.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json line() {
    return json::parse(R"({"typeName":"AWS::Test::Thing","type":"object",
        "properties":{"Kind":{"type":"string"},"Port":{"type":"integer"},
        "Listener":{"$ref":"#/definitions/Listener"}},
        "definitions":{"Listener":{"type":"object","properties":{"Protocol":{"type":"string"}}}}})");
}

struct Extensions {
    fs::path dir = fs::temp_directory_path() / "stacklint-constraints-test";
    Extensions() {
        fs::create_directories(dir / "aws_test_thing");
        std::ofstream(dir / "aws_test_thing/port.json")
            << R"({"description":"dropped","if":{"properties":{"Kind":{"const":"geneve"}}},)"
               R"("then":{"properties":{"Port":{"enum":[6081]}}}})";
        std::ofstream(dir / "aws_test_thing/by_region.json")
            << R"({"us-east-1":{"properties":{"Kind":{"enum":["b","a"]}}},)"
               R"("eu-west-1":{"properties":{"Kind":{"enum":["c"]}}}})";
    }
    ~Extensions() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

}  // namespace

TEST_CASE("Constraints: a file is reduced and joins the allOf at its pointer",
          "[schema][schemagen]") {
    const Extensions ext;
    json reduced = line();
    const json constraints = json::parse(R"([
        {"type":"AWS::Test::Thing","at":"","file":"aws_test_thing/port.json",
         "why":"GENEVE listens on 6081"},
        {"type":"AWS::Test::Thing","at":"/definitions/Listener","file":"aws_test_thing/port.json"},
        {"type":"AWS::Other::Thing","at":"","file":"missing.json"}])");
    CHECK(stacklint::schema::attach_constraints(reduced, constraints, ext.dir) == 2);
    REQUIRE(reduced["allOf"].size() == 1);
    const json& attached = reduced["allOf"][0];
    CHECK_FALSE(attached.contains("description"));  // reduced like any schema
    CHECK(attached["why"] == "GENEVE listens on 6081");
    CHECK(attached["then"]["properties"]["Port"]["enum"] == json::array({6081}));
    CHECK(reduced["definitions"]["Listener"]["allOf"].size() == 1);
    CHECK_FALSE(reduced["definitions"]["Listener"]["allOf"][0].contains("why"));
}

TEST_CASE("Constraints: one schema per region is merged", "[schema][schemagen]") {
    const Extensions ext;
    json reduced = line();
    const json constraints = json::parse(
        R"([{"type":"AWS::Test::Thing","at":"","file":"aws_test_thing/by_region.json"}])");
    stacklint::schema::attach_constraints(reduced, constraints, ext.dir);
    CHECK(reduced["allOf"][0]["properties"]["Kind"]["enum"] == json::array({"a", "b", "c"}));
}

TEST_CASE("Constraints: a constraint stacklint writes itself", "[schema][schemagen]") {
    const Extensions ext;
    json reduced = line();
    const json constraints = json::parse(R"([{"type":"AWS::Test::Thing","at":"",
        "schema":{"required":["Kind"],"title":"dropped"},"why":"every thing has a kind"}])");
    stacklint::schema::attach_constraints(reduced, constraints, ext.dir);
    CHECK(reduced["allOf"][0] ==
          json::parse(R"({"required":["Kind"],"why":"every thing has a kind"})"));
}

TEST_CASE("Constraints: one that no longer applies is an error naming it", "[schema][schemagen]") {
    const Extensions ext;
    auto attach = [&](const char* text) {
        json reduced = line();
        stacklint::schema::attach_constraints(reduced, json::parse(text), ext.dir);
    };
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(attach(R"([{"type":"AWS::Test::Thing","at":"/properties/Gone",
                                  "file":"aws_test_thing/port.json"}])"),
                      Contains("aws_test_thing/port.json") && Contains("no such path"));
    CHECK_THROWS_WITH(attach(R"([{"type":"AWS::Test::Thing","at":"","file":"a.json",
                                  "schema":{}}])"),
                      Contains("either 'file' or 'schema'"));
    CHECK_THROWS_WITH(attach(R"([{"type":"AWS::Test::Thing","at":""}])"),
                      Contains("either 'file' or 'schema'"));
    CHECK_THROWS_WITH(attach(R"([{"type":"AWS::Test::Thing","at":"","schema":{},"why":""}])"),
                      Contains("'why' is not a text"));
    CHECK_THROWS(attach(R"([{"type":"AWS::Test::Thing","at":"","file":"absent.json"}])"));
    CHECK_THROWS_WITH(attach(R"({"not":"a list"})"), Contains("not a list"));
}
