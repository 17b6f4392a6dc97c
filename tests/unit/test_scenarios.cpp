// Which combinations of Conditions can hold together (src/model/scenarios).
#include <catch2/catch.hpp>

#include <string>

#include "model/scenarios.hpp"
#include "model/template.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

struct Fixture {
    Document doc;
    Template tmpl;
    explicit Fixture(const std::string& sections)
        : doc(test::load_text("t.yaml", sections + "Resources:\n  R: {Type: AWS::SNS::Topic}\n")),
          tmpl(build_template(*doc.root)) {}
    Scenarios ask(std::vector<std::string_view> names, std::string_view required = {}) const {
        return possible_scenarios(tmpl, std::move(names), required);
    }
};

}  // namespace

TEST_CASE("Scenarios: independent, exclusive and derived conditions", "[scenarios]") {
    const Fixture f(
        "Parameters:\n"
        "  Env: {Type: String}\n"
        "  Size: {Type: String, AllowedValues: [small, large]}\n"
        "  Other: {Type: String}\n"
        "Conditions:\n"
        "  IsProd: !Equals [!Ref Env, prod]\n"
        "  IsDev: !Equals [dev, !Ref Env]\n"  // either order
        "  NotProd: !Not [!Condition IsProd]\n"
        "  IsSmall: !Equals [!Ref Size, small]\n"
        "  IsLarge: !Equals [!Ref Size, large]\n"
        "  IsHuge: !Equals [!Ref Size, huge]\n"
        "  ProdAndSmall: !And [!Condition IsProd, !Condition IsSmall]\n"
        "  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]\n"
        "  HasOther: !Equals [!Ref Other, 'yes']\n");
    // Env cannot be prod and dev at once: three combinations, not four.
    Scenarios s = f.ask({"IsProd", "IsDev"});
    CHECK(s.exact);
    CHECK(s.choices == std::vector<std::uint64_t>{0b00, 0b01, 0b10});
    // A condition and its negation.
    s = f.ask({"IsProd", "NotProd"});
    CHECK(s.choices == std::vector<std::uint64_t>{0b01, 0b10});
    // Size is small or large (AllowedValues): exactly one holds; huge never does.
    s = f.ask({"IsSmall", "IsLarge", "IsHuge"});
    CHECK(s.choices == std::vector<std::uint64_t>{0b001, 0b010});
    // Different parameters are independent.
    s = f.ask({"IsProd", "HasOther"});
    CHECK(s.choices.size() == 4);
    // Derived conditions follow from their parts.
    s = f.ask({"ProdAndSmall", "IsProd", "IsSmall"});
    for (const std::uint64_t c : s.choices) {
        const bool both = (c & 0b110) == 0b110;
        CHECK(((c & 1) != 0) == both);
    }
    s = f.ask({"ProdOrDev", "IsProd", "IsDev"});
    CHECK(s.choices == std::vector<std::uint64_t>{0b000, 0b011, 0b101});
    // A required condition: only the combinations where it holds.
    s = f.ask({"IsDev"}, "IsProd");
    CHECK(s.choices == std::vector<std::uint64_t>{0b0});
    CHECK(describe_scenarios(s, s.choices) == "when condition IsDev is false");
}

TEST_CASE("Scenarios: what cannot be read is free, and the bound holds", "[scenarios]") {
    const Fixture odd(
        "Conditions:\n"
        "  Loop: !Condition Loop\n"
        "  Weird: !Equals [!Select [0, !GetAZs ''], us-east-1a]\n"
        "  Same: !Equals [a, a]\n"
        "  Different: !Equals [a, b]\n");
    Scenarios s = odd.ask({"Loop", "Unknown", "Weird", "Same", "Different"});
    CHECK(s.exact);
    for (const std::uint64_t c : s.choices) {
        CHECK((c & 0b01000) != 0);  // Same is always true
        CHECK((c & 0b10000) == 0);  // Different never
    }
    CHECK(s.choices.size() == 8);  // Loop, Unknown and Weird are free

    std::string many = "Parameters:\n";
    std::string conditions = "Conditions:\n";
    std::vector<std::string> names;
    for (int i = 0; i < 13; ++i) {
        many += "  P" + std::to_string(i) + ": {Type: String}\n";
        conditions +=
            "  C" + std::to_string(i) + ": !Equals [!Ref P" + std::to_string(i) + ", x]\n";
        names.push_back("C" + std::to_string(i));
    }
    const Fixture big(many + conditions);
    std::vector<std::string_view> views(names.begin(), names.end());
    s = big.ask(views);
    CHECK_FALSE(s.exact);  // 13 facts > kMaxFacts: every combination is taken as possible
    CHECK(s.choices.size() == (std::size_t{1} << 13));
}
