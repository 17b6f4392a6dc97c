// The committed schema data is what the generator makes from the enhanced schemas beside the
// repository (../shared/schemas/cfn-lint-enhanced) and the project's corrections and
// constraint list, byte for byte. Skipped where the shared data is absent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "schemagen/enhanced.hpp"

TEST_CASE("Committed schema data is current with the enhanced schemas", "[schema][data]") {
    const std::filesystem::path root(STACKLINT_SOURCE_DIR);
    const std::filesystem::path enhanced = root / "../shared/schemas/cfn-lint-enhanced";
    if (!std::filesystem::is_directory(enhanced)) {
        WARN("skipped: " << enhanced << " not found; the committed data is not checked against it");
        return;
    }
    std::ifstream in(root / "schemas/cfn-resource-types.jsonl", std::ios::binary);
    REQUIRE(in.is_open());
    std::ostringstream committed;
    committed << in.rdbuf();
    namespace schema = stacklint::schema;
    const nlohmann::json sam =
        schema::read_json_file(root / "../shared/schemas/sam/sam.schema.json");
    const std::string regenerated = schema::generate_from_enhanced(
        enhanced, root / "../shared/schemas/aws-us-east-1",
        schema::read_json_file(root / "tools/schemagen/corrections.json"),
        schema::read_json_file(root / "tools/schemagen/constraints.json"), &sam, nullptr);
    // Compare sizes first so a mismatch does not print megabytes.
    REQUIRE(regenerated.size() == committed.str().size());
    CHECK((regenerated == committed.str()));
}
