// `stacklint graph`: the three formats, errors, and that Graphviz accepts the DOT output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <string>

#include "support/helpers.hpp"

using namespace stacklint;
using test::run_stacklint;
using test::write_temp;

namespace {

// Two streams (stateful: their records live in them) waiting for each other.
const std::string kCyclic =
    "Resources:\n"
    "  QueueA:\n"
    "    Type: AWS::Kinesis::Stream\n"
    "    Properties:\n"
    "      RedrivePolicy: {deadLetterTargetArn: !GetAtt QueueB.Arn}\n"
    "  QueueB:\n"
    "    Type: AWS::Kinesis::Stream\n"
    "    DependsOn: QueueA\n"
    "  'Odd \"name\"':\n"
    "    Type: AWS::Lambda::Function\n"
    "    Properties:\n"
    "      Role: !Sub '${Role.Arn}'\n"
    "      Environment: {Variables: {Q: !Ref QueueA}}\n"
    "  Role:\n"
    "    Type: AWS::IAM::Role\n";

bool have_dot() {
    return std::system("command -v dot >/dev/null 2>&1") == 0;
}

}  // namespace

TEST_CASE("CLI graph: DOT marks stateful resources and cycles") {
    const std::string file = write_temp("graph/cyclic.yaml", kCyclic);
    std::string out;
    REQUIRE(run_stacklint("graph " + file, out) == 0);
    CHECK_THAT(out, Catch::StartsWith("// stacklint graph of"));
    CHECK_THAT(out, Catch::Contains("digraph \"cyclic\" {"));
    CHECK_THAT(out, Catch::Contains("n0 [label=\"QueueA\\nAWS::Kinesis::Stream\", shape=cylinder"));
    CHECK_THAT(out, Catch::Contains("n0 -> n1 [label=\"GetAtt Arn\", color=red"));
    CHECK_THAT(out, Catch::Contains("n1 -> n0 [label=\"DependsOn\", color=red"));
    CHECK_THAT(out, Catch::Contains("n2 -> n3 [label=\"Sub Arn\"];"));
    CHECK_THAT(out, Catch::Contains("label=\"Odd \\\"name\\\"\\nAWS::Lambda::Function\""));
}

TEST_CASE("CLI graph: the DOT output renders with Graphviz") {
    if (!have_dot()) {
        WARN("Graphviz 'dot' is not installed; skipping the rendering check");
        return;
    }
    const std::string file = write_temp("graph/render.yaml", kCyclic);
    const std::string svg = test::temp_dir() + "/graph/render.svg";
    std::string out;
    REQUIRE(run_stacklint("graph " + file + " | dot -Tsvg -o " + svg + " && echo rendered", out) ==
            0);
    CHECK_THAT(out, Catch::Contains("rendered"));
    // Every corpus-like shape at once: loops, generated names, no resources at all.
    const std::string loops = write_temp("graph/loops.yaml",
                                         "Transform: AWS::LanguageExtensions\n"
                                         "Resources:\n"
                                         "  Fn::ForEach::T:\n"
                                         "    - N\n"
                                         "    - [A, B]\n"
                                         "    - Bucket${N}:\n"
                                         "        Type: AWS::S3::Bucket\n"
                                         "        Properties: {Tags: [{Key: k, Value: !Ref Q}]}\n"
                                         "  Q: {Type: AWS::SQS::Queue}\n"
                                         "  P:\n"
                                         "    Type: AWS::S3::BucketPolicy\n"
                                         "    Properties: {Bucket: !Ref BucketA}\n");
    REQUIRE(run_stacklint("graph " + loops + " | dot -Tsvg >/dev/null && echo rendered", out) == 0);
    CHECK_THAT(out, Catch::Contains("rendered"));
}

TEST_CASE("CLI graph: Mermaid and JSON") {
    const std::string file = write_temp("graph/formats.yaml", kCyclic);
    std::string out;
    REQUIRE(run_stacklint("graph --format mermaid " + file, out) == 0);
    CHECK_THAT(out, Catch::StartsWith("flowchart LR\n"));
    CHECK_THAT(out, Catch::Contains("n0[(\"QueueA<br/>AWS::Kinesis::Stream\")]"));
    CHECK_THAT(out, Catch::Contains("n2[\"Odd #quot;name#quot;<br/>AWS::Lambda::Function\"]"));
    CHECK_THAT(out, Catch::Contains("n0 -->|\"GetAtt Arn\"| n1"));
    CHECK_THAT(out, Catch::Contains("class n0,n1 stateful"));
    CHECK_THAT(out, Catch::Contains("linkStyle 0,1 stroke:red"));

    REQUIRE(run_stacklint("graph -f json " + file, out) == 0);
    const auto doc = nlohmann::json::parse(out);
    CHECK(doc["stack"] == "formats");
    REQUIRE(doc["nodes"].size() == 4);
    CHECK(doc["nodes"][0]["id"] == "QueueA");
    CHECK(doc["nodes"][0]["stateful"] == true);
    CHECK(doc["nodes"][0]["line"] == 2);
    CHECK(doc["nodes"][3]["stateful"] == false);
    REQUIRE(doc["edges"].size() == 4);
    CHECK(doc["edges"][0]["from"] == "QueueA");
    CHECK(doc["edges"][0]["via"][0] == "GetAtt Arn");
    CHECK(doc["edges"][0]["cycle"] == true);
    CHECK(doc["edges"][3]["cycle"] == false);
    CHECK(doc["cycles"] == nlohmann::json::parse(R"([["QueueA", "QueueB", "QueueA"]])"));
}

TEST_CASE("CLI graph: loop templates are drawn once, dashed") {
    const std::string file = write_temp("graph/foreach.yaml",
                                        "Transform: AWS::LanguageExtensions\n"
                                        "Resources:\n"
                                        "  Fn::ForEach::T:\n"
                                        "    - N\n"
                                        "    - [A, B]\n"
                                        "    - Topic${N}: {Type: AWS::SNS::Topic}\n"
                                        "  Sub:\n"
                                        "    Type: AWS::SNS::Subscription\n"
                                        "    Properties: {TopicArn: !Ref TopicA}\n");
    std::string out;
    REQUIRE(run_stacklint("graph " + file, out) == 0);
    CHECK_THAT(out, Catch::Contains("n1 [label=\"Topic${N}\\nAWS::SNS::Topic\", style=dashed];"));
    CHECK_THAT(out, Catch::Contains("n0 -> n1 [label=\"Ref\"];"));
}

TEST_CASE("CLI graph: unreadable or unparsable input is a tool error") {
    std::string out;
    CHECK(run_stacklint("graph /no/such/file.yaml", out, true) == 2);
    CHECK_THAT(out,
               Catch::Contains("stacklint: error: /no/such/file.yaml: no such file or directory"));
    const std::string bad = write_temp("graph/bad.yaml", "Resources: [\n");
    CHECK(run_stacklint("graph " + bad, out, true) == 2);
    CHECK_THAT(out, Catch::Contains("bad.yaml:"));
    CHECK(run_stacklint("graph --format svg " + bad, out, true) == 2);
    CHECK(run_stacklint("graph", out, true) == 2);
}

TEST_CASE("CLI graph: reads stdin") {
    std::string out;
    const std::string file = write_temp("graph/stdin.yaml", kCyclic);
    REQUIRE(run_stacklint("graph -f mermaid - < " + file, out) == 0);
    CHECK_THAT(out, Catch::Contains("flowchart LR"));
}

TEST_CASE("CLI graph: a file that is no template is a tool error, not an empty graph") {
    std::string out;
    const std::string other = write_temp("graph/other.yaml", "foo: bar\n");
    CHECK(run_stacklint("graph " + other, out, true) == 2);
    CHECK_THAT(out, Catch::Contains("other.yaml: not a CloudFormation template"));
    CHECK_THAT(out, !Catch::Contains("digraph"));
    // A template without resources is still a template.
    const std::string empty =
        write_temp("graph/empty.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n");
    CHECK(run_stacklint("graph " + empty, out) == 0);
    CHECK_THAT(out, Catch::Contains("digraph"));
}

TEST_CASE("CLI graph: JSON carries every node kind and every reference with its position") {
    const std::string file = write_temp("graph/all.yaml",
                                        "Parameters:\n"
                                        "  Env: {Type: String}\n"
                                        "Mappings:\n"
                                        "  Sizes: {prod: {x: '1'}}\n"
                                        "Conditions:\n"
                                        "  IsProd: !Equals [!Ref Env, prod]\n"
                                        "Resources:\n"
                                        "  Queue:\n"
                                        "    Type: AWS::SQS::Queue\n"
                                        "    Condition: IsProd\n"
                                        "    Properties:\n"
                                        "      DelaySeconds: !FindInMap [Sizes, prod, x]\n"
                                        "      QueueName: !Sub '${Env}-${AWS::Region}'\n"
                                        "      KmsMasterKeyId: !ImportValue shared-key\n"
                                        "Outputs:\n"
                                        "  Url:\n"
                                        "    Value: !Ref Queue\n"
                                        "    Export: {Name: queue-url}\n");
    std::string out;
    REQUIRE(run_stacklint("graph -f json " + file, out) == 0);
    const auto doc = nlohmann::json::parse(out);
    // The resource view stays as it was.
    REQUIRE(doc["nodes"].size() == 1);
    CHECK(doc["edges"].empty());
    const auto& g = doc["reference_graph"];
    auto node = [&](const std::string& kind, const std::string& id) {
        for (const auto& n : g["nodes"]) {
            if (n["kind"] == kind && n["id"] == id) return n;
        }
        return nlohmann::json();
    };
    CHECK(node("parameter", "Env")["line"] == 2);
    CHECK(node("mapping", "Sizes")["line"] == 4);
    CHECK(node("condition", "IsProd")["line"] == 6);
    CHECK(node("resource", "Queue")["type"] == "AWS::SQS::Queue");
    CHECK(node("output", "Url")["line"] == 16);
    CHECK(node("pseudo-parameter", "AWS::Region")["line"].is_null());
    std::map<std::string, nlohmann::json> by_kind;
    for (const auto& e : g["edges"])
        by_kind.emplace(e["kind"].get<std::string>(), e);
    REQUIRE(by_kind.size() == 6);
    CHECK(by_kind["Ref"]["from"]["kind"] == "condition");
    CHECK(by_kind["Ref"]["to"]["kind"] == "parameter");
    CHECK(by_kind["Condition"]["from"]["id"] == "Queue");
    CHECK(by_kind["FindInMap"]["to"]["kind"] == "mapping");
    CHECK(by_kind["Sub"]["to"]["id"] == "Env");
    CHECK(by_kind["Sub"]["line"] == 13);
    CHECK(by_kind["Sub"]["column"] == 24);  // the placeholder, after the quote at 23
    CHECK(by_kind["ImportValue"]["to"]["name"] == "shared-key");
    CHECK(by_kind["ImportValue"]["line"] == 14);
    CHECK(by_kind["Export"]["from"]["id"] == "Url");
    CHECK(by_kind["Export"]["to"]["name"] == "queue-url");
    CHECK(by_kind["Export"]["line"] == 18);
    CHECK(by_kind.count("GetAtt") == 0);
}
