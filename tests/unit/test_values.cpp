#include <catch2/catch.hpp>

#include "model/values.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

TEST_CASE("Possible values: literals, Fn::If branches, NoValue, unknowns") {
    Document doc = test::load_text("t.yaml",
                                   "A: Enabled\n"
                                   "B: !If [C, Enabled, Suspended]\n"
                                   "C: !If [C, !If [D, x, y], !Ref AWS::NoValue]\n"
                                   "D: !Ref Param\n"
                                   "E: !If [C, Enabled, !Ref Param]\n");
    REQUIRE(doc.root);
    const Node& r = *doc.root;
    auto text_is = [](std::string_view t) {
        return [t](const Node* n) { return n != nullptr && n->text() == t; };
    };
    const PossibleValues a = possible_values(*r.get("A"));
    CHECK(a.all(text_is("Enabled")));
    const PossibleValues b = possible_values(*r.get("B"));
    CHECK(b.values.size() == 2);
    CHECK_FALSE(b.all(text_is("Enabled")));
    CHECK(b.any(text_is("Suspended")));
    const PossibleValues c = possible_values(*r.get("C"));
    REQUIRE(c.values.size() == 3);
    CHECK(c.values[2] == nullptr);
    CHECK_FALSE(c.unknown);
    const PossibleValues d = possible_values(*r.get("D"));
    CHECK(d.unknown);
    CHECK(d.values.empty());
    CHECK_FALSE(d.all([](const Node*) { return true; }));
    const PossibleValues e = possible_values(*r.get("E"));
    CHECK(e.unknown);
    CHECK(e.any(text_is("Enabled")));
    CHECK_FALSE(e.all(text_is("Enabled")));
}
