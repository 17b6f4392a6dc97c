// Resilience-pack behaviour that fixtures cannot show: severities that depend on the case,
// stack-level facts from outside templates, and the shared storage-stack knowledge.
#include <catch2/catch.hpp>

#include "lint/engine.hpp"
#include "model/facts.hpp"
#include "rules/resilience/support.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

std::unique_ptr<Stack> stack_of(const std::string& name, const std::string& yaml) {
    auto s = make_stack(name, std::make_shared<const Source>(name + ".yaml", yaml), LoadLimits{});
    s->app = "app";
    return s;
}

std::vector<const Finding*> of_rule(const LintResult& r, std::string_view id) {
    std::vector<const Finding*> out;
    for (const Finding& f : r.findings) {
        if (f.rule == id) out.push_back(&f);
    }
    return out;
}

}  // namespace

TEST_CASE("R003 is a warning for stateful types and info for the rest") {
    const LintResult r =
        test::lint_text("names.yaml",
                        "Resources:\n"
                        "  B: {Type: AWS::S3::Bucket, Properties: {BucketName: b}}\n"
                        "  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}\n");
    const auto found = of_rule(r, "R003");
    REQUIRE(found.size() == 2);
    CHECK(found[0]->resource == "B");
    CHECK(found[0]->severity == Severity::Warning);
    CHECK(found[0]->path == "Resources/B/Properties/BucketName");
    CHECK(found[1]->resource == "Q");
    CHECK(found[1]->severity == Severity::Info);
}

TEST_CASE("R003 claims a failing replacement only where another property forces one") {
    const LintResult r = test::lint_text(
        "names.yaml",
        "Resources:\n"
        "  B: {Type: AWS::S3::Bucket, Properties: {BucketName: b}}\n"
        "  L: {Type: AWS::Logs::LogGroup, DeletionPolicy: Retain, UpdateReplacePolicy: Retain,\n"
        "      Properties: {LogGroupName: /app/logs}}\n");
    const auto found = of_rule(r, "R003");
    REQUIRE(found.size() == 2);
    // A bucket is replaced when, say, BucketNamePrefix changes: that replacement fails.
    CHECK(found[0]->resource == "B");
    CHECK_THAT(found[0]->message, Catch::Contains("requires replacing"));
    CHECK_THAT(found[0]->message, Catch::Contains("Retain policy"));
    // A log group's only create-only property is its name: nothing else replaces it.
    CHECK(found[1]->resource == "L");
    CHECK_THAT(found[1]->message, !Catch::Contains("requires replacing"));
    CHECK_THAT(found[1]->message, Catch::Contains("rollback"));
    CHECK_THAT(found[1]->message, Catch::Contains("blocks the next deploy"));
    CHECK(found[1]->severity == Severity::Warning);  // a log group holds data
}

TEST_CASE("R008 is a warning for buckets that keep data, info for the rest") {
    const std::string unfiltered =
        "      LifecycleConfiguration: {Rules: [{Id: All, Status: Enabled, ExpirationInDays: "
        "7}]}\n";
    const LintResult r = test::lint_text(
        "expire.yaml",
        "Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\n"
        "Transform: AWS::LanguageExtensions\n"
        "Resources:\n"
        "  Scratch:\n    Type: AWS::S3::Bucket\n    Properties:\n" +
            unfiltered +
            "  Kept:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n"
            "    UpdateReplacePolicy: Retain\n    Properties:\n" +
            unfiltered +
            "  Versioned:\n    Type: AWS::S3::Bucket\n    Properties:\n"
            "      VersioningConfiguration: {Status: Enabled}\n" +
            unfiltered +
            "  MaybeKept:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: !If [C, Retain, "
            "Delete]\n    Properties:\n" +
            unfiltered);
    const auto found = of_rule(r, "R008");
    REQUIRE(found.size() == 4);
    CHECK(found[0]->resource == "Scratch");
    CHECK(found[0]->severity == Severity::Info);
    CHECK(found[1]->resource == "Kept");
    CHECK(found[1]->severity == Severity::Warning);
    CHECK(found[2]->resource == "Versioned");
    CHECK(found[2]->severity == Severity::Warning);
    // A policy that may be Delete does not certainly keep the data: the milder severity.
    CHECK(found[3]->resource == "MaybeKept");
    CHECK(found[3]->severity == Severity::Info);
    CHECK_THAT(found[0]->message,
               Catch::Contains("expires every object in the bucket after 7 days"));
}

TEST_CASE("R001 says what is wrong: no rule, a disabled rule, or a scoped one") {
    const std::string head =
        "    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: "
        "Retain\n    Properties:\n      VersioningConfiguration: {Status: Enabled}\n";
    const LintResult r = test::lint_text(
        "versions.yaml",
        "Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\n"
        "Resources:\n"
        "  None:\n" +
            head + "  Off:\n" + head +
            "      LifecycleConfiguration: {Rules: [{Id: Old, Status: Disabled, "
            "NoncurrentVersionExpiration: {NoncurrentDays: 1}}]}\n"
            "  Tmp:\n" +
            head +
            "      LifecycleConfiguration: {Rules: [{Id: TmpOnly, Status: Enabled, Prefix: tmp/, "
            "NoncurrentVersionExpiration: {NoncurrentDays: 1}}]}\n"
            "  Tagged:\n" +
            head +
            "      LifecycleConfiguration: {Rules: [{Status: Enabled, TagFilters: [{Key: a, Value: "
            "b}], NoncurrentVersionExpirationInDays: 1}]}\n"
            "  EitherPrefix:\n" +
            head +
            "      LifecycleConfiguration: {Rules: [{Id: Split, Status: Enabled, Prefix: !If [C, "
            "a/, b/], NoncurrentVersionExpiration: {NoncurrentDays: 1}}]}\n");
    const auto found = of_rule(r, "R001");
    REQUIRE(found.size() == 5);
    CHECK(found[0]->resource == "None");
    CHECK_THAT(found[0]->message, Catch::Contains("has no lifecycle rule expiring noncurrent"));
    CHECK(found[1]->resource == "Off");
    CHECK_THAT(found[1]->message, Catch::Contains("lifecycle rule 'Old' would expire old versions "
                                                  "but its Status is Disabled"));
    CHECK(found[2]->resource == "Tmp");
    CHECK_THAT(found[2]->message,
               Catch::Contains("rule 'TmpOnly' expires old versions only for prefix 'tmp/'"));
    CHECK(found[3]->resource == "Tagged");
    CHECK_THAT(found[3]->message, Catch::Contains("rule #1 expires old versions only for tags"));
    // Every branch is scoped; the message names the first.
    CHECK(found[4]->resource == "EitherPrefix");
    CHECK_THAT(found[4]->message, Catch::Contains("only for prefix 'a/'"));
    for (const Finding* f : found)
        CHECK(f->path == "Resources/" + f->resource + "/Properties/VersioningConfiguration");
}

TEST_CASE("A configured severity overrides the per-case severity") {
    const std::string path =
        test::write_temp("names-override.yaml",
                         "Resources:\n"
                         "  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}\n");
    LintOptions options;
    options.rule_severity = [](const RuleInfo& info) -> std::optional<Severity> {
        return info.id == "R003" ? Severity::Error : info.severity;
    };
    const LintResult r = lint({Input{"q.yaml", path, false, true}}, options);
    const auto found = of_rule(r, "R003");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->severity == Severity::Error);
}

TEST_CASE("R006 reports storage stacks known to lack termination protection") {
    const std::string tmpl = "Resources:\n  Q: {Type: AWS::SNS::Topic}\n";
    LintResult r;
    auto unprotected = stack_of("StorageStack", tmpl);
    unprotected->termination_protection = false;
    auto protected_storage = stack_of("DataStack", tmpl);
    protected_storage->termination_protection = true;
    auto stateless = stack_of("ApiStack", tmpl);
    stateless->termination_protection = false;
    auto loose = stack_of("storage", tmpl);  // a template file: setting unknown
    r.set.stacks.push_back(std::move(unprotected));
    r.set.stacks.push_back(std::move(protected_storage));
    r.set.stacks.push_back(std::move(stateless));
    r.set.stacks.push_back(std::move(loose));
    run_rules(r);
    const auto found = of_rule(r, "R006");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->stack == "StorageStack");
    CHECK_FALSE(found[0]->mark.valid());
    CHECK_THAT(found[0]->message, Catch::Contains("terminationProtection: true"));
}

TEST_CASE("Storage stacks: option globs, name words, termination protection") {
    const std::string tmpl = "Resources:\n  Q: {Type: AWS::SNS::Topic}\n";
    RuleOptions none;
    CHECK(resilience::is_storage_stack(*stack_of("StorageStack", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("prod-database", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("PersistenceLayer", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("statefulThings", tmpl), none));
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("FrontendStack", tmpl), none));
    // Whole words of the name only: CamelCase humps, '-', '_', '.', '/', digits.
    CHECK(resilience::is_storage_stack(*stack_of("MediaDataStack", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("data-stack", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("app-db-persistence", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("prod_DATABASES.v2", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("DBStorage2", tmpl), none));
    CHECK(resilience::is_storage_stack(*stack_of("Prod/Data", tmpl), none));
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("metadata-api", tmpl), none));
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("update-service", tmpl), none));
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("MetadataService", tmpl), none));
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("Datadog", tmpl), none));
    auto tp = stack_of("Core", tmpl);
    tp->termination_protection = true;
    CHECK(resilience::is_storage_stack(*tp, none));

    RuleOptions globs{{"storage_stacks", {"*-vault", "Core"}}};
    CHECK(resilience::is_storage_stack(*stack_of("prod-vault", tmpl), globs));
    CHECK(resilience::is_storage_stack(*stack_of("Core", tmpl), globs));
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("core", tmpl), globs));  // globs: exact case
    // With globs configured, the name heuristic no longer applies.
    CHECK_FALSE(resilience::is_storage_stack(*stack_of("StorageStack", tmpl), globs));
}

TEST_CASE("A nested stack of a storage stack is a storage stack") {
    const std::string tmpl = "Resources:\n  Q: {Type: AWS::SNS::Topic}\n";
    const RuleOptions globs{{"storage_stacks", {"ReportingStack"}}};
    auto root = stack_of("ReportingStack", tmpl);
    auto nested = stack_of("ReportingStack/ExportQueueNestedStackResource", tmpl);
    nested->parent = root.get();
    auto deeper = stack_of("ReportingStack/ExportQueueNestedStackResource/Inner", tmpl);
    deeper->parent = nested.get();
    auto api = stack_of("ApiStack", tmpl);
    auto api_nested = stack_of("ApiStack/Handlers", tmpl);
    api_nested->parent = api.get();
    CHECK(resilience::is_storage_stack(*nested, globs));
    CHECK(resilience::is_storage_stack(*deeper, globs));
    CHECK_FALSE(resilience::is_storage_stack(*api_nested, globs));

    // The app's storage stacks are the outermost ones, once each.
    LintSet set;
    const Stack* root_ptr = root.get();
    set.stacks.push_back(std::move(root));
    set.stacks.push_back(std::move(nested));
    set.stacks.push_back(std::move(deeper));
    set.stacks.push_back(std::move(api));
    set.stacks.push_back(std::move(api_nested));
    const auto by_app = resilience::storage_stacks_by_app(set, globs);
    REQUIRE(by_app.count("app") == 1);
    CHECK(by_app.at("app") == std::vector<const Stack*>{root_ptr});
}

TEST_CASE("R004 and R005 see a nested stack of the storage stack as storage") {
    const std::string storage = "Resources:\n  Q: {Type: AWS::SNS::Topic}\n";
    const std::string kept =
        "Resources:\n"
        "  Exports: {Type: AWS::S3::Bucket, DeletionPolicy: Retain, UpdateReplacePolicy: Retain,\n"
        "            Properties: {VersioningConfiguration: {Status: Enabled}}}\n";
    LintResult r;
    auto root = stack_of("ReportingStack", storage);
    auto nested = stack_of("ReportingStack/ExportQueue", kept);
    nested->parent = root.get();
    auto api = stack_of("ApiStack", kept);
    r.set.stacks.push_back(std::move(root));
    r.set.stacks.push_back(std::move(nested));
    r.set.stacks.push_back(std::move(api));
    LintOptions options;
    options.rule_options = {{"storage_stacks", {"ReportingStack"}}};
    run_rules(r, options);
    for (const char* id : {"R004", "R005"}) {
        const auto found = of_rule(r, id);
        REQUIRE(found.size() == 1);
        CHECK(found[0]->stack == "ApiStack");
    }
}

TEST_CASE("Effective deletion policies follow CloudFormation's defaults") {
    Document doc = test::load_text(
        "t.yaml",
        "Conditions:\n  C: !Equals [a, b]\n"
        "Resources:\n"
        "  Cluster: {Type: AWS::RDS::DBCluster}\n"
        "  Single: {Type: AWS::RDS::DBInstance}\n"
        "  Member: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: x}}\n"
        "  Alone: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: !Ref "
        "AWS::NoValue}}\n"
        "  Maybe: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: !If [C, x, !Ref "
        "AWS::NoValue]}}\n"
        "  Param: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: !Ref P}}\n"
        "  Table: {Type: AWS::DynamoDB::Table}\n"
        "  Kept: {Type: AWS::DynamoDB::Table, DeletionPolicy: Retain}\n"
        "  Either: {Type: AWS::SQS::Queue, DeletionPolicy: !If [C, Retain, Delete]}\n"
        "  Same: {Type: AWS::SQS::Queue, DeletionPolicy: !If [C, Retain, Retain]}\n"
        "  Invalid: {Type: AWS::SQS::Queue, DeletionPolicy: Keep}\n");
    REQUIRE(doc.root);
    const Template t = build_template(*doc.root);
    CHECK(effective_deletion_policy(*t.find_resource("Cluster")) == "Snapshot");
    CHECK(effective_deletion_policy(*t.find_resource("Single")) == "Snapshot");
    CHECK(effective_deletion_policy(*t.find_resource("Member")) == "Delete");
    CHECK(effective_deletion_policy(*t.find_resource("Table")) == "Delete");
    CHECK(effective_deletion_policy(*t.find_resource("Kept")) == "Retain");
    CHECK_FALSE(effective_deletion_policy(*t.find_resource("Either")).has_value());
    CHECK(effective_deletion_policy(*t.find_resource("Same")) == "Retain");
    CHECK_FALSE(effective_deletion_policy(*t.find_resource("Invalid")).has_value());
    CHECK(holds_state(*t.find_resource("Single")));
    CHECK_FALSE(holds_state(*t.find_resource("Member")));
    // DBClusterIdentifier: AWS::NoValue is no cluster; a condition may or may not set one.
    CHECK(is_cluster_member(*t.find_resource("Alone")) == false);
    CHECK(holds_state(*t.find_resource("Alone")));
    CHECK(effective_deletion_policy(*t.find_resource("Alone")) == "Snapshot");
    CHECK_FALSE(is_cluster_member(*t.find_resource("Maybe")).has_value());
    CHECK_FALSE(holds_state(*t.find_resource("Maybe")));
    CHECK_FALSE(effective_deletion_policy(*t.find_resource("Maybe")).has_value());
    CHECK(is_cluster_member(*t.find_resource("Param")) == true);
    CHECK(is_cluster_member(*t.find_resource("Table")) == false);
}

TEST_CASE("Type facts come from the data files") {
    CHECK(is_stateful_type("AWS::S3::Bucket"));
    CHECK(is_stateful_type("AWS::QLDB::Ledger"));
    CHECK_FALSE(is_stateful_type("AWS::SQS::Queue"));
    CHECK(is_slow_to_create_type("AWS::MSK::Cluster"));
    CHECK_FALSE(is_slow_to_create_type("AWS::S3::Bucket"));
    CHECK(is_stateless_compute_type("AWS::ECS::Service"));
    CHECK_FALSE(is_stateless_compute_type("AWS::ECS::Cluster"));
}
