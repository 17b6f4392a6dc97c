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

TEST_CASE("Possible trees: Fn::If and NoValue resolved at every depth") {
    Document doc = test::load_text(
        "t.yaml",
        "Plain: {Rules: [{Status: Enabled}]}\n"
        "Whole: !If [C, {Rules: [{Status: Enabled}]}, !Ref AWS::NoValue]\n"
        "Inner: {Rules: [!If [C, {Status: Enabled}, !Ref AWS::NoValue], {Prefix: !If [D, a/, "
        "!Ref AWS::NoValue]}]}\n"
        "Same: {A: !If [C, 1, 2], B: !If [C, 1, 2]}\n"
        "Fn: !Ref Param\n"
        "Kept: {Status: !Ref Param, Prefix: !If [C, !Sub 'x', y]}\n"
        "Many: [!If [A, 1, 2], !If [B, 1, 2], !If [C, 1, 2]]\n");
    REQUIRE(doc.root);
    const Node& r = *doc.root;

    const PossibleTrees plain = possible_trees(*r.get("Plain"));
    REQUIRE(plain.values.size() == 1);
    CHECK(plain.values[0] == r.get("Plain"));  // nothing to resolve: not copied
    CHECK(plain.owned.empty());

    const PossibleTrees whole = possible_trees(*r.get("Whole"));
    REQUIRE(whole.values.size() == 2);
    CHECK_FALSE(whole.unknown);
    REQUIRE(whole.values[0] != nullptr);  // the branch written first comes first
    CHECK(is_literal_mapping(*whole.values[0]));
    CHECK(whole.values[0]->get("Rules")->items()[0].get("Status")->text() == "Enabled");
    CHECK(whole.values[0]->mark().line == 2);
    CHECK(whole.values[1] == nullptr);
    CHECK_FALSE(is_literal_mapping(*r.get("Whole")));

    const PossibleTrees inner = possible_trees(*r.get("Inner"));
    REQUIRE(inner.values.size() == 4);  // two conditions, independent
    std::vector<std::pair<std::size_t, bool>> shapes;
    for (const Node* v : inner.values) {
        const Node& rules = *v->get("Rules");
        const Node& last = rules.items().back();
        shapes.emplace_back(rules.items().size(), last.get("Prefix") != nullptr);
    }
    CHECK(shapes ==
          std::vector<std::pair<std::size_t, bool>>{{2, true}, {1, true}, {2, false}, {1, false}});

    const PossibleTrees same = possible_trees(*r.get("Same"));
    REQUIRE(same.values.size() == 2);  // one condition: A and B always agree
    for (const Node* v : same.values)
        CHECK(v->get("A")->text() == v->get("B")->text());

    const PossibleTrees fn = possible_trees(*r.get("Fn"));
    CHECK(fn.unknown);
    CHECK(fn.values.empty());

    const PossibleTrees kept = possible_trees(*r.get("Kept"));
    REQUIRE(kept.values.size() == 2);
    CHECK_FALSE(kept.unknown);  // functions inside stay in the candidates as they are
    CHECK(kept.values[0]->get("Status")->intrinsic_name() == "Ref");
    CHECK(kept.values[0]->get("Prefix")->intrinsic_name() == "Fn::Sub");
    CHECK(kept.values[1]->get("Prefix")->text() == "y");

    const PossibleTrees many = possible_trees(*r.get("Many"), 2);
    CHECK(many.unknown);  // three conditions, more than allowed
    CHECK(many.values.empty());
    CHECK(possible_trees(*r.get("Many")).values.size() == 8);
}
