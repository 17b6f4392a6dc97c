#include <catch2/catch.hpp>

#include "graph/names.hpp"

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
