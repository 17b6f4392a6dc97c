// The committed schema data is what the generator makes from the shared inputs beside the
// repository (../shared/schemas: the enhanced schemas, AWS's raw schemas, SAM's schema) and
// the project's corrections and constraint list, byte for byte. Skipped where the shared
// data is absent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "schemagen/enhanced.hpp"

TEST_CASE("Committed schema data is current with the enhanced schemas", "[schema][data]") {
    const std::filesystem::path root(STACKLINT_SOURCE_DIR);
    const std::filesystem::path enhanced = root / "../shared/schemas/cfn-lint-enhanced";
    const std::filesystem::path raw = root / "../shared/schemas/aws-us-east-1";
    const std::filesystem::path sam_file = root / "../shared/schemas/sam/sam.schema.json";
    if (!std::filesystem::is_directory(enhanced) || !std::filesystem::is_directory(raw) ||
        !std::filesystem::is_regular_file(sam_file)) {
        WARN(
            "skipped: ../shared/schemas is not complete; the committed data is not checked "
            "against it");
        return;
    }
    std::ifstream in(root / "schemas/cfn-resource-types.jsonl", std::ios::binary);
    REQUIRE(in.is_open());
    std::ostringstream committed;
    committed << in.rdbuf();
    namespace schema = stacklint::schema;
    const nlohmann::json sam = schema::read_json_file(sam_file);
    const std::string regenerated = schema::generate_from_enhanced(
        enhanced, raw, schema::read_json_file(root / "tools/schemagen/corrections.json"),
        schema::read_json_file(root / "tools/schemagen/constraints.json"), &sam, nullptr);
    // Compare sizes first so a mismatch does not print megabytes.
    REQUIRE(regenerated.size() == committed.str().size());
    CHECK((regenerated == committed.str()));
}
