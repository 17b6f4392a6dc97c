// Positions inside a scalar's value: every placeholder of an Fn::Sub string, by style.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "graph/names.hpp"
#include "load/scalar_position.hpp"
#include "support/helpers.hpp"

using namespace stacklint;

namespace {

// The positions of every `${...}` placeholder of the scalar under key `Value` (searched
// depth first), one pass as the graph builder does it.
std::vector<Mark> placeholders(const std::string& name, const std::string& text) {
    const Document doc = test::load_text(name, text);
    REQUIRE(doc.root);
    const Node* value = nullptr;
    std::vector<const Node*> work{&*doc.root};
    while (!work.empty() && value == nullptr) {
        const Node* n = work.back();
        work.pop_back();
        for (const Entry& e : n->entries()) {
            if (e.key == "Value") value = &e.value;
            work.push_back(&e.value);
        }
    }
    REQUIRE(value != nullptr);
    if (value->intrinsic_arg()) value = value->intrinsic_arg();  // !Sub ...
    REQUIRE(value->is_scalar());
    ScalarLocator locate(*doc.source, *value);
    std::vector<Mark> out;
    const std::string& s = value->text();
    for (const SubVariable& v : sub_variables(s))
        out.push_back(locate.at(v.offset, std::string_view(s).substr(v.offset, v.name.size() + 3)));
    return out;
}

}  // namespace

TEST_CASE("Scalar positions: literal block scalars map line by line") {
    const auto at = placeholders("t.yaml",
                                 "Value: !Sub |\n"
                                 "  #!/bin/bash\n"
                                 "  echo ${A}\n"
                                 "\n"
                                 "    indented ${B} and ${C}\n"
                                 "  ${D}\n");
    REQUIRE(at.size() == 4);
    CHECK(at[0] == Mark{3, 8});
    CHECK(at[1] == Mark{5, 14});
    CHECK(at[2] == Mark{5, 23});
    CHECK(at[3] == Mark{6, 3});
    // Chomping indicators, CRLF line breaks and a comment after the header change nothing.
    const auto crlf = placeholders("t.yaml", "Value: |- # script\r\n  a\r\n  b ${X}\r\n");
    REQUIRE(crlf.size() == 1);
    CHECK(crlf[0] == Mark{3, 5});
}

TEST_CASE("Scalar positions: quoted scalars and JSON strings, escapes included") {
    const auto yaml = placeholders("t.yaml", "Value: !Sub \"a\\tb\\u00e9 ${A} \\\" ${B}\"\n");
    REQUIRE(yaml.size() == 2);
    CHECK(yaml[0] == Mark{1, 25});
    CHECK(yaml[1] == Mark{1, 33});
    const auto single = placeholders("t.yaml", "Value: !Sub 'it''s ${A}'\n");
    REQUIRE(single.size() == 1);
    CHECK(single[0] == Mark{1, 20});
    // A character beyond U+FFFF, written as a surrogate pair, is one code point of UTF-8.
    const auto json =
        placeholders("t.json", "{\"Value\": {\"Fn::Sub\": \"\\ud83d\\ude00 \\n${A}/${B}\"}}");
    REQUIRE(json.size() == 2);
    CHECK(json[0] == Mark{1, 39});
    CHECK(json[1] == Mark{1, 44});
    const auto plain = placeholders("t.yaml", "Value: !Sub arn:${AWS::Partition}:s3:::${B}\n");
    REQUIRE(plain.size() == 2);
    CHECK(plain[0] == Mark{1, 17});
    CHECK(plain[1] == Mark{1, 40});
}

TEST_CASE("Scalar positions: what cannot be mapped exactly falls back to the string's start") {
    // Folded: the line breaks become spaces.
    const auto folded = placeholders("t.yaml", "Value: !Sub >\n  a\n  b ${A}\n");
    REQUIRE(folded.size() == 1);
    CHECK(folded[0] == Mark{1, 13});
    // A quoted scalar that goes on to the next line: folding is not mapped, the first line is.
    const auto multi = placeholders("t.yaml", "Value: !Sub \"${A} x\n  y ${B}\"\n");
    REQUIRE(multi.size() == 2);
    CHECK(multi[0] == Mark{1, 14});
    CHECK(multi[1] == Mark{1, 13});
    // A placeholder written with an escape has no literal place in the file.
    const auto escaped = placeholders("t.json", "{\"Value\": {\"Fn::Sub\": \"\\u0024{A} ${B}\"}}");
    REQUIRE(escaped.size() == 2);
    CHECK(escaped[0] == Mark{1, 23});
    CHECK(escaped[1] == Mark{1, 34});
    // An explicit indentation indicator depends on the parent's indentation.
    const auto indicated = placeholders("t.yaml", "Value: !Sub |2\n    ${A}\n");
    REQUIRE(indicated.size() == 1);
    CHECK(indicated[0] == Mark{1, 13});
}
