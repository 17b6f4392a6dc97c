#include <catch2/catch.hpp>

#include "load/loader.hpp"
#include "support/helpers.hpp"

using namespace stacklint;
using stacklint::test::load_text;

namespace {
const Node& at(const Node& n, std::string_view key) {
    const Node* v = n.get(key);
    REQUIRE(v != nullptr);
    return *v;
}
}  // namespace

TEST_CASE("JSON: keys and values carry exact positions") {
    Document doc = load_text("t.json",
                             "{\n"
                             "  \"Resources\": {\n"
                             "    \"Queue\": {\n"
                             "      \"Type\": \"AWS::SQS::Queue\",\n"
                             "      \"Properties\": {\"DelaySeconds\": 5, \"Tags\": [true, null]}\n"
                             "    }\n"
                             "  }\n"
                             "}\n");
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.empty());
    CHECK(doc.format == Format::Json);
    CHECK(doc.root->mark() == Mark{1, 1});
    const Node& res = at(*doc.root, "Resources");
    CHECK(doc.root->entries()[0].key_mark == Mark{2, 3});
    CHECK(res.mark() == Mark{2, 16});
    const Node& queue = at(res, "Queue");
    CHECK(res.entries()[0].key_mark == Mark{3, 5});
    const Node& type = at(queue, "Type");
    CHECK(type.mark() == Mark{4, 15});
    CHECK(type.quoted());
    const Node& props = at(queue, "Properties");
    CHECK(props.mark() == Mark{5, 21});
    const Node& delay = at(props, "DelaySeconds");
    CHECK(delay.mark() == Mark{5, 38});
    CHECK(delay.text() == "5");
    CHECK_FALSE(delay.quoted());
    const Node& tags = at(props, "Tags");
    CHECK(tags.mark() == Mark{5, 49});
    CHECK(tags.items()[0].as_bool() == true);
    CHECK(tags.items()[0].mark() == Mark{5, 50});
    CHECK(tags.items()[1].is_null());
    CHECK(tags.items()[1].mark() == Mark{5, 56});
}

TEST_CASE(
    "JSON: numbers keep their text; strings with escapes and brackets do not confuse positions") {
    Document doc = load_text("t.json", "{\"a\": \"x\\\"{[1\", \"b\": -1.50e3, \"c\": 12}");
    REQUIRE(doc.root);
    CHECK(at(*doc.root, "a").text() == "x\"{[1");
    CHECK(at(*doc.root, "b").text() == "-1.50e3");
    CHECK(at(*doc.root, "b").mark() == Mark{1, 22});
    CHECK(at(*doc.root, "c").mark() == Mark{1, 36});
}

TEST_CASE("JSON: columns count characters") {
    Document doc = load_text("t.json", "{\"d\": \"Zürich\", \"e\": 1}");
    REQUIRE(doc.root);
    CHECK(at(*doc.root, "e").mark() == Mark{1, 22});
}

TEST_CASE("JSON: intrinsic functions are plain one-key objects") {
    Document doc = load_text("t.json", R"({"V": {"Fn::GetAtt": ["Db", "Endpoint.Address"]}})");
    REQUIRE(doc.root);
    CHECK(at(*doc.root, "V").intrinsic_name() == "Fn::GetAtt");
    CHECK(at(*doc.root, "V").intrinsic_arg()->items().size() == 2);
}

TEST_CASE("JSON: duplicate keys are T002 at the second key") {
    Document doc = load_text("t.json", "{\n\"A\": 1,\n\"A\": 2\n}");
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T002");
    CHECK(doc.diagnostics[0].mark == Mark{3, 1});
}

TEST_CASE("JSON: BOM and CRLF") {
    Document doc = load_text("t.json", "\xEF\xBB\xBF{\r\n  \"A\": 1\r\n}\r\n");
    REQUIRE(doc.root);
    CHECK(doc.diagnostics.empty());
    CHECK(doc.root->entries()[0].key_mark == Mark{2, 3});
}

TEST_CASE("JSON: syntax errors are T001 at the offending character") {
    Document doc = load_text("t.json", "{\n  \"A\": 1,\n  \"B\" 2\n}");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
    CHECK(doc.diagnostics[0].mark == Mark{3, 7});
    CHECK_THAT(doc.diagnostics[0].message, Catch::StartsWith("invalid JSON: syntax error"));
    CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("expected ':'"));
}

TEST_CASE("JSON: truncated input is T001") {
    Document doc = load_text("t.json", "{\"A\": [1, 2");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
    CHECK(doc.diagnostics[0].mark.line == 1);
}

TEST_CASE("JSON: trailing garbage after the document is T001") {
    Document doc = load_text("t.json", "{\"A\": 1} x");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].mark == Mark{1, 10});
}

TEST_CASE("JSON: 100,000 levels of arrays or objects stop at the depth limit") {
    Document arrays = load_text("t.json", std::string(100000, '[') + std::string(100000, ']'));
    CHECK_FALSE(arrays.root);
    REQUIRE(arrays.diagnostics.size() == 1);
    CHECK_THAT(arrays.diagnostics[0].message, Catch::Contains("nesting deeper than 256"));
    std::string objects;
    for (int i = 0; i < 100000; ++i)
        objects += "{\"a\":";
    Document objs = load_text("t.json", objects);
    CHECK_FALSE(objs.root);
    REQUIRE(objs.diagnostics.size() == 1);
    CHECK_THAT(objs.diagnostics[0].message, Catch::Contains("nesting deeper than 256"));
}

TEST_CASE("JSON: an array or a scalar at the top level loads (the model judges it)") {
    Document arr = load_text("t.json", "[1, 2]");
    REQUIRE(arr.root);
    CHECK(arr.root->is_sequence());
    Document scalar = load_text("t.json", "\"text\"");
    REQUIRE(scalar.root);
    CHECK(scalar.root->is_scalar());
}

TEST_CASE("JSON: every key of a large mapping is found, absent keys are not") {
    // Large mappings are looked up through a key index (Node::index_keys); small ones by scan.
    for (const int n : {3, 16, 17, 1000}) {
        std::string text = "{";
        for (int i = n - 1; i >= 0; --i)  // keys out of order, so the index must sort them
            text.append(i == n - 1 ? "" : ",")
                .append("\"k")
                .append(std::to_string(i))
                .append("\":")
                .append(std::to_string(i));
        text += "}";
        Document doc = load_text("t.json", text);
        REQUIRE(doc.root);
        for (int i = 0; i < n; ++i) {
            const Node* v = doc.root->get("k" + std::to_string(i));
            REQUIRE(v != nullptr);
            CHECK(v->text() == std::to_string(i));
        }
        CHECK(doc.root->get("k") == nullptr);
        CHECK(doc.root->get("k" + std::to_string(n)) == nullptr);
        CHECK(doc.root->get("") == nullptr);
    }
}

TEST_CASE("JSON: a duplicate key in a large mapping keeps the last value, as CloudFormation") {
    std::string text = "{";
    for (int i = 0; i < 40; ++i)
        text.append("\"k")
            .append(std::to_string(i))
            .append("\":")
            .append(std::to_string(i))
            .append(",");
    text += "\"k7\": 700}";
    Document doc = load_text("t.json", text);
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T002");
    CHECK(doc.root->get("k7")->text() == "700");
    CHECK(doc.root->entries().size() == 40);
}
