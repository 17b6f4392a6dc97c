// Retired services (src/schema/lifecycle, rules/data/retired-resource-types.tsv) and the
// regions of the schema data (src/schema/regions).
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "schema/lifecycle.hpp"
#include "schema/regions.hpp"

using namespace stacklint::schema;

TEST_CASE("Retired services: the row that applies on a date", "[schema][lifecycle]") {
    const auto qldb = retirement_of("AWS::QLDB::Ledger", "2026-12-05");
    REQUIRE(qldb);
    CHECK(qldb->in_effect);
    CHECK(qldb->row->kind == RetirementKind::ShutDown);
    CHECK(qldb->row->date == "2025-07-31");
    // Before the date, the shutdown is announced as coming.
    const auto early = retirement_of("AWS::QLDB::Stream", "2025-07-30");
    REQUIRE(early);
    CHECK_FALSE(early->in_effect);
    // A glob with two rows: blocked first, shut down later.
    const auto kda_blocked = retirement_of("AWS::KinesisAnalytics::Application", "2025-12-01");
    REQUIRE(kda_blocked);
    CHECK(kda_blocked->in_effect);
    CHECK(kda_blocked->row->kind == RetirementKind::CreateBlocked);
    const auto kda_gone = retirement_of("AWS::KinesisAnalytics::Application", "2026-02-01");
    REQUIRE(kda_gone);
    CHECK(kda_gone->row->kind == RetirementKind::ShutDown);
    // Exact names and prefixes do not reach neighbours.
    CHECK_FALSE(retirement_of("AWS::KinesisAnalyticsV2::Application", "2026-12-05"));
    CHECK_FALSE(retirement_of("AWS::GreengrassV2::ComponentVersion", "2026-12-05"));
    CHECK_FALSE(retirement_of("AWS::S3::Bucket", "2026-12-05"));
    CHECK(today_utc().size() == 10);
}

TEST_CASE("Regions: the list is the shared data's provider maps", "[schema][regions]") {
    const std::filesystem::path providers = std::filesystem::path(STACKLINT_SOURCE_DIR) /
                                            "../shared/schemas/cfn-lint-enhanced/providers";
    CHECK(is_known_region("us-east-1"));
    CHECK(is_known_region("us-gov-west-1"));
    CHECK_FALSE(is_known_region("us-east-9"));
    if (!std::filesystem::is_directory(providers)) {
        WARN("skipped: " << providers << " not found");
        return;
    }
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(providers)) {
        const std::string stem = entry.path().stem().string();
        if (stem != "sam") files.insert(stem);
    }
    std::set<std::string> known;
    for (std::string_view r : known_regions())
        known.insert(std::string(r));
    CHECK(known == files);
}

TEST_CASE("Lambda runtimes: deprecated ones and their dates", "[schema][lifecycle]") {
    const RuntimeLifecycle* go = runtime_lifecycle("go1.x");
    REQUIRE(go != nullptr);
    CHECK(go->deprecated == "2024-01-08");
    CHECK(go->create_blocked == "2024-02-08");
    CHECK(go->successor == "provided.al2023");
    CHECK(runtime_lifecycle("python3.13") == nullptr);
    CHECK(runtime_lifecycle("provided.al2023") == nullptr);
    // Where AWS moved the block dates, only the deprecation is recorded.
    const RuntimeLifecycle* node18 = runtime_lifecycle("nodejs18.x");
    REQUIRE(node18 != nullptr);
    CHECK(node18->create_blocked.empty());
}
