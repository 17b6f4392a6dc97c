// Reading CDK cloud assemblies: discovery, the manifest, metadata, nested stacks and stages,
// and every way a manifest can be broken or hostile.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "cdk/assembly.hpp"
#include "discover/discover.hpp"
#include "lint/engine.hpp"
#include "support/helpers.hpp"

namespace fs = std::filesystem;
using namespace stacklint;

namespace {

const std::string kTemplate =
    "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", "
    "\"Metadata\": {\"aws:cdk:path\": \"App/Topic/Resource\"}}}}";

// A minimal assembly in a fresh directory; returns its path.
std::string make_assembly(const std::string& name, const std::string& manifest,
                          const std::string& template_text = kTemplate) {
    test::write_temp(name + "/cdk.out/Stack.template.json", template_text);
    return fs::path(test::write_temp(name + "/cdk.out/manifest.json", manifest))
        .parent_path()
        .string();
}

std::string stack_manifest(const std::string& template_file,
                           const std::string& version = "55.0.0") {
    return "{\"version\": \"" + version +
           "\", \"artifacts\": {\"App\": {\"type\": \"aws:cloudformation:stack\", "
           "\"properties\": {\"templateFile\": \"" +
           template_file + "\"}}}}";
}

LintResult lint_path(const std::string& path) {
    const Discovery d = discover({path});
    LintResult r = lint(d.inputs);
    r.errors.insert(r.errors.begin(), d.errors.begin(), d.errors.end());
    return r;
}

}  // namespace

TEST_CASE("CDK: a split app loads every stack with its name, protection and dependencies") {
    const LintResult r = lint_path(test::source_path("fixtures/cdk/split/cdk.out"));
    REQUIRE(r.errors.empty());
    REQUIRE(r.set.stacks.size() == 3);
    const Stack* storage = nullptr;
    const Stack* api = nullptr;
    for (const auto& s : r.set.stacks) {
        if (s->name == "StorageStack") storage = s.get();
        if (s->name == "ApiStack") api = s.get();
        REQUIRE(s->cdk);
        CHECK(s->app == r.set.stacks[0]->app);
    }
    REQUIRE(storage != nullptr);
    REQUIRE(api != nullptr);
    CHECK(storage->termination_protection == true);
    CHECK(api->termination_protection == false);
    CHECK(api->cdk->dependencies == std::vector<std::string>{"StorageStack", "ApiStack.assets"});
    CHECK_THAT(storage->file, Catch::EndsWith("cdk.out/StorageStack.template.json"));
}

TEST_CASE("CDK: findings carry construct paths and, with stack traces, the user's code") {
    const LintResult r = lint_path(test::source_path("fixtures/cdk/traces/cdk.out"));
    REQUIRE(r.errors.empty());
    const Finding* r003 = nullptr;
    for (const Finding& f : r.findings) {
        if (f.rule == "R003") r003 = &f;
    }
    REQUIRE(r003 != nullptr);
    CHECK(r003->construct == "LedgerStorageStack/StatementsBucket/Resource");
    CHECK(r003->origin == "fixtures/cdk/traces/lib/storage-stack.js:12:29");
    CHECK(r003->stack == "LedgerStorageStack");
}

TEST_CASE("CDK: stages are nested assemblies, nested stacks are linked to their parent") {
    const LintResult stage = lint_path(test::source_path("fixtures/cdk/stage/cdk.out"));
    REQUIRE(stage.errors.empty());
    REQUIRE(stage.set.stacks.size() == 2);
    CHECK(stage.set.stacks[0]->name == "Prod-Storage");
    CHECK(stage.set.stacks[0]->termination_protection == true);
    CHECK(stage.set.stacks[1]->name == "Prod-Service");

    const LintResult nested = lint_path(test::source_path("fixtures/cdk/nested/cdk.out"));
    REQUIRE(nested.errors.empty());
    REQUIRE(nested.set.stacks.size() == 2);
    const Stack& child = *nested.set.stacks[1];
    REQUIRE(child.parent == nested.set.stacks[0].get());
    CHECK(child.name ==
          "ReportingStack/ExportQueueNestedStackExportQueueNestedStackResourceA987826B");
    CHECK(&child.root() == nested.set.stacks[0].get());
}

TEST_CASE("CDK: plumbing produces no findings") {
    const LintResult r = lint_path(test::source_path("fixtures/cdk/versioned/cdk.out"));
    for (const Finding& f : r.findings) {
        INFO(f.rule << " " << f.resource << " " << f.path);
        CHECK(f.resource.find("CustomS3AutoDeleteObjects") == std::string::npos);
        CHECK(f.resource != "CDKMetadata");
        CHECK(f.path.find("BootstrapVersion") == std::string::npos);
    }
}

TEST_CASE("CDK: a directory walk or a project directory finds the assembly once") {
    test::write_temp("project/cdk.json", "{\"app\": \"node app.js\", \"output\": \".build/out\"}");
    test::write_temp("project/.build/out/Stack.template.json", kTemplate);
    test::write_temp("project/.build/out/manifest.json", stack_manifest("Stack.template.json"));
    test::write_temp("project/templates/extra.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    const Discovery d = discover({test::temp_dir() + "/project"});
    REQUIRE_FALSE(d.inputs.empty());
    CHECK(d.inputs[0].assembly);
    CHECK_THAT(d.inputs[0].display, Catch::EndsWith("project/.build/out"));
    const LintResult project = lint(d.inputs);
    REQUIRE(project.set.stacks.size() == 2);  // the assembly's stack and the loose template
    CHECK(project.set.stacks[0]->cdk);
    CHECK_FALSE(project.set.stacks[1]->cdk);

    // Walking a tree that holds cdk.out lints its templates once, as an assembly.
    const std::string split = test::source_path("fixtures/cdk/split");
    const LintResult walked = lint_path(split);
    CHECK(walked.set.stacks.size() == 3);
    for (const auto& s : walked.set.stacks)
        CHECK(s->cdk);

    // Naming a template of an assembly beside the assembly does not lint it twice.
    const Discovery both =
        discover({split + "/cdk.out", split + "/cdk.out/ApiStack.template.json"});
    CHECK(lint(both.inputs).set.stacks.size() == 3);

    // manifest.json named on the command line stands for its assembly.
    const Discovery manifest = discover({split + "/cdk.out/manifest.json"});
    REQUIRE(manifest.inputs.size() == 1);
    CHECK(manifest.inputs[0].assembly);
}

TEST_CASE("CDK: broken manifests are tool errors naming the file, never crashes") {
    SECTION("truncated") {
        const LintResult r = lint_path(make_assembly("trunc", "{\"version\": \"55.0.0\", \"artif"));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].file, Catch::Contains("trunc/cdk.out/manifest.json:1:"));
    }
    SECTION("garbage") {
        test::write_temp("garbage/cdk.out/cdk.out", "{}");
        const LintResult r = lint_path(make_assembly("garbage", "\x01\x02 not json at all"));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].file, Catch::Contains("garbage/cdk.out/manifest.json"));
    }
    SECTION("no version") {
        const LintResult r = lint_path(make_assembly("nover", "{\"artifacts\": {}}"));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains("no schema \"version\""));
    }
    SECTION("a schema version newer than known") {
        const LintResult r =
            lint_path(make_assembly("newer", stack_manifest("Stack.template.json", "999.0.0")));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains("999.0.0 is newer"));
        CHECK(r.set.stacks.empty());
    }
    SECTION("artifacts of the wrong shape") {
        const LintResult r =
            lint_path(make_assembly("shape", "{\"version\": \"55.0.0\", \"artifacts\": [1]}"));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains("\"artifacts\" must be an object"));
    }
    SECTION("a missing template file names the artifact") {
        const LintResult r =
            lint_path(make_assembly("missing", stack_manifest("Gone.template.json")));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains("Gone.template.json"));
        CHECK_THAT(r.errors[0].file, Catch::Contains("manifest.json:1:"));
    }
}

TEST_CASE("CDK: templates outside the assembly are refused, never read") {
    for (const char* evil : {"../../etc/passwd", "/etc/passwd", "sub/../../outside.json"}) {
        INFO(evil);
        const LintResult r = lint_path(make_assembly("evil", stack_manifest(evil)));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains("outside the assembly"));
        CHECK(r.set.stacks.empty());
    }
    // A symbolic link inside the assembly that points out of it.
    const std::string dir = make_assembly("link", stack_manifest("linked.template.json"));
    const std::string outside = test::write_temp("outside.template.json", kTemplate);
    std::error_code ec;
    fs::create_symlink(outside, fs::path(dir) / "linked.template.json", ec);
    REQUIRE_FALSE(ec);
    const LintResult r = lint_path(dir);
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message, Catch::Contains("resolves outside the assembly"));
}

TEST_CASE("CDK: the first user frame of a creation stack") {
    using cdk::user_frame;
    CHECK(user_frame({"...new Bucket2 in aws-cdk-lib...",
                      "new StorageStack (lib/storage-stack.ts:42:5)",
                      "Object.<anonymous> (bin/app.ts:9:1)"}) == "lib/storage-stack.ts:42:5");
    CHECK(user_frame({"at new Bucket (/p/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2)",
                      "at new Data (/home/me/app/lib/data.ts:7:3)"}) ==
          "/home/me/app/lib/data.ts:7:3");
    CHECK(user_frame({"at Module._compile (node:internal/modules/cjs/loader:1:2)"}).empty());
    CHECK(user_frame({"(no user code in 10 frames, use --stack-trace-limit to capture more)"})
              .empty());
    CHECK(user_frame({}).empty());
}

TEST_CASE("CDK: R006 points at the stack's artifact in manifest.json") {
    const std::string manifest =
        "{\"version\": \"55.0.0\", \"artifacts\": {\"DataStack\": {\"type\": "
        "\"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"Stack.template.json\", "
        "\"terminationProtection\": false}}}}";
    const LintResult r = lint_path(make_assembly("r006", manifest));
    REQUIRE(r.errors.empty());
    const Finding* r006 = nullptr;
    for (const Finding& f : r.findings) {
        if (f.rule == "R006") r006 = &f;
    }
    REQUIRE(r006 != nullptr);
    CHECK_THAT(r006->file, Catch::EndsWith("r006/cdk.out/manifest.json"));
    CHECK(r006->mark.line == 1);
    CHECK(r006->stack == "DataStack");
}

TEST_CASE("CDK: SARIF and GitHub output point at the user's code when the trace gives it") {
    const std::string traces = test::source_path("fixtures/cdk/traces/cdk.out");
    std::string out;
    test::run_stacklint("--no-config -f github " + traces, out);
    CHECK_THAT(out, Catch::Contains(
                        "::warning file=fixtures/cdk/traces/lib/storage-stack.js,line=12,col=29,"
                        "title=R003 explicit-physical-name::"));
    CHECK_THAT(out, Catch::Contains("construct LedgerStorageStack/StatementsBucket/Resource, "
                                    "synthesized at "));
    test::run_stacklint("--no-config -f sarif " + traces, out);
    const auto sarif = nlohmann::json::parse(out);
    const auto& results = sarif["runs"][0]["results"];
    bool found = false;
    for (const auto& r : results) {
        if (r["ruleId"] != "R003") continue;
        found = true;
        const auto& related = r["relatedLocations"][0]["physicalLocation"];
        CHECK(related["artifactLocation"]["uri"] == "fixtures/cdk/traces/lib/storage-stack.js");
        CHECK(related["region"]["startLine"] == 12);
        CHECK(r["properties"]["origin"] == "fixtures/cdk/traces/lib/storage-stack.js:12:29");
    }
    CHECK(found);
}

TEST_CASE("Source references: path:line:col") {
    const auto ref = parse_source_ref("lib/a:b.ts:42:5");
    REQUIRE(ref);
    CHECK(ref->file == "lib/a:b.ts");
    CHECK(ref->line == 42);
    CHECK(ref->column == 5);
    CHECK_FALSE(parse_source_ref("lib/a.ts"));
    CHECK_FALSE(parse_source_ref("lib/a.ts:x:5"));
    CHECK_FALSE(parse_source_ref(":1:2"));
    CHECK_FALSE(parse_source_ref(""));
}
