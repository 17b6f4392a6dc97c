// Reading CDK cloud assemblies: discovery, the manifest, metadata, nested stacks and stages,
// and every way a manifest can be broken or hostile.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

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

// A copy of a fixture assembly (fixtures/cdk/<app>/cdk.out) in a fresh directory, to break.
std::string copy_assembly(const std::string& app, const std::string& name) {
    const fs::path to = fs::path(test::temp_dir()) / name / "cdk.out";
    fs::remove_all(to);
    fs::create_directories(to.parent_path());
    fs::copy(test::source_path("fixtures/cdk/" + app + "/cdk.out"), to,
             fs::copy_options::recursive);
    return to.string();
}

nlohmann::json read_json_file(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

void write_json_file(const fs::path& p, const nlohmann::json& j) {
    std::ofstream(p) << j.dump(1);
}

std::vector<std::string> rules_of(const LintResult& r) {
    std::vector<std::string> out;
    for (const Finding& f : r.findings)
        out.push_back(f.rule);
    return out;
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

    // Nor does naming the assembly and the project that holds it (no X003 with itself).
    const LintResult twice = lint(discover({split + "/cdk.out", split}).inputs);
    CHECK(twice.set.stacks.size() == 3);
    CHECK(twice.findings.empty());

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
    SECTION("a schema version that is no version") {
        const LintResult r =
            lint_path(make_assembly("notversion", stack_manifest("Stack.template.json", "x1")));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains("unrecognised cloud assembly schema"));
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

TEST_CASE("CDK: a malformed artifact is a tool error naming it and its position") {
    const std::vector<std::pair<nlohmann::json, std::string>> cases = {
        {"str", "artifact 'StorageStack' is a string, not an object"},
        {nullptr, "artifact 'StorageStack' is null, not an object"},
        {nlohmann::json::array({1}), "artifact 'StorageStack' is an array, not an object"},
        {{{"type", 5}}, "artifact 'StorageStack' has a \"type\" that is a number or boolean"},
        {{{"properties", nlohmann::json::object()}}, "artifact 'StorageStack' has no \"type\""},
    };
    int n = 0;
    for (const auto& [value, message] : cases) {
        INFO(value.dump());
        const fs::path dir = copy_assembly("split", "malformed" + std::to_string(n++));
        nlohmann::json m = read_json_file(dir / "manifest.json");
        m["artifacts"]["StorageStack"] = value;
        write_json_file(dir / "manifest.json", m);
        const LintResult r = lint_path(dir.string());
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0].message, Catch::Contains(message));
        CHECK_THAT(r.errors[0].file, Catch::Matches(".*/cdk\\.out/manifest\\.json:[0-9]+:[0-9]+"));
        // The other stacks import StorageStack's exports: not judged while it is unknown.
        CHECK(rules_of(r).empty());
    }
}

TEST_CASE("CDK: a missing template names the artifact and the file, and nothing cascades") {
    const fs::path dir = copy_assembly("split", "missing-template");
    fs::remove(dir / "StorageStack.template.json");
    const LintResult r = lint_path(dir.string());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message ==
          "cannot read template 'StorageStack.template.json' of artifact 'StorageStack': no such "
          "file or directory");
    CHECK_THAT(r.errors[0].file, Catch::EndsWith("missing-template/cdk.out/manifest.json:12:5"));
    CHECK(r.set.stacks.size() == 2);
    CHECK(rules_of(r).empty());  // no X001 for ApiStack's and WorkerStack's imports
    REQUIRE(r.set.unloaded.size() == 1);
    CHECK(r.set.unloaded[0].artifact_id == "StorageStack");

    // A template that does not parse is T001, and its exports are as unknown.
    const fs::path broken = copy_assembly("split", "broken-template");
    std::ofstream(broken / "StorageStack.template.json") << "{\"Resources\": {";
    const LintResult b = lint_path(broken.string());
    CHECK(b.errors.empty());
    CHECK(rules_of(b) == std::vector<std::string>{"T001"});
}

TEST_CASE("CDK: a missing metadata file or nested assembly names the artifact") {
    const fs::path dir = copy_assembly("split", "missing-metadata");
    fs::remove(dir / "StorageStack.metadata.json");
    const LintResult r = lint_path(dir.string());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message ==
          "cannot read metadata file 'StorageStack.metadata.json' of artifact 'StorageStack': "
          "no such file or directory");
    CHECK_THAT(r.errors[0].file, Catch::EndsWith("missing-metadata/cdk.out/manifest.json:12:5"));

    const fs::path stage = copy_assembly("stage", "missing-stage");
    fs::remove_all(stage / "assembly-Prod");
    const LintResult s = lint_path(stage.string());
    REQUIRE(s.errors.size() == 1);
    CHECK(s.errors[0].message ==
          "cannot read the manifest '" + stage.string() +
              "/assembly-Prod/manifest.json' of nested assembly 'assembly-Prod': no such file or "
              "directory");
    CHECK_THAT(s.errors[0].file, Catch::EndsWith("missing-stage/cdk.out/manifest.json:4:5"));
}

TEST_CASE("CDK: a nested stack that contains itself is reported once and read once") {
    const fs::path dir = copy_assembly("nested", "nested-loop");
    const fs::path nested = dir / "ReportingStackExportQueueA02350A8.nested.template.json";
    nlohmann::json t = read_json_file(nested);
    t["Resources"]["Self"] = {
        {"Type", "AWS::CloudFormation::Stack"},
        {"Properties", {{"TemplateURL", "x"}}},
        {"Metadata",
         {{"aws:asset:path", "ReportingStackExportQueueA02350A8.nested.template.json"},
          {"aws:asset:property", "TemplateURL"}}}};
    write_json_file(nested, t);
    const LintResult r = lint_path(dir.string());
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message,
               Catch::StartsWith("nested stack 'Self' uses template "
                                 "'ReportingStackExportQueueA02350A8.nested.template.json', "
                                 "which contains it (ReportingStackExportQueueA02350A8.nested."
                                 "template.json → ReportingStackExportQueueA02350A8.nested."
                                 "template.json)"));
    CHECK(r.set.stacks.size() == 2);
    std::vector<std::string> rules = rules_of(r);
    std::sort(rules.begin(), rules.end());
    CHECK(rules == std::vector<std::string>{"R008", "R010"});
}

TEST_CASE("CDK: nested stacks get what their root artifact's metadata says about them") {
    const fs::path dir = copy_assembly("nested", "nested-metadata");
    nlohmann::json m = read_json_file(dir / "ReportingStack.metadata.json");
    m["/ReportingStack/ExportQueue/ExportsBucket"] = {
        {{"type", "aws:cdk:warning"}, {"data", "nested bucket warning"}},
        {{"type", "aws:cdk:creationStack"},
         {"data", {"...new Bucket2 in aws-cdk-lib...", "new ExportQueue (lib/queue.js:18:19)"}}}};
    m["/ReportingStack/ExportQueue"].push_back(
        {{"type", "aws:cdk:creationStack"}, {"data", {"new Reporting (lib/reporting.js:24:25)"}}});
    write_json_file(dir / "ReportingStack.metadata.json", m);

    const auto check = [](const LintResult& r) {
        REQUIRE(r.errors.empty());
        REQUIRE(r.set.stacks.size() == 2);
        const Stack& nested = *r.set.stacks[1];
        REQUIRE(nested.cdk);
        CHECK(nested.cdk->construct == "ReportingStack/ExportQueue");
        CHECK(nested.construct_path("ExportsBucket5A12738B") ==
              "ReportingStack/ExportQueue/ExportsBucket/Resource");
        CHECK(r.set.stacks[0]->cdk->annotations.empty());
        int seen = 0;
        for (const Finding& f : r.findings) {
            INFO(f.rule << " " << f.file << " " << f.message);
            CHECK_THAT(f.file,
                       Catch::EndsWith("ReportingStackExportQueueA02350A8.nested.template.json"));
            CHECK(f.construct == "ReportingStack/ExportQueue/ExportsBucket/Resource");
            // The bucket's own trace, not the nested stack's.
            CHECK(f.origin == "lib/queue.js:18:19");
            ++seen;
        }
        std::vector<std::string> rules = rules_of(r);
        std::sort(rules.begin(), rules.end());
        CHECK(rules == std::vector<std::string>{"C001", "R008", "R010"});
        CHECK(seen == 3);
    };
    check(lint_path(dir.string()));

    // Without aws:cdk:path in the templates, the construct paths come from aws:cdk:logicalId.
    for (const char* file : {"ReportingStack.template.json",
                             "ReportingStackExportQueueA02350A8.nested.template.json"}) {
        nlohmann::json t = read_json_file(dir / file);
        for (auto& [id, resource] : t["Resources"].items()) {
            if (resource.contains("Metadata")) resource["Metadata"].erase("aws:cdk:path");
        }
        write_json_file(dir / file, t);
    }
    check(lint_path(dir.string()));
}

TEST_CASE("CDK: annotations on a stack carry its construct path and distinct fingerprints") {
    const LintResult stage = lint_path(test::source_path("fixtures/cdk/stage/cdk.out"));
    const Finding* c001 = nullptr;
    for (const Finding& f : stage.findings) {
        if (f.rule == "C001") c001 = &f;
    }
    REQUIRE(c001 != nullptr);
    CHECK(c001->construct == "Prod/Service");
    CHECK(c001->resource.empty());

    const std::string manifest =
        "{\"version\": \"55.0.0\", \"artifacts\": {\"App\": {\"type\": "
        "\"aws:cloudformation:stack\", \"properties\": {\"templateFile\": "
        "\"Stack.template.json\"}, \"metadata\": {\"/App\": ["
        "{\"type\": \"aws:cdk:warning\", \"data\": \"first\"}, "
        "{\"type\": \"aws:cdk:warning\", \"data\": \"second\"}, "
        "{\"type\": \"aws:cdk:creationStack\", \"data\": [\"new App (bin/app.js:3:1)\"]}], "
        "\"/App/Helpers\": [{\"type\": \"aws:cdk:info\", \"data\": \"first\"}]}}}}";
    const LintResult r = lint_path(make_assembly("stack-annotations", manifest));
    REQUIRE(r.errors.empty());
    std::set<std::string> fingerprints;
    std::vector<std::string> constructs;
    for (const Finding& f : r.findings) {
        REQUIRE(f.rule == "C001");
        fingerprints.insert(f.fingerprint());
        constructs.push_back(f.construct);
        if (f.construct == "App") CHECK(f.origin == "bin/app.js:3:1");
    }
    CHECK(fingerprints.size() == 3);
    std::sort(constructs.begin(), constructs.end());
    CHECK(constructs == std::vector<std::string>{"App", "App", "App/Helpers"});
}

TEST_CASE("CDK: stack tags are read from the artifact and apply to nested stacks") {
    const fs::path dir = copy_assembly("nested", "tags");
    nlohmann::json m = read_json_file(dir / "manifest.json");
    m["artifacts"]["ReportingStack"]["properties"]["tags"] = {{"team", "data"},
                                                              {"cost-center", "42"}};
    write_json_file(dir / "manifest.json", m);
    const LintResult r = lint_path(dir.string());
    REQUIRE(r.errors.empty());
    REQUIRE(r.set.stacks.size() == 2);
    const std::map<std::string, std::string> expected{{"cost-center", "42"}, {"team", "data"}};
    for (const auto& s : r.set.stacks) {
        REQUIRE(s->cdk);
        CHECK(s->cdk->tags == expected);
    }
    const LintResult untagged = lint_path(test::source_path("fixtures/cdk/split/cdk.out"));
    CHECK(untagged.set.stacks[0]->cdk->tags.empty());

    // As aws-cdk-lib writes them (multienv's ArchiveStorage), with each stack's environment.
    const LintResult app = lint_path(test::source_path("fixtures/cdk/multienv/cdk.out"));
    REQUIRE(app.errors.empty());
    REQUIRE(app.set.stacks.size() == 5);
    std::map<std::string, std::string> environments;
    for (const auto& s : app.set.stacks) {
        environments[s->cdk->artifact_id] = s->cdk->account + "/" + s->cdk->region;
        if (s->name == "ArchiveStorage") {
            CHECK(s->cdk->tags == std::map<std::string, std::string>{{"cost-center", "analytics"},
                                                                     {"team", "data"}});
        } else {
            CHECK(s->cdk->tags.empty());
        }
    }
    CHECK(environments ==
          std::map<std::string, std::string>{{"ArchiveStorage", "333333333333/eu-west-1"},
                                             {"DevServiceED593074", "111111111111/us-east-1"},
                                             {"DevStorageC5A5B877", "111111111111/us-east-1"},
                                             {"ProdServiceC810982D", "222222222222/us-east-1"},
                                             {"ProdStorage0EF194CB", "222222222222/us-east-1"}});
}

TEST_CASE("CDK: an origin under the working directory is shown relative to it") {
    const std::string cwd = fs::current_path().generic_string();
    const std::string manifest =
        "{\"version\": \"55.0.0\", \"artifacts\": {\"App\": {\"type\": "
        "\"aws:cloudformation:stack\", \"properties\": {\"templateFile\": "
        "\"Stack.template.json\"}, \"metadata\": {"
        "\"/App/Topic\": [{\"type\": \"aws:cdk:creationStack\", \"data\": [\"new App (" +
        cwd +
        "/lib/app.js:7:3)\"]}], \"/App/Other\": [{\"type\": \"aws:cdk:creationStack\", "
        "\"data\": [\"new App (file://" +
        cwd +
        "/lib/my%20app.mjs:8:1)\"]}], \"/App/Far\": [{\"type\": \"aws:cdk:creationStack\", "
        "\"data\": [\"new App (/nonexistent-stacklint-root/lib/far.js:9:2)\"]}]}}}}";
    const LintResult r = lint_path(make_assembly("origins", manifest));
    REQUIRE(r.errors.empty());
    REQUIRE(r.set.stacks.size() == 1);
    const auto& origins = r.set.stacks[0]->cdk->origins;
    CHECK(origins.at("App/Topic") == "lib/app.js:7:3");
    CHECK(origins.at("App/Other") == "lib/my app.mjs:8:1");
    CHECK(origins.at("App/Far") == "/nonexistent-stacklint-root/lib/far.js:9:2");
}

TEST_CASE("CDK: a newer schema major is read as the newest known, with one warning") {
    const std::string dir =
        make_assembly("newer", stack_manifest("Stack.template.json", "999.0.0"));
    // A Stage with the same version: still one warning for the whole assembly.
    test::write_temp("newer/cdk.out/sub/Stack.template.json", kTemplate);
    test::write_temp("newer/cdk.out/sub/manifest.json",
                     "{\"version\": \"999.0.0\", \"artifacts\": {\"Sub\": {\"type\": "
                     "\"aws:cloudformation:stack\", \"properties\": {\"templateFile\": "
                     "\"Stack.template.json\"}}}}");
    nlohmann::json m = read_json_file(fs::path(dir) / "manifest.json");
    m["artifacts"]["Stage"] = {{"type", "cdk:cloud-assembly"},
                               {"properties", {{"directoryName", "sub"}}}};
    write_json_file(fs::path(dir) / "manifest.json", m);

    const LintResult r = lint_path(dir);
    CHECK(r.errors.empty());
    CHECK(r.set.stacks.size() == 2);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0].file,
               Catch::Matches(".*newer/cdk\\.out/manifest\\.json:[0-9]+:[0-9]+"));
    CHECK_THAT(r.warnings[0].message,
               Catch::StartsWith("cloud assembly schema version 999.0.0 is newer than this "
                                 "stacklint knows (55.x); it is read as 55.x"));

    // A warning is no tool error: the exit code is the findings', the note goes to stderr.
    std::string out;
    CHECK(test::run_stacklint("--no-config -q " + dir, out, true) == 0);
    CHECK_THAT(out, Catch::Contains("stacklint: warning: " + dir + "/manifest.json:"));
    test::run_stacklint("--no-config -f json " + dir, out);
    const auto json = nlohmann::json::parse(out);
    REQUIRE(json["warnings"].size() == 1);
    CHECK(json["errors"].empty());
    test::run_stacklint("--no-config -f sarif " + dir, out);
    const auto sarif = nlohmann::json::parse(out);
    const auto& invocation = sarif["runs"][0]["invocations"][0];
    CHECK(invocation["executionSuccessful"] == true);
    REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
    CHECK(invocation["toolExecutionNotifications"][0]["level"] == "warning");
    test::run_stacklint("--no-config -f github " + dir, out);
    CHECK_THAT(out, Catch::Contains("::warning file="));
}

TEST_CASE("CDK: a manifest.json that is no cloud assembly leaves its directory a directory") {
    test::write_temp("pwa/sub/manifest.json",
                     "{\"name\": \"My PWA\", \"short_name\": \"pwa\", \"version\": \"1.2.3\"}");
    test::write_temp("pwa/sub/t.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    const std::string pwa = test::temp_dir() + "/pwa";
    CHECK(cdk::manifest_kind(pwa + "/sub") == cdk::ManifestKind::Other);
    for (const std::string& path : {pwa, pwa + "/sub"}) {
        INFO(path);
        const Discovery d = discover({path});
        for (const Input& i : d.inputs)
            CHECK_FALSE(i.assembly);
        const LintResult r = lint(d.inputs);
        CHECK(r.errors.empty());
        REQUIRE(r.set.stacks.size() == 1);
        CHECK_THAT(r.set.stacks[0]->file, Catch::EndsWith("sub/t.yaml"));
    }
    // A cloud assembly without the cdk.out marker file is still one, and so is a broken
    // manifest named on the command line (the user hears why).
    const std::string split = copy_assembly("split", "no-marker");
    fs::remove(fs::path(split) / "cdk.out");
    CHECK(cdk::is_cloud_assembly(split));
    test::write_temp("broken-manifest/manifest.json", "{\"version\": \"55.0.0\", \"artif");
    CHECK(cdk::manifest_kind(test::temp_dir() + "/broken-manifest") == cdk::ManifestKind::Broken);
    const Discovery broken = discover({test::temp_dir() + "/broken-manifest"});
    REQUIRE(broken.inputs.size() == 1);
    CHECK(broken.inputs[0].assembly);
}

TEST_CASE("CDK: excluded templates of an assembly are not linted but still export") {
    const fs::path dir = fs::path(copy_assembly("scattered", "excluded")).parent_path();
    const std::string config = test::write_temp("excluded/.stacklint.yaml",
                                                "exclude: [\"**/PipelineStack.template.json\"]\n");
    std::string out;
    test::run_stacklint("--config " + config + " -f json " + (dir / "cdk.out").string(), out);
    const auto json = nlohmann::json::parse(out);
    CHECK(json["errors"].empty());
    for (const auto& f : json["findings"]) {
        INFO(f.dump());
        CHECK(f["stack"] != "PipelineStack");
        // OperationsStack imports PipelineStack's table name: the export is still known.
        CHECK(f["rule"] != "X001");
    }
    CHECK(json["findings"].size() > 0);
    CHECK(json["summary"]["files"] == 3);
    CHECK(json["summary"]["stacks"] == 3);
    CHECK(json["summary"]["excluded"] == 1);
    test::run_stacklint("--config " + config + " " + (dir / "cdk.out").string(), out);
    CHECK_THAT(out, Catch::Contains("1 file excluded by configuration"));
}
