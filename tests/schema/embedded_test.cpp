#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "schema/embedded.hpp"
#include "schema/registry.hpp"

TEST_CASE("Embedded schema data is the committed file, byte for byte", "[schema]") {
    std::ifstream in(std::string(STACKLINT_SOURCE_DIR) + "/schemas/cfn-resource-types.jsonl",
                     std::ios::binary);
    REQUIRE(in.is_open());
    std::ostringstream file;
    file << in.rdbuf();
    CHECK(stacklint::schema::embedded_data() == file.str());
    const stacklint::schema::Registry registry(stacklint::schema::embedded_data());
    REQUIRE(registry.find("AWS::S3::Bucket") != nullptr);
    CHECK(registry.find("AWS::S3::Bucket")->physical_name_property == "BucketName");
}
