#include <catch2/catch.hpp>

#include "graph/names.hpp"

#include <optional>
#include <string>
#include <vector>

using namespace stacklint;

TEST_CASE("Names: pseudo parameters") {
    CHECK(is_pseudo_parameter("AWS::Region"));
    CHECK(is_pseudo_parameter("AWS::NoValue"));
    CHECK(is_pseudo_parameter("AWS::URLSuffix"));
    CHECK_FALSE(is_pseudo_parameter("AWS::Regions"));
    CHECK_FALSE(is_pseudo_parameter("Region"));
    CHECK(pseudo_parameters().size() == 8);
}

TEST_CASE("Names: Fn::Sub placeholders, escapes and unterminated text") {
    const auto vars = sub_variables("arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}/${Res.Arn}");
    REQUIRE(vars.size() == 3);
    CHECK(vars[0].name == "AWS::Partition");
    CHECK(vars[0].offset == 4);
    CHECK(vars[1].name == "Bucket");
    CHECK(vars[2].name == "Res.Arn");
    CHECK(sub_variables("plain").empty());
    CHECK(sub_variables("${!A}${!B}").empty());
    CHECK(sub_variables("cost: $5 and ${unterminated").empty());
    const auto empty = sub_variables("${}");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].name.empty());
}

TEST_CASE("Names: Fn::ForEach key templates") {
    CHECK(is_templated_name("Topic${Name}"));
    CHECK(is_templated_name("Topic&{Name}"));
    CHECK_FALSE(is_templated_name("Topic"));
    CHECK(matches_name_template("Topic${Name}", "TopicA"));
    CHECK(matches_name_template("Topic${Name}", "Topic"));
    CHECK(matches_name_template("${A}Queue&{B}Dlq", "OrdersQueueEuDlq"));
    CHECK(matches_name_template("S3Bucket${Id}${Prop}", "S3BucketAArn"));
    CHECK_FALSE(matches_name_template("Topic${Name}", "Queue"));
    CHECK_FALSE(matches_name_template("A${x}B${y}C", "AC"));
    CHECK(matches_name_template("Plain", "Plain"));
    CHECK_FALSE(matches_name_template("Plain", "Plainer"));
}

TEST_CASE("Names: a loop over a literal list generates exactly its names") {
    const std::vector<LoopValues> loops = {{"Env", std::vector<std::string_view>{"Dev", "Prod"}},
                                           {"Cidr", std::vector<std::string_view>{"10.0.1.0/24"}},
                                           {"Any", std::nullopt}};
    CHECK(expand_name_template("${Env}Topic", loops) ==
          std::vector<std::string>{"DevTopic", "ProdTopic"});
    CHECK(expand_name_template("Subnet&{Cidr}${Env}", loops) ==
          std::vector<std::string>{"Subnet1001024Dev", "Subnet1001024Prod"});
    // The same identifier twice takes the same value in both places.
    CHECK(expand_name_template("${Env}-${Env}", loops) ==
          std::vector<std::string>{"Dev-Dev", "Prod-Prod"});
    CHECK(expand_name_template("Static", loops) == std::vector<std::string>{"Static"});
    // Unknown values, or a placeholder that names no loop: only the pattern is known.
    CHECK_FALSE(expand_name_template("${Any}", loops));
    CHECK_FALSE(expand_name_template("${Other}", loops));
    // An inner loop's identifier hides an outer one of the same name.
    const std::vector<LoopValues> shadow = {{"X", std::vector<std::string_view>{"a"}},
                                            {"X", std::vector<std::string_view>{"b"}}};
    CHECK(expand_name_template("${X}", shadow) == std::vector<std::string>{"b"});
    // Too many combinations stay a pattern.
    std::vector<std::string_view> many(200, "v");
    const std::vector<LoopValues> big = {{"A", many}, {"B", many}};
    CHECK_FALSE(expand_name_template("${A}${B}", big));
}
