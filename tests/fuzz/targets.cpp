#include "fuzz/targets.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cdk/assembly.hpp"
#include "declarative/declarative_rule.hpp"
#include "fix/fixer.hpp"
#include "fuzz/invariants.hpp"
#include "lint/engine.hpp"
#include "report/report.hpp"
#include "schema/embedded.hpp"

namespace stacklint::fuzz {

namespace {

namespace fs = std::filesystem;

std::string bytes_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

void load(const char* name, Format format, const std::uint8_t* data, std::size_t size) {
    auto source = std::make_shared<const Source>(name, bytes_of(data, size));
    check_positions(load_document(source, format));
}

// What every run must give, whatever the input: findings inside the file with a rule and a
// message, and reports that are what they claim to be.
void check_result(const LintResult& result, std::uint32_t lines) {
    for (const Finding& f : result.findings) {
        require(!f.rule.empty() && !f.message.empty(), "a finding without rule or message");
        require(!f.mark.valid() || (f.mark.line <= lines + 1 && f.mark.column >= 1),
                "a finding outside the file");
    }
    std::ostringstream text, json, sarif, junit, github;
    ReportOptions options;
    // The SARIF catalogue holds only the rules a finding names: the full catalogue is the same
    // for every input and writing it took three quarters of each run.
    options.rule_severity = [](const RuleInfo&) { return std::optional<Severity>(); };
    write_text(text, result, options);
    write_json(json, result);
    write_sarif(sarif, result, options);
    write_junit(junit, result, options);
    write_github(github, result, options);
    require(nlohmann::json::accept(json.str()), "the JSON report is not JSON");
    require(nlohmann::json::accept(sarif.str()), "the SARIF report is not JSON");
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// One assembly directory per process, removed at exit; only manifest.json changes per input.
const fs::path& assembly_dir() {
    static const fs::path dir = [] {
        std::string pattern = (fs::temp_directory_path() / "stacklint-fuzz-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) fail("mkdtemp");
        const fs::path d = pattern;
        write_file(d / "App.template.json",
                   R"({"Resources": {"Data": {"Type": "AWS::S3::Bucket", "DeletionPolicy":)"
                   R"( "Retain", "Metadata": {"aws:cdk:path": "App/Data/Resource"}}}, "Outputs":)"
                   R"( {"Out": {"Value": {"Ref": "Data"}, "Export": {"Name": "app-data"}}}})");
        write_file(d / "Use.template.json",
                   R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties":)"
                   R"( {"QueueName": {"Fn::ImportValue": "app-data"}}}}})");
        write_file(d / "App.metadata.json",
                   R"({"/App/Data/Resource": [{"type": "aws:cdk:logicalId", "data": "Data"}]})");
        fs::create_directories(d / "assembly-Stage");
        write_file(d / "assembly-Stage" / "manifest.json",
                   R"({"version": "36.0.0", "artifacts": {}})");
        static const std::string keep = d.string();
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(keep, ec);
        });
        return d;
    }();
    return dir;
}

bool inside(const fs::path& root, const fs::path& p) {
    const auto [end, unused] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
    return end == root.end();
}

}  // namespace

void yaml_loader(const std::uint8_t* data, std::size_t size) {
    load("fuzz.yaml", Format::Yaml, data, size);
}

void json_loader(const std::uint8_t* data, std::size_t size) {
    load("fuzz.json", Format::Json, data, size);
}

void lint(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    const char* name = (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
    auto source = std::make_shared<const Source>(name, bytes_of(data + 1, size - 1));
    const auto lines = static_cast<std::uint32_t>(source->line_count());
    LintResult result;
    result.set.stacks.push_back(make_stack("fuzz", source, LoadLimits{}));
    check_positions(result.set.stacks.back()->doc);
    LintOptions options;
    options.jobs = 1;
    run_rules(result, options);
    check_result(result, lines);
}

void fix(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    const char* name = (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
    std::string text = bytes_of(data + 1, size - 1);
    LintOptions options;
    options.jobs = 1;
    // A few rounds, as --fix --unsafe-fixes runs them; each must leave a template that loads
    // as well as before and lints without breaking an invariant.
    for (int round = 0; round < 3; ++round) {
        auto source = std::make_shared<const Source>(name, text);
        const auto lines = static_cast<std::uint32_t>(source->line_count());
        LintResult result;
        result.set.stacks.push_back(make_stack("fuzz", source, LoadLimits{}));
        run_rules(result, options);
        check_result(result, lines);
        std::vector<const Finding*> findings;
        for (const Finding& f : result.findings) {
            if (!f.fix) continue;
            for (const TextEdit& e : f.fix->edits) {
                require(e.end() <= text.size(), "an edit outside the text");
                require(e.start_line >= 1 && e.end_line >= e.start_line, "an edit without lines");
            }
            findings.push_back(&f);
        }
        const fix::Round chosen = fix::choose_fixes(findings, true);
        if (chosen.fixes == 0) return;
        std::string after;
        require(apply_edits(text, chosen.edits, after), "the chosen edits do not apply");
        require(fix::still_loads(*result.set.stacks.front(), after, LoadLimits{}),
                "a fix made a readable template unreadable");
        text = std::move(after);
    }
}

void cdk_manifest(const std::uint8_t* data, std::size_t size) {
    const fs::path& dir = assembly_dir();
    write_file(dir / "manifest.json", bytes_of(data, size));
    const Input input{"cdk.out", dir.string(), false, true, true};
    cdk::LoadedAssembly loaded = cdk::load_assembly(input, cdk::AssemblyLimits{});
    const fs::path root = fs::canonical(dir);
    LintResult result;
    for (auto& stack : loaded.stacks) {
        require(stack != nullptr, "a null stack");
        // Stacks are shown as "cdk.out/<path inside the assembly>" and read from inside it.
        require(stack->file.starts_with("cdk.out/"), "a stack shown outside the assembly");
        std::error_code ec;
        const fs::path real = fs::weakly_canonical(dir / stack->file.substr(8), ec);
        require(!ec && inside(root, real), "a stack read from outside the assembly");
        result.set.stacks.push_back(std::move(stack));
    }
    for (const ToolError& e : loaded.errors)
        require(!e.message.empty(), "a tool error without a message");
    LintOptions options;
    options.jobs = 1;
    run_rules(result, options);
    check_result(result, std::numeric_limits<std::uint32_t>::max() - 1);
}

namespace {

// Templates for the rules of a fuzzed rule file to judge: every kind of target and the
// values that make answers unknown or conditional.
constexpr std::array<std::string_view, 3> kRuleTemplates = {
    R"(Parameters:
  Env: {Type: String, Default: dev}
  DbPassword: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Env}-data"
      Tags: [{Key: owner, Value: a}, !If [IsProd, {Key: tier, Value: gold}, !Ref AWS::NoValue]]
      PublicAccessBlockConfiguration: {BlockPublicAcls: !If [IsProd, true, false]}
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3}
  Dlq: {Type: AWS::SQS::Queue}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: !Ref Env, ToPort: 80, CidrIp: !ImportValue cidr}
Outputs:
  Name: {Value: !Ref Bucket, Export: {Name: !Sub "${AWS::StackName}-bucket"}}
)",
    R"({"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime":
"python3.12", "MemorySize": "512", "Architectures": ["arm64"], "Code": {"ZipFile": "x"},
"Role": {"Fn::GetAtt": ["Role", "Arn"]}}}, "Role": {"Type": "AWS::IAM::Role", "Properties":
{"Policies": [{"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "*",
"Resource": ["*"]}}}]}}, "Logs": {"Type": "AWS::Logs::LogGroup", "Properties":
{"LogGroupName": {"Fn::Sub": "/aws/lambda/${Fn}"}, "RetentionInDays": 7}}}})",
    R"(Transform: AWS::Serverless-2016-10-31
Globals: {Function: {Runtime: python3.12, Tracing: Active}}
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties: {Handler: app.handler, CodeUri: s3://b/k.zip, Events: {Get: {Type: Api, Properties: {Path: /, Method: get}}}}
)"};

}  // namespace

void rule_file(const std::uint8_t* data, std::size_t size) {
    const std::string bytes = bytes_of(data, size);
    auto source = std::make_shared<const Source>("rules.yaml", bytes);
    declarative::RuleFileError error;
    std::optional<declarative::RuleFile> parsed =
        declarative::parse_rule_file(source, declarative::Origin::User, "custom", error);
    if (!parsed) {
        require(!error.message.empty(), "a rule file error without a message");
        require(!error.mark.valid() || error.mark.line <= source->line_count() + 1,
                "a rule file error outside the file");
        return;
    }
    static const schema::Registry schemas(schema::embedded_data());
    LintSet set;
    std::vector<std::uint32_t> lines;
    for (std::size_t i = 0; i < kRuleTemplates.size(); ++i) {
        const std::string name = i == 1 ? "fuzz.json" : "fuzz.yaml";
        auto tmpl = std::make_shared<const Source>(name, std::string(kRuleTemplates[i]));
        lines.push_back(static_cast<std::uint32_t>(tmpl->line_count()));
        set.stacks.push_back(make_stack("fuzz-storage", tmpl, LoadLimits{}));
    }
    const RuleOptions options;
    const std::vector<std::string> regions = {"us-east-1"};
    const RuleContext ctx{set, options, schemas, regions, "2026-12-05"};
    for (declarative::RuleSpec& spec : parsed->rules) {
        const declarative::DeclarativeRule rule(std::move(spec), parsed->document);
        std::vector<Finding> findings;
        Reporter reporter(rule.info(), rule.info().severity, findings);
        for (const auto& stack : set.stacks)
            rule.check(*stack, ctx, reporter);
        for (const Finding& f : findings) {
            require(f.rule == rule.info().id && !f.message.empty(),
                    "a finding without its rule or message");
            require(!f.mark.valid() || f.mark.line <= 60, "a finding outside its template");
        }
    }
}

}  // namespace stacklint::fuzz
