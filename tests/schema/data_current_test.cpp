// The committed schema data is what the generator makes from the raw schemas beside the
// repository (../shared/schemas/aws-us-east-1), byte for byte. Skipped where they are absent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "schemagen/reduce.hpp"

TEST_CASE("Committed schema data is current with the raw schemas", "[schema][data]") {
    const std::filesystem::path root(STACKLINT_SOURCE_DIR);
    const std::filesystem::path raw = root / "../shared/schemas/aws-us-east-1";
    if (!std::filesystem::is_directory(raw)) {
        WARN("skipped: " << raw << " not found; the committed data is not checked against it");
        return;
    }
    std::ifstream in(root / "schemas/cfn-resource-types.jsonl", std::ios::binary);
    REQUIRE(in.is_open());
    std::ostringstream committed;
    committed << in.rdbuf();
    const std::string regenerated = stacklint::schema::reduce_schemas(raw);
    // Compare sizes first so a mismatch does not print 5 MB.
    REQUIRE(regenerated.size() == committed.str().size());
    CHECK((regenerated == committed.str()));
}
