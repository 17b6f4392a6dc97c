#include <catch2/catch.hpp>

#include "model/template.hpp"
#include "support/helpers.hpp"

using namespace stacklint;
using stacklint::test::load_text;

TEST_CASE("Model: sections, resources and attributes with positions") {
    Document doc = load_text("t.yaml",
                             "AWSTemplateFormatVersion: '2010-09-09'\n"
                             "Description: demo\n"
                             "Transform: [AWS::LanguageExtensions]\n"
                             "Parameters:\n"
                             "  Env: {Type: String}\n"
                             "Conditions:\n"
                             "  IsProd: !Equals [!Ref Env, prod]\n"
                             "Mappings:\n"
                             "  Sizes: {prod: {x: 1}}\n"
                             "Resources:\n"
                             "  Data:\n"
                             "    Type: AWS::S3::Bucket\n"
                             "    DeletionPolicy: Retain\n"
                             "    UpdateReplacePolicy: Retain\n"
                             "    DependsOn: [Queue, Topic]\n"
                             "    Condition: IsProd\n"
                             "    Metadata: {aws:cdk:path: App/Data/Resource}\n"
                             "    Properties: {BucketName: data}\n"
                             "  Queue:\n"
                             "    Type: AWS::SQS::Queue\n"
                             "    DependsOn: Topic\n"
                             "  Fn::ForEach::Topics:\n"
                             "    - T\n"
                             "    - [A, B]\n"
                             "    - Topic${T}: {Type: AWS::SNS::Topic}\n"
                             "Outputs:\n"
                             "  Name: {Value: !Ref Data}\n");
    REQUIRE(doc.root);
    const Template t = build_template(*doc.root);
    REQUIRE(t.format_version);
    CHECK(t.transforms == std::vector<std::string_view>{"AWS::LanguageExtensions"});
    CHECK_FALSE(t.is_transformed());
    CHECK_FALSE(t.has_macro());
    REQUIRE(t.parameters.size() == 1);
    CHECK(t.parameters[0].name == "Env");
    CHECK(t.parameters[0].mark == Mark{5, 3});
    CHECK(t.conditions.size() == 1);
    CHECK(t.mappings.size() == 1);
    CHECK(t.outputs.size() == 1);
    REQUIRE(t.resources.size() == 2);
    REQUIRE(t.for_each_loops.size() == 1);
    CHECK(t.for_each_loops[0].section == "Resources");

    const Resource* data = t.find_resource("Data");
    REQUIRE(data != nullptr);
    CHECK(data->type_name == "AWS::S3::Bucket");
    CHECK(data->id_mark == Mark{11, 3});
    CHECK(data->deletion_policy_value() == "Retain");
    CHECK(data->update_replace_policy_value() == "Retain");
    REQUIRE(data->depends.size() == 2);
    CHECK(data->depends[1].target == "Topic");
    CHECK(data->depends[1].node->mark() == Mark{15, 24});
    CHECK(data->condition->value.text() == "IsProd");
    CHECK(data->cdk_path == "App/Data/Resource");
    REQUIRE(data->property("BucketName") != nullptr);
    CHECK(data->property("BucketName")->text() == "data");
    CHECK(data->property("Missing") == nullptr);

    const Resource* queue = t.find_resource("Queue");
    REQUIRE(queue != nullptr);
    REQUIRE(queue->depends.size() == 1);
    CHECK(queue->depends[0].target == "Topic");
    CHECK(queue->deletion_policy_value().empty());
    CHECK(t.find_resource("Nope") == nullptr);
}

TEST_CASE("Model: transforms classify SAM, macros and language extensions") {
    auto with = [](const std::string& transform) {
        static std::vector<Document> keep;  // the template points into its document
        keep.push_back(load_text("t.yaml", "Transform: " + transform + "\nResources: {}\n"));
        return build_template(*keep.back().root);
    };
    CHECK(with("AWS::Serverless-2016-10-31").is_sam());
    CHECK(with("AWS::Serverless-2016-10-31").is_transformed());
    CHECK_FALSE(with("AWS::Serverless-2016-10-31").has_macro());
    CHECK(with("Count").has_macro());
    CHECK(with("{Name: AWS::Include}").has_macro());
    CHECK_FALSE(with("AWS::LanguageExtensions").is_transformed());
}

TEST_CASE("Model: a template that is not a mapping yields an empty model") {
    Document doc = load_text("t.yaml", "- a\n- b\n");
    REQUIRE(doc.root);
    const Template t = build_template(*doc.root);
    CHECK(t.resources.empty());
    CHECK(t.resources_section == nullptr);
}

TEST_CASE("Model: resources whose value is not a mapping are kept, without attributes") {
    Document doc = load_text("t.yaml", "Resources:\n  A: text\n  B:\n");
    REQUIRE(doc.root);
    const Template t = build_template(*doc.root);
    REQUIRE(t.resources.size() == 2);
    CHECK(t.resources[0].type == nullptr);
    CHECK(t.resources[1].node->is_null());
}

TEST_CASE("Model: resources written in Fn::ForEach bodies, nested loops included") {
    Document doc = load_text("t.yaml",
                             "Transform: AWS::LanguageExtensions\n"
                             "Resources:\n"
                             "  Plain: {Type: AWS::SQS::Queue}\n"
                             "  Fn::ForEach::Topics:\n"
                             "    - T\n"
                             "    - [A, B]\n"
                             "    - Topic${T}:\n"
                             "        Type: AWS::SNS::Topic\n"
                             "        Properties: {DisplayName: !Ref T}\n"
                             "      Fn::ForEach::Subs:\n"
                             "        - P\n"
                             "        - [sqs]\n"
                             "        - Sub${T}${P}: {Type: AWS::SNS::Subscription}\n"
                             "  Fn::ForEach::Broken: [X, [a]]\n");
    REQUIRE(doc.root);
    const Template t = build_template(*doc.root);
    REQUIRE(t.resources.size() == 1);  // loop bodies are not resources of their own
    CHECK(t.for_each_loops.size() == 2);
    REQUIRE(t.loop_resources.size() == 2);
    const LoopResource& topic = t.loop_resources[0];
    CHECK(topic.resource.id == "Topic${T}");
    CHECK(topic.resource.id_mark == Mark{7, 7});
    CHECK(topic.resource.type_name == "AWS::SNS::Topic");
    REQUIRE(topic.resource.property("DisplayName") != nullptr);
    CHECK(topic.identifiers == std::vector<std::string_view>{"T"});
    const LoopResource& sub = t.loop_resources[1];
    CHECK(sub.resource.id == "Sub${T}${P}");
    CHECK(sub.identifiers == std::vector<std::string_view>{"T", "P"});
    CHECK(t.find_resource("Topic${T}") == nullptr);
}
