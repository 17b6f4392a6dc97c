#include <catch2/catch.hpp>

#include <algorithm>

#include "graph/graph.hpp"
#include "model/stack.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

std::unique_ptr<Stack> stack_of(const std::string& name, const std::string& text) {
    return make_stack("t", std::make_shared<const Source>(name, text), LoadLimits{});
}

std::vector<const Edge*> edges_of(const ResourceGraph& g, EdgeKind kind) {
    std::vector<const Edge*> out;
    for (const Edge& e : g.edges()) {
        if (e.kind == kind) out.push_back(&e);
    }
    return out;
}

}  // namespace

TEST_CASE("Graph: typed edges with positions, paths and resolved targets") {
    const auto s = stack_of("t.yaml",
                            "Parameters:\n"
                            "  Env: {Type: String}\n"
                            "Mappings:\n"
                            "  Sizes: {prod: {x: 1}}\n"
                            "Conditions:\n"
                            "  IsProd: !Equals [!Ref Env, prod]\n"
                            "  NotProd: !Not [!Condition IsProd]\n"
                            "Resources:\n"
                            "  Queue:\n"
                            "    Type: AWS::SQS::Queue\n"
                            "    Condition: IsProd\n"
                            "    Properties:\n"
                            "      QueueName: !Sub '${Env}-${AWS::Region}-${!Literal}'\n"
                            "  Fn:\n"
                            "    Type: AWS::Lambda::Function\n"
                            "    DependsOn: [Queue]\n"
                            "    Properties:\n"
                            "      Role: !GetAtt Role.Arn\n"
                            "      Size: !FindInMap [Sizes, prod, x]\n"
                            "      Env: !If [IsProd, !Ref Queue, !Ref AWS::NoValue]\n"
                            "      Code: !Sub ['${Q}/${Queue.Arn}', {Q: !ImportValue Shared}]\n"
                            "  Role:\n"
                            "    Type: AWS::IAM::Role\n"
                            "    Properties:\n"
                            "      Policies:\n"
                            "        - PolicyDocument:\n"
                            "            Statement:\n"
                            "              - Condition: {Bool: {x: y}}\n"
                            "Outputs:\n"
                            "  Url:\n"
                            "    Value: !Ref Missing\n"
                            "    Export: {Name: !Sub '${AWS::StackName}-Url'}\n");
    REQUIRE(s->graph);
    const ResourceGraph& g = *s->graph;

    const auto refs = edges_of(g, EdgeKind::Ref);
    REQUIRE(refs.size() == 4);
    CHECK(refs[0]->target == "Env");
    CHECK(refs[0]->section == Section::Conditions);
    CHECK(refs[0]->from == "IsProd");
    CHECK(refs[0]->target_kind == TargetKind::Parameter);
    CHECK(refs[1]->target == "Queue");
    CHECK(refs[1]->conditional);
    CHECK(refs[1]->target_kind == TargetKind::Resource);
    CHECK(refs[1]->target_index == 0);
    CHECK(refs[1]->path == "Resources/Fn/Properties/Env/Fn::If/1/Ref");
    CHECK(refs[1]->part == "Properties");
    CHECK(refs[1]->mark() == Mark{20, 30});
    CHECK(refs[2]->target_kind == TargetKind::PseudoParameter);
    CHECK(refs[3]->target == "Missing");
    CHECK(refs[3]->target_kind == TargetKind::Unknown);
    CHECK(refs[3]->section == Section::Outputs);
    CHECK(refs[3]->from_index == 0);

    const auto subs = edges_of(g, EdgeKind::Sub);
    // ${Env} ${AWS::Region} in the queue, ${Queue.Arn} in Fn (${Q} is the list form's own),
    // ${AWS::StackName} in the output
    REQUIRE(subs.size() == 4);
    CHECK(subs[0]->target_kind == TargetKind::Parameter);
    CHECK(subs[1]->target == "AWS::Region");
    CHECK(subs[2]->target == "Queue");
    CHECK(subs[2]->attribute == "Arn");
    CHECK(subs[2]->path == "Resources/Fn/Properties/Code/Fn::Sub/0");
    // The placeholder itself, inside the quoted string that starts at column 19.
    CHECK(subs[2]->mark() == Mark{21, 25});
    CHECK(subs[2]->node->mark() == Mark{21, 19});

    const auto atts = edges_of(g, EdgeKind::GetAtt);
    REQUIRE(atts.size() == 1);
    CHECK(atts[0]->target == "Role");
    CHECK(atts[0]->attribute == "Arn");
    CHECK(atts[0]->target_kind == TargetKind::Resource);
    CHECK(atts[0]->mark() == Mark{18, 21});

    const auto conds = edges_of(g, EdgeKind::Condition);
    // !Condition IsProd in NotProd, the queue's Condition, Fn::If's; not the IAM Condition block
    REQUIRE(conds.size() == 3);
    CHECK(conds[0]->from == "NotProd");
    CHECK(conds[0]->target_index == 0);
    CHECK(conds[1]->part == "Condition");
    CHECK(conds[2]->call != nullptr);

    const auto deps = edges_of(g, EdgeKind::DependsOn);
    REQUIRE(deps.size() == 1);
    CHECK(deps[0]->path == "Resources/Fn/DependsOn/0");

    const auto maps = edges_of(g, EdgeKind::FindInMap);
    REQUIRE(maps.size() == 1);
    CHECK(maps[0]->target_kind == TargetKind::Mapping);

    CHECK(g.dependencies(1) == std::vector<std::size_t>{0, 2});
    CHECK(g.dependencies(0).empty());
    CHECK(g.resource_edges(1).size() == 7);
    CHECK(g.resource_cycles().empty());

    REQUIRE(g.imports().size() == 1);
    CHECK(g.imports()[0].name.form == ExportName::Form::Literal);
    CHECK(g.imports()[0].name.text == "Shared");
    CHECK(g.imports()[0].from == "Fn");
    REQUIRE(g.exports().size() == 1);
    CHECK(g.exports()[0].output == 0);
    CHECK(g.exports()[0].name.form == ExportName::Form::Sub);
    CHECK(g.exports()[0].name.text == "${AWS::StackName}-Url");
}

TEST_CASE("Graph: GetAtt in every form, JSON included") {
    const auto s = stack_of("t.json", R"({"Resources": {
  "A": {"Type": "AWS::SQS::Queue"},
  "B": {"Type": "AWS::SNS::Topic", "Properties": {
    "X": {"Fn::GetAtt": ["A", "Arn"]},
    "Y": {"Fn::GetAtt": "A.QueueName"},
    "Z": {"Fn::GetAtt": ["A", {"Ref": "Attr"}]}}}},
 "Parameters": {"Attr": {"Type": "String"}}})");
    const auto atts = edges_of(*s->graph, EdgeKind::GetAtt);
    REQUIRE(atts.size() == 3);
    CHECK(atts[0]->attribute == "Arn");
    CHECK(atts[0]->mark() == Mark{4, 26});
    CHECK(atts[1]->target == "A");
    CHECK(atts[1]->attribute == "QueueName");
    CHECK(atts[2]->attribute.empty());
    REQUIRE(atts[2]->attribute_node != nullptr);
    CHECK(atts[2]->attribute_node->intrinsic_name() == "Ref");
    CHECK(edges_of(*s->graph, EdgeKind::Ref).size() == 1);
}

TEST_CASE("Graph: cycles through Ref, GetAtt, Sub and DependsOn, each once") {
    const auto s = stack_of("t.yaml",
                            "Resources:\n"
                            "  A: {Type: X::Y::Z, Properties: {P: !Ref B}}\n"
                            "  B: {Type: X::Y::Z, Properties: {P: !GetAtt C.Arn}}\n"
                            "  C: {Type: X::Y::Z, Properties: {P: !Sub '${A}'}, DependsOn: B}\n"
                            "  D: {Type: X::Y::Z, Properties: {P: !Ref D}}\n"
                            "  E: {Type: X::Y::Z, Properties: {P: !Ref A}}\n");
    const ResourceGraph& g = *s->graph;
    REQUIRE(g.resource_cycles().size() == 3);
    CHECK(g.resource_cycles()[0] == Cycle{0, 1, 2});
    CHECK(g.resource_cycles()[1] == Cycle{1, 2});
    CHECK(g.resource_cycles()[2] == Cycle{3});
    CHECK(g.on_cycle(0, 1));
    CHECK(g.on_cycle(3, 3));
    CHECK_FALSE(g.on_cycle(4, 0));
}

TEST_CASE("Graph: conditions that refer to themselves") {
    const auto s = stack_of("t.yaml",
                            "Conditions:\n"
                            "  A: !Not [!Condition B]\n"
                            "  B: !And [!Condition A, !Condition C]\n"
                            "  C: !Equals [x, y]\n"
                            "Resources:\n"
                            "  Q: {Type: AWS::SQS::Queue, Condition: A}\n");
    const ResourceGraph& g = *s->graph;
    REQUIRE(g.condition_cycles().size() == 1);
    CHECK(g.condition_cycles()[0] == Cycle{0, 1});
    CHECK(g.resource_cycles().empty());
}

TEST_CASE("Graph: Fn::ForEach loop variables and generated names") {
    const auto s = stack_of("t.yaml",
                            "Transform: AWS::LanguageExtensions\n"
                            "Parameters:\n"
                            "  Names: {Type: CommaDelimitedList}\n"
                            "Resources:\n"
                            "  Fn::ForEach::Topics:\n"
                            "    - Name\n"
                            "    - !Ref Names\n"
                            "    - Topic${Name}:\n"
                            "        Type: AWS::SNS::Topic\n"
                            "        Properties:\n"
                            "          TopicName: !Ref Name\n"
                            "          DisplayName: !Sub '${Name}-${AWS::Region}'\n"
                            "  Sub:\n"
                            "    Type: AWS::SNS::Subscription\n"
                            "    Properties:\n"
                            "      TopicArn: !Ref TopicOrders\n"
                            "      Endpoint: !GetAtt [!Sub 'Topic${Other}', Arn]\n"
                            "      Protocol: !Ref Name\n");
    const ResourceGraph& g = *s->graph;
    REQUIRE(g.generated_names().size() == 1);
    CHECK(g.generated_names()[0].pattern == "Topic${Name}");
    CHECK(g.generated("Resources", "TopicOrders"));
    CHECK_FALSE(g.generated("Outputs", "TopicOrders"));
    const auto refs = edges_of(g, EdgeKind::Ref);
    REQUIRE(refs.size() == 4);
    CHECK(refs[0]->target_kind == TargetKind::Parameter);  // the collection, outside the loop
    CHECK_FALSE(refs[0]->in_loop);
    CHECK(refs[1]->target_kind == TargetKind::LoopVariable);
    CHECK(refs[1]->in_loop);
    CHECK(refs[1]->from == "Topic${Name}");
    CHECK(refs[1]->from_index == kNoIndex);
    CHECK(refs[2]->target_kind == TargetKind::Generated);
    CHECK(refs[3]->target_kind == TargetKind::Unknown);  // outside the loop, Name is nothing
    const auto subs = edges_of(g, EdgeKind::Sub);
    REQUIRE(subs.size() == 3);
    CHECK(subs[0]->target_kind == TargetKind::LoopVariable);
    CHECK(subs[2]->target == "Other");
    CHECK(subs[2]->target_kind == TargetKind::Unknown);
    CHECK(edges_of(g, EdgeKind::GetAtt).empty());  // its name is computed
}

TEST_CASE("Graph: a template that is not a mapping has an empty graph") {
    const auto s = stack_of("t.yaml", "- a\n- b\n");
    REQUIRE(s->graph);
    CHECK(s->graph->edges().empty());
    CHECK(s->graph->resource_cycles().empty());
}

TEST_CASE("Graph: inline transforms and computed map names are noted") {
    const auto s =
        stack_of("t.yaml",
                 "Parameters:\n"
                 "  M: {Type: String}\n"
                 "Resources:\n"
                 "  Q:\n"
                 "    Type: AWS::SQS::Queue\n"
                 "    Properties:\n"
                 "      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n"
                 "      X: !FindInMap [!Ref M, a, b]\n");
    CHECK(s->graph->has_inline_transform());
    CHECK(s->graph->has_dynamic_map_name());
    CHECK(edges_of(*s->graph, EdgeKind::FindInMap).empty());
}
