// The property validator on hand-written schema snippets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "model/template.hpp"
#include "schema/embedded.hpp"
#include "schema/intrinsics.hpp"
#include "schema/validator.hpp"
#include "support/helpers.hpp"

using namespace stacklint;
using schema::Issue;
using schema::Violation;

namespace {

// Resource `R` of type `Test::Thing::X`, with the properties given as YAML (indented by 6),
// validated against `schema_json` (a resource-level schema: properties, required...).
struct Run {
    Document doc;
    std::vector<Violation> violations;

    Run(const std::string& schema_json, const std::string& properties,
        const std::string& extra_sections = "",
        const std::set<std::string, std::less<>>& read_only = {},
        const std::set<std::string, std::less<>>& deprecated = {},
        const std::vector<std::string_view>& loop_identifiers = {}) {
        const std::string text = extra_sections +
                                 "Resources:\n"
                                 "  Other:\n"
                                 "    Type: Test::Thing::Y\n"
                                 "  R:\n"
                                 "    Type: Test::Thing::X\n"
                                 "    Properties:\n" +
                                 properties;
        doc = test::load_text("t.yaml", text);
        REQUIRE(doc.root);
        const Template tmpl = build_template(*doc.root);
        schema::ResourceSchema s;
        s.type_name = "Test::Thing::X";
        s.doc = nlohmann::json::parse(schema_json);
        s.read_only = read_only;
        s.deprecated = deprecated;
        static const schema::Registry registry{std::string_view()};
        const Resource* r = tmpl.find_resource("R");
        REQUIRE(r != nullptr);
        violations = schema::validate_resource(*r, s, tmpl, registry, loop_identifiers);
    }

    std::size_t count(Issue issue) const {
        return static_cast<std::size_t>(
            std::count_if(violations.begin(), violations.end(),
                          [&](const Violation& v) { return v.issue == issue; }));
    }
    const Violation& only() const {
        REQUIRE(violations.size() == 1);
        return violations.front();
    }
};

const std::string kTypes = R"({"additionalProperties":false,"properties":{
    "S":{"type":"string"},"I":{"type":"integer"},"N":{"type":"number"},"B":{"type":"boolean"},
    "L":{"type":"array","items":{"type":"string"}},"O":{"type":"object","additionalProperties":false,"properties":{"A":{"type":"string"}}},
    "F":{"type":"object"},"SO":{"type":["string","object"]}}})";

}  // namespace

TEST_CASE("Validator: CloudFormation's scalar coercions are accepted", "[schema][validator]") {
    const Run run(kTypes,
                  "      S: 80\n"
                  "      I: \"20\"\n"
                  "      N: \"1.5e3\"\n"
                  "      B: \"true\"\n");
    CHECK(run.violations.empty());
    const Run run2(kTypes,
                   "      S: true\n"
                   "      I: 20\n"
                   "      N: -.5\n"
                   "      B: False\n"
                   "      F: '{\"json\": \"text\"}'\n"
                   "      SO: {A: b}\n");
    CHECK(run2.violations.empty());
}

TEST_CASE("Validator: wrong types point at the value with the property path",
          "[schema][validator]") {
    const Run run(kTypes,
                  "      I: abc\n"
                  "      N: 1.2.3\n"
                  "      B: maybe\n"
                  "      L: one\n"
                  "      O: [a]\n"
                  "      S: {A: b}\n");
    CHECK(run.count(Issue::WrongType) == 6);
    const auto it = std::find_if(run.violations.begin(), run.violations.end(),
                                 [](const Violation& v) { return v.path.ends_with("/I"); });
    REQUIRE(it != run.violations.end());
    CHECK(it->path == "Resources/R/Properties/I");
    CHECK(it->mark == Mark{7, 10});
    CHECK(it->message.find("an integer") != std::string::npos);
    // A fractional number is not an integer; a YAML 1.1 'yes' is not judged.
    CHECK(Run(kTypes, "      I: 2.5\n").count(Issue::WrongType) == 1);
    CHECK(Run(kTypes, "      B: yes\n").violations.empty());
}

TEST_CASE("Validator: unknown properties, with a suggestion, at the key", "[schema][validator]") {
    const Run run(kTypes, "      Sx: a\n      O: {A: x, Ab: y}\n");
    REQUIRE(run.count(Issue::UnknownProperty) == 2);
    CHECK(run.violations[0].mark == Mark{7, 7});
    CHECK(run.violations[0].message.find("did you mean 'S'") != std::string::npos);
    CHECK(run.violations[1].path == "Resources/R/Properties/O/Ab");
    // Removed by AWS::NoValue: not there at all.
    CHECK(Run(kTypes, "      Sx: !Ref AWS::NoValue\n").violations.empty());
    // A free-form object takes any key; a Fn::Transform leaves the keys unknown.
    CHECK(Run(kTypes, "      F: {Anything: 1}\n").violations.empty());
    CHECK(Run(kTypes, "      O: {Fn::Transform: {Name: M}, Zzz: 1}\n").violations.empty());
}

TEST_CASE("Validator: required properties, NoValue and Fn::If", "[schema][validator]") {
    const std::string schema =
        R"({"properties":{"A":{"type":"string"},"B":{"type":"string"}},"required":["A"]})";
    const Run missing(schema, "      B: x\n");
    const Violation& v = missing.only();
    CHECK(v.issue == Issue::MissingRequired);
    CHECK(v.mark == Mark{6, 5});  // the Properties key
    CHECK(v.path == "Resources/R/Properties/A");
    CHECK(Run(schema, "      A: !Ref AWS::NoValue\n").count(Issue::MissingRequired) == 1);
    // Present in one branch only: missing in the combinations where the other deploys, and
    // the finding names them.
    const Run one_branch(schema, "      A: !If [C, x, !Ref AWS::NoValue]\n");
    CHECK(one_branch.only().issue == Issue::MissingRequired);
    CHECK(one_branch.only().conditional);
    CHECK(one_branch.only().message.find("(when condition C is false)") != std::string::npos);
    CHECK(Run(schema, "      A: !Ref Unknown\n").violations.empty());
}

TEST_CASE("Validator: Fn::If is judged per combination of conditions that can happen",
          "[schema][validator]") {
    const std::string schema = R"({"properties":{"A":{"type":"string"},"B":{"type":"string"}},
        "dependentExcluded":{"A":["B"]}})";
    const std::string exclusive =
        "Parameters:\n"
        "  Mode: {Type: String, AllowedValues: [a, b]}\n"
        "Conditions:\n"
        "  IsA: !Equals [!Ref Mode, a]\n"
        "  IsB: !Equals [!Ref Mode, b]\n"
        "  NotA: !Not [!Condition IsA]\n";
    const std::string properties =
        "      A: !If [IsA, x, !Ref AWS::NoValue]\n"
        "      B: !If [IsB, y, !Ref AWS::NoValue]\n";
    // Mode cannot be both a and b: A and B are never set together.
    CHECK(Run(schema, properties, exclusive).violations.empty());
    // Two independent parameters: both may be set, and the finding says when.
    const std::string independent =
        "Parameters:\n"
        "  WithA: {Type: String}\n"
        "  WithB: {Type: String}\n"
        "Conditions:\n"
        "  IsA: !Equals [!Ref WithA, 'yes']\n"
        "  IsB: !Equals [!Ref WithB, 'yes']\n";
    const Run both(schema, properties, independent);
    CHECK(both.only().issue == Issue::Combination);
    CHECK(both.only().message.find("(when condition IsA is true and condition IsB is true)") !=
          std::string::npos);
    // A required property set in one branch, under a condition that always holds when the
    // other branch is excluded by AllowedValues: never missing.
    const std::string required = R"({"properties":{"A":{"type":"string"}},"required":["A"]})";
    CHECK(Run(required, "      A: !If [IsA, x, !If [IsB, y, !Ref AWS::NoValue]]\n", exclusive)
              .violations.empty());
    CHECK(Run(required, "      A: !If [NotA, x, !Ref AWS::NoValue]\n", exclusive)
              .only()
              .message.find("(when condition NotA is false)") != std::string::npos);
}

TEST_CASE("Validator: intrinsic functions are judged by what they return", "[schema][validator]") {
    const std::string params =
        "Parameters:\n"
        "  Many: {Type: CommaDelimitedList}\n"
        "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}\n"
        "  One: {Type: String}\n";
    const Run run(kTypes,
                  "      S: !Ref Many\n"
                  "      I: !Split [',', '1,2']\n"
                  "      L: !Ref One\n",
                  params);
    CHECK(run.count(Issue::WrongType) == 3);
    const Run fine(kTypes,
                   "      S: !Join ['', [a, !Ref One]]\n"
                   "      I: !Ref One\n"
                   "      L: !Ref Subnets\n"
                   "      B: !FindInMap [M, a, b]\n"
                   "      O: !GetAtt Other.Whatever\n"
                   "      N: !Select [0, !Ref Many]\n",
                   params);
    CHECK(fine.violations.empty());
    // Both branches of Fn::If are checked; the finding says which kind of finding it is.
    const Run branches(kTypes, "      I: !If [C, 5, abc]\n");
    const Violation& v = branches.only();
    CHECK(v.conditional);
    CHECK(v.mark == Mark{7, 21});
}

TEST_CASE("Validator: enum, pattern, lengths, ranges, list sizes", "[schema][validator]") {
    const std::string schema = R"({"properties":{
        "E":{"type":"string","enum":["gp2","gp3"]},
        "D":{"type":"integer","enum":[1,3,7]},
        "P":{"type":"string","pattern":"^[a-z]+$","minLength":2,"maxLength":4},
        "R":{"type":"integer","minimum":1,"maximum":10},
        "X":{"type":"number","exclusiveMinimum":0},
        "L":{"type":"array","minItems":1,"maxItems":2}}})";
    CHECK(
        Run(schema,
            "      E: gp3\n      D: \"7\"\n      P: abc\n      R: 10\n      X: 0.1\n      L: [a]\n")
            .violations.empty());
    const Run bad(schema,
                  "      E: GP3\n"
                  "      D: 2\n"
                  "      P: Ab\n"
                  "      R: 11\n"
                  "      X: 0\n"
                  "      L: [a, b, c]\n");
    CHECK(bad.count(Issue::NotInEnum) == 2);
    CHECK(bad.count(Issue::PatternMismatch) == 1);
    CHECK(bad.count(Issue::OutOfBounds) == 3);
    CHECK(bad.violations[0].message.find("did you mean 'gp3'") != std::string::npos);
    CHECK(Run(schema, "      P: abcdef\n").count(Issue::OutOfBounds) == 1);
    // Lengths count characters, not bytes.
    CHECK(Run(schema, "      P: \"\xC3\xA9\xC3\xA9\xC3\xA9\"\n").count(Issue::OutOfBounds) == 0);
    // Items removed by NoValue do not count; an item that may be removed counts only for
    // the bound it cannot break.
    CHECK(Run(schema, "      L: [a, !Ref AWS::NoValue, b]\n").violations.empty());
    // An item that may be removed: too few items in the combination without it.
    CHECK(Run(schema, "      L: [!If [C, a, !Ref AWS::NoValue]]\n")
              .only()
              .message.find("when condition C is false") != std::string::npos);
    CHECK(Run(schema, "      L: []\n").count(Issue::OutOfBounds) == 1);
    // Dynamic references are resolved at deploy time.
    CHECK(Run(schema, "      P: '{{resolve:ssm:/name}}'\n").violations.empty());
}

TEST_CASE("Validator: $ref, nested paths, read-only and deprecated", "[schema][validator]") {
    const std::string schema =
        R"({"definitions":{"Rule":{"type":"object","additionalProperties":false,
        "properties":{"Id":{"type":"string"},"Arn":{"type":"string"},"Old":{"type":"string"}},"required":["Id"]}},
        "properties":{"Rules":{"type":"array","items":{"$ref":"#/definitions/Rule"}},"Arn":{"type":"string"}}})";
    const Run run(schema,
                  "      Arn: x\n"
                  "      Rules:\n"
                  "        - Arn: y\n"
                  "          Old: z\n",
                  "", {"/properties/Arn", "/properties/Rules/*/Arn"},
                  {"/definitions/Rule/properties/Old"});
    CHECK(run.count(Issue::ReadOnly) == 2);
    CHECK(run.count(Issue::Deprecated) == 1);
    CHECK(run.count(Issue::MissingRequired) == 1);
    const auto missing =
        std::find_if(run.violations.begin(), run.violations.end(),
                     [](const Violation& v) { return v.issue == Issue::MissingRequired; });
    CHECK(missing->path == "Resources/R/Properties/Rules/0/Id");
    CHECK(missing->mark == Mark{9, 11});
}

TEST_CASE("Validator: oneOf/anyOf/allOf/dependencies give one finding naming the alternatives",
          "[schema][validator]") {
    const std::string schema =
        R"({"properties":{"A":{"type":"string"},"B":{"type":"string"},"C":{"type":"string"},
        "V":{"oneOf":[{"type":"integer"},{"type":"object","properties":{"X":{"type":"string"}},"required":["X"]}]}},
        "oneOf":[{"required":["A"]},{"required":["B"]}],
        "dependencies":{"C":["A"]}})";
    CHECK(Run(schema, "      A: x\n").violations.empty());
    const Run none(schema, "      C: x\n");
    CHECK(none.count(Issue::Combination) == 2);  // oneOf and C's dependency
    const Run both(schema, "      A: x\n      B: y\n");
    const Violation& v = both.only();
    CHECK(v.issue == Issue::Combination);
    CHECK(v.message.find("with 'A'; with 'B'") != std::string::npos);
    // Only the mapping alternative can take a mapping: its own violation is the finding.
    const Run value(schema, "      A: x\n      V: {Y: 1}\n");
    CHECK(value.only().issue == Issue::MissingRequired);
    CHECK(value.only().path == "Resources/R/Properties/V/X");
    // A string fits neither: one finding naming the alternatives.
    const Run neither(schema, "      A: x\n      V: text\n");
    CHECK(neither.only().issue == Issue::Combination);
    CHECK(neither.only().path == "Resources/R/Properties/V");
    CHECK(neither.only().message.find("exactly one of: an integer; with 'X'") != std::string::npos);
    CHECK(Run(schema, "      A: x\n      V: 5\n").violations.empty());
    // Unknown values leave the alternatives undecided: no finding.
    CHECK(Run(schema, "      A: x\n      V: !Ref P\n").violations.empty());
    CHECK(Run(schema,
              "      A: !If [C, x, !Ref AWS::NoValue]\n      B: !If [C, !Ref AWS::NoValue, y]\n")
              .violations.empty());
    const std::string any =
        R"({"properties":{"A":{"type":"string"}},"anyOf":[{"required":["A"]},{"required":["B"]}],
        "allOf":[{"properties":{"A":{"enum":["x"]}}}]})";
    CHECK(Run(any, "      A: x\n").violations.empty());
    // The one failing part of allOf names the real problem.
    CHECK(Run(any, "      A: y\n").only().issue == Issue::NotInEnum);
}

TEST_CASE("Validator: recursive schemas and deep templates stay bounded", "[schema][validator]") {
    // A definition that contains itself, and a self-referencing $ref cycle.
    const std::string schema =
        R"({"definitions":{"Node":{"type":"object","properties":{"Next":{"$ref":"#/definitions/Node"},
        "V":{"type":"integer"}}},"Loop":{"$ref":"#/definitions/Loop"}},
        "properties":{"N":{"$ref":"#/definitions/Node"},"Z":{"$ref":"#/definitions/Loop"}}})";
    std::string yaml = "      N:\n";
    std::string indent = "        ";
    for (int i = 0; i < 200; ++i) {
        yaml += indent + "Next:\n";
        indent += "  ";
    }
    yaml += indent + "V: abc\n      Z: 1\n";
    const Run run(schema, yaml);
    CHECK(run.only().issue == Issue::WrongType);
}

namespace {

// Schemas in the shapes the AWS schemas use for alternatives.
const std::string kAlternatives = R"({"definitions":{
    "Partitioned":{"type":"object","additionalProperties":false,
        "properties":{"Source":{"type":"string","enum":["EventTime","DeliveryTime"]}}},
    "Key":{"type":"object","additionalProperties":false,
        "properties":{"Name":{"type":"string"},"Kind":{"type":"string"}},"required":["Kind","Name"]}},
  "properties":{
    "Format":{"type":"object","oneOf":[
        {"additionalProperties":false,"properties":{"Simple":{"type":"object","additionalProperties":false}},"required":["Simple"]},
        {"additionalProperties":false,"properties":{"Partitioned":{"$ref":"#/definitions/Partitioned"}},"required":["Partitioned"]}]},
    "Keys":{"oneOf":[{"type":"array","items":{"$ref":"#/definitions/Key"}},{"type":"object"}]},
    "Template":{"type":"object","properties":{"Id":{"type":"string"},"Name":{"type":"string"},"Version":{"type":"string"}},
        "oneOf":[{"required":["Name","Version"]},{"required":["Id","Version"]}]},
    "Loose":{"anyOf":[
        {"type":"object","properties":{"A":{"type":"integer"},"B":{"type":"integer"}}},
        {"type":"object","properties":{"A":{"type":"integer"},"B":{"type":"string","enum":["q"]}}}]},
    "Both":{"allOf":[
        {"properties":{"A":{"type":"string","maxLength":3}}},
        {"properties":{"B":{"type":"string"}},"required":["B"]}]},
    "Deep":{"oneOf":[
        {"type":"string"},
        {"type":"object","additionalProperties":false,"properties":{"Inner":{"$ref":"#/properties/Format"}},"required":["Inner"]}]}}})";

}  // namespace

TEST_CASE("Validator: the one plausible alternative reports its own violations",
          "[schema][validator]") {
    // The required key that tells the alternatives apart is present: the problem is inside.
    const Run enum_inside(kAlternatives,
                          "      Format:\n"
                          "        Partitioned:\n"
                          "          Source: Bogus\n");
    const Violation& e = enum_inside.only();
    CHECK(e.issue == Issue::NotInEnum);
    CHECK(e.path == "Resources/R/Properties/Format/Partitioned/Source");
    CHECK(e.mark == Mark{9, 19});
    CHECK(e.message.find("allowed: EventTime, DeliveryTime") != std::string::npos);
    CHECK_FALSE(e.conditional);

    // A list can only be the list alternative: the item's missing key is the finding.
    const Run list_item(kAlternatives, "      Keys:\n        - Name: id\n");
    const Violation& m = list_item.only();
    CHECK(m.issue == Issue::MissingRequired);
    CHECK(m.path == "Resources/R/Properties/Keys/0/Kind");
    CHECK(m.mark == Mark{8, 11});

    // Discriminating keys ignore what every alternative requires (Version).
    const Run common(kAlternatives, "      Template: {Id: lt-1}\n");
    CHECK(common.only().issue == Issue::MissingRequired);
    CHECK(common.only().path == "Resources/R/Properties/Template/Version");

    // An unknown key inside the chosen alternative.
    const Run unknown(kAlternatives, "      Format: {Partitioned: {Sourc: EventTime}}\n");
    CHECK(unknown.only().issue == Issue::UnknownProperty);
    CHECK(unknown.only().message.find("did you mean 'Source'") != std::string::npos);

    // Alternatives inside an alternative: the same choice, one level down.
    const Run nested(kAlternatives, "      Deep: {Inner: {Partitioned: {Source: x}}}\n");
    CHECK(nested.only().issue == Issue::NotInEnum);
    CHECK(nested.only().path == "Resources/R/Properties/Deep/Inner/Partitioned/Source");
}

TEST_CASE("Validator: several plausible alternatives keep the one finding naming them",
          "[schema][validator]") {
    // Neither discriminating key, or both: nothing tells which one was meant.
    for (const char* yaml :
         {"      Format: {}\n", "      Format: {Other: 1}\n",
          "      Format: {Simple: {}, Partitioned: {}}\n", "      Template: {Version: '1'}\n",
          "      Template: {Id: a, Name: b}\n", "      Deep: [a]\n"}) {
        CAPTURE(yaml);
        const Run run(kAlternatives, yaml);
        CHECK(run.only().issue == Issue::Combination);
    }
    // Same discriminators, same types: the alternative with strictly fewer violations wins
    // (A is wrong in both, B only in the second)...
    const Run fewer(kAlternatives, "      Loose: {A: abc, B: 5}\n");
    CHECK(fewer.only().issue == Issue::WrongType);
    CHECK(fewer.only().path == "Resources/R/Properties/Loose/A");
    // ... and a tie stays one finding.
    const Run tie(kAlternatives, "      Loose: {A: abc, B: abc}\n");
    CHECK(tie.only().issue == Issue::Combination);
}

TEST_CASE("Validator: allOf reports what each failing part finds", "[schema][validator]") {
    const Run one(kAlternatives, "      Both: {A: abcd, B: x}\n");
    CHECK(one.only().issue == Issue::OutOfBounds);
    CHECK(one.only().path == "Resources/R/Properties/Both/A");
    const Run two(kAlternatives, "      Both: {A: abcd}\n");
    REQUIRE(two.violations.size() == 2);
    CHECK(two.violations[0].issue == Issue::OutOfBounds);
    CHECK(two.violations[1].issue == Issue::MissingRequired);
    CHECK(two.violations[1].message.find("'B'") != std::string::npos);
}

TEST_CASE("Validator: a part of allOf gives its reason with its violations",
          "[schema][validator]") {
    const std::string schema =
        R"({"typeName":"T::T::T","type":"object","properties":{"Kind":{"type":"string"},
        "Port":{"type":"integer"}},"allOf":[
        {"if":{"properties":{"Kind":{"const":"geneve"}},"required":["Kind"]},
         "then":{"properties":{"Port":{"enum":[6081]}}},"why":"GENEVE listens on 6081"},
        {"required":["Kind"],"why":"every T names its kind"}]})";
    const Run run(schema, "      Kind: geneve\n      Port: 80\n");
    CHECK(run.only().message.find("(when 'Kind' is 'geneve'; GENEVE listens on 6081); the "
                                  "deployment fails") != std::string::npos);
    const Run missing(schema, "      Port: 80\n");
    CHECK(missing.only().message.find("(every T names its kind)") != std::string::npos);
}

TEST_CASE("Validator: unknown values and Fn::If keep alternatives honest", "[schema][validator]") {
    // A value known only at deploy time: no alternative is judged.
    CHECK(Run(kAlternatives, "      Format: {Partitioned: {Source: !Ref P}}\n").violations.empty());
    CHECK(Run(kAlternatives, "      Keys: [{Name: id, Kind: !Ref P}]\n").violations.empty());
    // One branch of Fn::If fails: reported for the combination that deploys it.
    const Run part(kAlternatives,
                   "      Format:\n"
                   "        Partitioned: {Source: !If [C, EventTime, Bogus]}\n");
    CHECK(part.only().message.find("(when condition C is false)") != std::string::npos);
    // The whole value in one branch: its violations say so.
    const Run branch(kAlternatives,
                     "      Format: !If [C, {Partitioned: {Source: Bogus}}, {Simple: {}}]\n");
    const Violation& v = branch.only();
    CHECK(v.issue == Issue::NotInEnum);
    CHECK(v.conditional);
    CHECK(v.message.find("(when condition C is true)") != std::string::npos);
}

TEST_CASE("Validator: a deprecated property does not make an alternative fail",
          "[schema][validator]") {
    const std::string schema =
        R"({"definitions":{"Old":{"type":"object","additionalProperties":false,
        "properties":{"Mode":{"type":"string"},"Legacy":{"type":"string"}}}},
        "properties":{"V":{"oneOf":[{"$ref":"#/definitions/Old"},{"type":"string"}]}}})";
    const Run run(schema, "      V: {Legacy: x}\n", "", {}, {"/definitions/Old/properties/Legacy"});
    CHECK(run.violations.empty());
}

TEST_CASE(
    "Validator: Fn::ForEach identifiers are unknown values, keys built from them unknown keys",
    "[schema][validator]") {
    const std::string schema = R"({"additionalProperties":false,"required":["A"],
        "properties":{"A":{"type":"string"},"I":{"type":"integer"},"L":{"type":"array"}}})";
    const std::vector<std::string_view> ids{"Id"};
    // Values that use the identifier are unknown; a key built from it may be any property.
    CHECK(Run(schema, "      A: x\n      I: !Ref Id\n      L: !Ref Id\n", "", {}, {}, ids)
              .violations.empty());
    CHECK(Run(schema, "      A: x\n      I: ${Id}\n      L: !Select [0, [!Ref Id]]\n", "", {}, {},
              ids)
              .violations.empty());
    CHECK(Run(schema, "      ${Id}: x\n", "", {}, {}, ids).violations.empty());
    CHECK(Run(schema, "      '&{Id}Suffix': x\n", "", {}, {}, ids).violations.empty());
    // The rest of the resource is still checked.
    const Run rest(schema, "      ${Id}: x\n      I: abc\n      Ix: 1\n", "", {}, {}, ids);
    CHECK(rest.count(Issue::WrongType) == 1);
    CHECK(rest.count(Issue::UnknownProperty) == 1);
    CHECK(rest.count(Issue::MissingRequired) == 0);
    // Outside a loop, or for a name that is no identifier, `${...}` is just text.
    CHECK(Run(schema, "      A: x\n      ${Id}: x\n").count(Issue::UnknownProperty) == 1);
    CHECK(Run(schema, "      A: x\n      I: ${Other}\n", "", {}, {}, ids).count(Issue::WrongType) ==
          1);
}

TEST_CASE("Validator: Fn::GetAtt shapes come from the shipped schemas' attribute types",
          "[schema][validator]") {
    const schema::Registry registry{schema::embedded_data()};
    Document doc = test::load_text("t.yaml",
                                   "Resources:\n"
                                   "  Subnet: {Type: AWS::EC2::Subnet}\n"
                                   "  Group: {Type: AWS::EC2::SecurityGroup}\n"
                                   "  Nested: {Type: AWS::CloudFormation::Stack}\n"
                                   "  Seed: {Type: Custom::Seed}\n"
                                   "  I:\n"
                                   "    Type: AWS::EC2::Instance\n"
                                   "    Properties:\n"
                                   "      ImageId: ami-0123456789abcdef0\n"
                                   "      SubnetId: !GetAtt Subnet.Ipv6CidrBlocks\n"
                                   "      SecurityGroupIds: !GetAtt Group.GroupId\n"
                                   "  J:\n"
                                   "    Type: AWS::EC2::Instance\n"
                                   "    Properties:\n"
                                   "      ImageId: ami-0123456789abcdef0\n"
                                   "      SubnetId: !Select [0, !GetAtt Subnet.Ipv6CidrBlocks]\n"
                                   "      SecurityGroupIds: [!GetAtt Group.GroupId]\n"
                                   "      KeyName: !GetAtt Nested.Outputs.Key\n"
                                   "      PlacementGroupName: !GetAtt Seed.Anything\n"
                                   "  K:\n"
                                   "    Type: AWS::EC2::Instance\n"
                                   "    Properties:\n"
                                   "      ImageId: ami-0123456789abcdef0\n"
                                   "      SecurityGroupIds: !GetAtt Nested.Outputs.Groups\n"
                                   "      Ipv6Addresses: !GetAtt Seed.Anything\n");
    REQUIRE(doc.root);
    const Template tmpl = build_template(*doc.root);
    const schema::ResourceSchema* instance = registry.find("AWS::EC2::Instance");
    REQUIRE(instance != nullptr);

    // The attribute types themselves.
    const Resource* i = tmpl.find_resource("I");
    REQUIRE(i != nullptr);
    CHECK(schema::intrinsic_shape(*i->property("SubnetId"), tmpl, registry) == schema::Shape::List);
    CHECK(schema::intrinsic_shape(*i->property("SecurityGroupIds"), tmpl, registry) ==
          schema::Shape::Scalar);

    const std::vector<Violation> wrong = schema::validate_resource(*i, *instance, tmpl, registry);
    REQUIRE(wrong.size() == 2);
    CHECK(wrong[0].issue == Issue::WrongType);
    CHECK(wrong[0].path == "Resources/I/Properties/SubnetId");
    CHECK(wrong[0].message.find("returns a list") != std::string::npos);
    CHECK(wrong[1].issue == Issue::WrongType);
    CHECK(wrong[1].path == "Resources/I/Properties/SecurityGroupIds");
    CHECK(wrong[1].message.find("returns a single value") != std::string::npos);

    // An item of a list attribute, a list of single values, a nested stack's output (a
    // string) and a custom resource's attribute (unknown) where strings are expected.
    CHECK(schema::validate_resource(*tmpl.find_resource("J"), *instance, tmpl, registry).empty());
    // A nested stack's output is one string, even where a list is expected; a custom
    // resource's attribute could be anything.
    const std::vector<Violation> k =
        schema::validate_resource(*tmpl.find_resource("K"), *instance, tmpl, registry);
    REQUIRE(k.size() == 1);
    CHECK(k[0].path == "Resources/K/Properties/SecurityGroupIds");
}
