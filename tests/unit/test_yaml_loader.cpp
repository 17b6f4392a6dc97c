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

// The one-key mapping a short form becomes, checked and unwrapped.
const Node& long_form(const Node& n, std::string_view fn) {
    REQUIRE(n.is_mapping());
    REQUIRE(n.entries().size() == 1);
    CHECK(n.entries()[0].key == fn);
    return n.entries()[0].value;
}

}  // namespace

TEST_CASE("YAML: mappings keep insertion order and every key and value has a position") {
    Document doc = load_text("t.yaml",
                             "Resources:\n"
                             "  Zeta:\n"
                             "    Type: AWS::SQS::Queue\n"
                             "  Alpha:\n"
                             "    Type: \"AWS::SNS::Topic\"\n");
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.empty());
    const Node& res = at(*doc.root, "Resources");
    REQUIRE(res.entries().size() == 2);
    CHECK(res.entries()[0].key == "Zeta");
    CHECK(res.entries()[1].key == "Alpha");
    CHECK(res.entries()[0].key_mark == Mark{2, 3});
    CHECK(res.entries()[1].key_mark == Mark{4, 3});
    const Node& type = at(res.entries()[1].value, "Type");
    CHECK(type.mark() == Mark{5, 11});
    CHECK(type.text() == "AWS::SNS::Topic");
    CHECK(type.quoted());
    CHECK_FALSE(at(res.entries()[0].value, "Type").quoted());
}

TEST_CASE("YAML: scalars, nulls and sequences") {
    Document doc = load_text("t.yaml",
                             "A: 20\n"
                             "B: '20'\n"
                             "C: ~\n"
                             "D:\n"
                             "E: [1, two]\n"
                             "F: true\n"
                             "G: !!str 5\n");
    REQUIRE(doc.root);
    const Node& r = *doc.root;
    CHECK(at(r, "A").as_int() == 20);
    CHECK_FALSE(at(r, "A").quoted());
    CHECK(at(r, "B").quoted());
    CHECK(at(r, "C").is_null());
    CHECK(at(r, "D").is_null());
    REQUIRE(at(r, "E").is_sequence());
    CHECK(at(r, "E").items()[1].text() == "two");
    CHECK(at(r, "E").items()[1].mark() == Mark{5, 8});
    CHECK(at(r, "F").as_bool() == true);
    CHECK(at(r, "G").quoted());
}

TEST_CASE("YAML: every short form becomes its long form") {
    struct Case {
        const char* tag;
        const char* fn;
    };
    const Case cases[] = {
        {"!Ref", "Ref"},
        {"!Condition", "Condition"},
        {"!Base64", "Fn::Base64"},
        {"!Cidr", "Fn::Cidr"},
        {"!FindInMap", "Fn::FindInMap"},
        {"!GetAZs", "Fn::GetAZs"},
        {"!ImportValue", "Fn::ImportValue"},
        {"!Join", "Fn::Join"},
        {"!Select", "Fn::Select"},
        {"!Split", "Fn::Split"},
        {"!Sub", "Fn::Sub"},
        {"!Transform", "Fn::Transform"},
        {"!If", "Fn::If"},
        {"!Equals", "Fn::Equals"},
        {"!And", "Fn::And"},
        {"!Or", "Fn::Or"},
        {"!Not", "Fn::Not"},
        {"!ToJsonString", "Fn::ToJsonString"},
        {"!Length", "Fn::Length"},
    };
    for (const Case& c : cases) {
        INFO(c.tag);
        Document scalar = load_text("t.yaml", std::string("V: ") + c.tag + " x\n");
        REQUIRE(scalar.root);
        CHECK(scalar.diagnostics.empty());
        const Node& arg = long_form(at(*scalar.root, "V"), c.fn);
        CHECK(arg.text() == "x");
        Document list = load_text("t.yaml", std::string("V: ") + c.tag + " [a, b]\n");
        REQUIRE(list.root);
        CHECK(long_form(at(*list.root, "V"), c.fn).items().size() == 2);
        Document map = load_text("t.yaml", std::string("V: ") + c.tag + " {k: v}\n");
        REQUIRE(map.root);
        CHECK(long_form(at(*map.root, "V"), c.fn).is_mapping());
    }
}

TEST_CASE("YAML: !Ref keeps positions of the function and of its argument") {
    Document doc = load_text("t.yaml", "Value: !Ref  Bucket\n");
    REQUIRE(doc.root);
    const Node& v = at(*doc.root, "Value");
    CHECK(v.mark() == Mark{1, 8});
    CHECK(long_form(v, "Ref").mark() == Mark{1, 14});
    CHECK(v.intrinsic_name() == "Ref");
}

TEST_CASE("YAML: !GetAtt dotted and list forms") {
    Document doc = load_text("t.yaml",
                             "A: !GetAtt Db.Endpoint.Address\n"
                             "B: !GetAtt [Db, Arn]\n"
                             "C: !GetAtt Queue.Arn\n");
    REQUIRE(doc.root);
    const Node& a = long_form(at(*doc.root, "A"), "Fn::GetAtt");
    REQUIRE(a.items().size() == 2);
    CHECK(a.items()[0].text() == "Db");
    CHECK(a.items()[1].text() == "Endpoint.Address");
    CHECK(a.items()[1].mark() == Mark{1, 15});
    const Node& b = long_form(at(*doc.root, "B"), "Fn::GetAtt");
    REQUIRE(b.items().size() == 2);
    CHECK(b.items()[1].text() == "Arn");
    CHECK(long_form(at(*doc.root, "C"), "Fn::GetAtt").items()[1].text() == "Arn");
}

TEST_CASE("YAML: !Sub string and list forms, nested short forms") {
    Document doc = load_text("t.yaml",
                             "A: !Sub 'arn:${AWS::Partition}:s3:::${B}'\n"
                             "B: !Sub\n"
                             "  - '${X}-suffix'\n"
                             "  - X: !Ref Name\n"
                             "C: !If [IsProd, !Ref A, !Ref 'AWS::NoValue']\n");
    REQUIRE(doc.root);
    CHECK(long_form(at(*doc.root, "A"), "Fn::Sub").text() == "arn:${AWS::Partition}:s3:::${B}");
    const Node& b = long_form(at(*doc.root, "B"), "Fn::Sub");
    REQUIRE(b.items().size() == 2);
    CHECK(long_form(at(b.items()[1], "X"), "Ref").text() == "Name");
    const Node& c = long_form(at(*doc.root, "C"), "Fn::If");
    REQUIRE(c.items().size() == 3);
    CHECK(long_form(c.items()[2], "Ref").text() == "AWS::NoValue");
}

TEST_CASE("YAML: unknown tags are T003 findings, not failures") {
    Document doc = load_text("t.yaml", "A: !GetAttr Db.Arn\nB: !Rain::Embed file.txt\n");
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.size() == 2);
    CHECK(doc.diagnostics[0].rule == "T003");
    CHECK(doc.diagnostics[0].mark == Mark{1, 4});
    CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("did you mean '!GetAtt'"));
    CHECK_FALSE(doc.diagnostics[0].preprocessor);
    CHECK(at(*doc.root, "A").text() == "Db.Arn");
    // Rain's directives are a preprocessor's, not typos.
    CHECK(doc.diagnostics[1].preprocessor);
    CHECK_THAT(doc.diagnostics[1].message, Catch::Contains("rain pkg"));
    CHECK(doc.preprocessor_tags);
}

TEST_CASE("YAML: duplicate keys are T002 at the second key, which wins as in CloudFormation") {
    Document doc = load_text("t.yaml", "A: 1\nB: 2\nA: 3\n");
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T002");
    CHECK(doc.diagnostics[0].mark == Mark{3, 1});
    CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("first at line 1"));
    CHECK(at(*doc.root, "A").text() == "3");
    CHECK(at(*doc.root, "A").mark() == Mark{3, 4});
    CHECK(doc.root->entries().size() == 2);
}

TEST_CASE("YAML: duplicate keys in a large mapping are found too") {
    std::string text;
    for (int i = 0; i < 1000; ++i)
        text.append("K").append(std::to_string(i)).append(": v\n");
    text += "K500: again\n";
    Document doc = load_text("t.yaml", text);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].mark == Mark{1001, 1});
}

TEST_CASE("YAML: BOM and CRLF load with the same positions") {
    Document plain = load_text("t.yaml", "A:\n  B: x\n");
    Document crlf = load_text("t.yaml",
                              "\xEF\xBB\xBF"
                              "A:\r\n  B: x\r\n");
    REQUIRE(crlf.root);
    CHECK(crlf.diagnostics.empty());
    CHECK(at(at(*crlf.root, "A"), "B").mark() == at(at(*plain.root, "A"), "B").mark());
    CHECK(crlf.root->entries()[0].key_mark == Mark{1, 1});
}

TEST_CASE("YAML: columns count characters, not bytes") {
    Document doc = load_text("t.yaml", "Description: \"Zürich\"\nA: [\"ü\", x]\n");
    REQUIRE(doc.root);
    CHECK(at(*doc.root, "A").items()[1].mark() == Mark{2, 10});
}

TEST_CASE("YAML: syntax errors are T001 with the parser's position") {
    Document doc = load_text("t.yaml",
                             "Resources:\n"
                             "  Queue:\n"
                             "    Type: AWS::SQS::Queue\n"
                             "   Properties: {}\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
    CHECK(doc.diagnostics[0].mark.line == 4);
    CHECK_THAT(doc.diagnostics[0].message, Catch::StartsWith("invalid YAML: "));
}

TEST_CASE("YAML: an unclosed flow sequence is T001") {
    Document doc = load_text("t.yaml", "A: [1, 2\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
}

TEST_CASE("YAML: a second document is T001 but the first is kept") {
    Document doc = load_text("t.yaml", "A: 1\n---\nB: 2\n");
    REQUIRE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
    CHECK(doc.diagnostics[0].mark.line == 2);
}

TEST_CASE("YAML: empty and comment-only files are an empty document") {
    for (const char* text : {"", "   \n\n", "# just a comment\n"}) {
        Document doc = load_text("t.yaml", text);
        REQUIRE(doc.root);
        CHECK(doc.root->is_null());
        CHECK(doc.diagnostics.empty());
    }
}

TEST_CASE("YAML: anchors and aliases expand") {
    Document doc = load_text("t.yaml", "A: &tags {Team: core}\nB: *tags\n");
    REQUIRE(doc.root);
    CHECK(at(at(*doc.root, "B"), "Team").text() == "core");
}

TEST_CASE("YAML: an alias of a large mapping finds every key, like its anchor") {
    std::string text = "A: &big\n";
    for (int i = 0; i < 50; ++i)
        text.append("  k").append(std::to_string(49 - i)).append(": v\n");
    text += "B: *big\n";
    Document doc = load_text("t.yaml", text);
    REQUIRE(doc.root);
    for (int i = 0; i < 50; ++i) {
        CHECK(doc.root->get("A")->get("k" + std::to_string(i)) != nullptr);
        CHECK(doc.root->get("B")->get("k" + std::to_string(i)) != nullptr);
    }
    CHECK(doc.root->get("B")->get("k50") == nullptr);
}

TEST_CASE("YAML: alias bombs stop at the expansion limit") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    // (appends rather than `"lit" + std::string`: GCC 12 warns falsely on the latter, PR105329)
    for (int i = 1; i < 10; ++i) {
        const std::string prev = std::string("*a").append(std::to_string(i - 1));
        const std::string n = std::to_string(i);
        text.append("a").append(n).append(": &a").append(n).append(" [").append(prev);
        for (int k = 1; k < 10; ++k)
            text.append(", ").append(prev);
        text.append("]\n");
    }
    Document doc = load_text("t.yaml", text);
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
    CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("alias"));
}

TEST_CASE("YAML: an alias inside its own anchor is rejected") {
    Document doc = load_text("t.yaml", "a: &x [1, *x]\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
}

TEST_CASE("YAML: nesting beyond the depth limit is T001, not a stack overflow") {
    std::string flow(100000, '[');
    Document doc = load_text("t.yaml", "A: " + flow + "\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("nesting deeper than 256"));

    std::string block;
    for (int i = 0; i < 2000; ++i)
        block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    Document deep = load_text("t.yaml", block);
    CHECK_FALSE(deep.root);
    REQUIRE(deep.diagnostics.size() == 1);
    CHECK(deep.diagnostics[0].rule == "T001");
}

TEST_CASE("YAML: a complex mapping key is T001") {
    Document doc = load_text("t.yaml", "? [a, b]\n: value\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "T001");
}

TEST_CASE("YAML: an unterminated quoted scalar is T001 at its opening quote") {
    // yaml-cpp 0.7 ends a quoted scalar silently at the end of the input when a line break
    // precedes it, which would turn the rest of the file into one string.
    const std::string head = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n";
    for (const char* quote : {"\"", "'"}) {
        INFO("quote " << quote);
        Document doc = load_text("t.yaml", head + "      QueueName: " + quote +
                                               "abc\n      DelaySeconds: 5\n  R:\n    Type: X\n");
        CHECK_FALSE(doc.root);
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "T001");
        CHECK(doc.diagnostics[0].mark == Mark{5, 18});
        CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("never closed"));
    }
    // Tagged, as a key, inside a flow collection, and just before the end of the file.
    const std::pair<const char*, Mark> cases[] = {
        {"A: !Sub \"abc\nB: 1\n", Mark{1, 9}},
        {"A: 1\n'B: 2\nC: 3\n", Mark{2, 1}},
        {"A: [x, \"y]\n", Mark{1, 8}},
        {"A: \"\n", Mark{1, 4}},
    };
    for (const auto& [text, mark] : cases) {
        INFO(text);
        Document doc = load_text("t.yaml", text);
        CHECK_FALSE(doc.root);
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "T001");
        CHECK(doc.diagnostics[0].mark == mark);
    }
}

TEST_CASE("YAML: quoted scalars with escaped quotes and line breaks are closed") {
    Document doc = load_text("t.yaml",
                             "A: \"say \\\"hi\\\" \\\\\"\n"
                             "B: 'it''s'\n"
                             "C: 'it''s ''\n  quoted'''\n"
                             "D: \"two\n  lines\"\n"
                             "E: \"escaped \\\n  break\"\n"
                             "F: !Sub \"${A} # not a comment\"\n"
                             "G: plain \"inner\n");
    REQUIRE(doc.root);
    CHECK(doc.diagnostics.empty());
    CHECK(at(*doc.root, "A").text() == "say \"hi\" \\");
    CHECK(at(*doc.root, "B").text() == "it's");
    CHECK(at(*doc.root, "C").text() == "it's ' quoted'");
    CHECK(at(*doc.root, "D").text() == "two lines");
    CHECK(at(*doc.root, "E").text() == "escaped break");
    CHECK(at(*doc.root, "G").text() == "plain \"inner");
}

TEST_CASE("YAML: the attribute of a quoted dotted !GetAtt starts after the dot") {
    Document doc = load_text("t.yaml",
                             "A: !GetAtt \"Db.Endpoint\"\n"
                             "B: !GetAtt 'Db.Arn'\n"
                             "C: !GetAtt Db.Arn\n"
                             "D: !GetAtt \"D\\x62.Arn\"\n");
    REQUIRE(doc.root);
    const Node& a = long_form(at(*doc.root, "A"), "Fn::GetAtt");
    REQUIRE(a.items().size() == 2);
    CHECK(a.items()[0].text() == "Db");
    CHECK(a.items()[0].mark() == Mark{1, 12});
    CHECK(a.items()[1].text() == "Endpoint");
    CHECK(a.items()[1].mark() == Mark{1, 16});
    const Node& b = long_form(at(*doc.root, "B"), "Fn::GetAtt");
    REQUIRE(b.items().size() == 2);
    CHECK(b.items()[1].mark() == Mark{2, 16});
    const Node& c = long_form(at(*doc.root, "C"), "Fn::GetAtt");
    REQUIRE(c.items().size() == 2);
    CHECK(c.items()[1].mark() == Mark{3, 15});
    // An escape before the dot: the attribute's column cannot be counted from the text, so it
    // points at the scalar rather than at a wrong column.
    const Node& d = long_form(at(*doc.root, "D"), "Fn::GetAtt");
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].text() == "Db");
    CHECK(d.items()[1].text() == "Arn");
    CHECK(d.items()[1].mark() == Mark{4, 12});
}

TEST_CASE("YAML: an alias's copy starts where the alias is written") {
    Document doc = load_text("t.yaml",
                             "A: &x !Ref Missing\n"
                             "B: *x\n"
                             "C: &s text\n"
                             "D:  *s\n");
    REQUIRE(doc.root);
    const Node& b = at(*doc.root, "B");
    CHECK(b.mark() == Mark{2, 4});
    // Inside the copy, positions stay those of the text that spells it.
    CHECK(long_form(b, "Ref").mark() == Mark{1, 12});
    CHECK(at(*doc.root, "D").mark() == Mark{4, 5});
    CHECK(at(*doc.root, "C").mark() == Mark{3, 7});
}

TEST_CASE("YAML: a lone CR is a line break, as in the YAML spec") {
    // YAML 1.2 (5.4, b-break) breaks lines at CR LF, LF and a lone CR; yaml-cpp knows only
    // the first two, so the loader must agree with Source on the third.
    Document cr = load_text("t.yaml", "Resources:\r  Q: {Type: AWS::SQS::Queue}\r  R: x\r");
    REQUIRE(cr.root);
    CHECK(cr.diagnostics.empty());
    const Node& resources = at(*cr.root, "Resources");
    REQUIRE(resources.entries().size() == 2);
    CHECK(resources.entries()[1].key_mark == Mark{3, 3});
    CHECK(at(at(resources, "Q"), "Type").mark() == Mark{2, 13});
    // A literal block keeps its line breaks, as line feeds.
    Document block = load_text("t.yaml", "A: |\r  one\r  two\rB: 1\r");
    REQUIRE(block.root);
    CHECK(at(*block.root, "A").text() == "one\ntwo\n");
    // Errors are placed by the same line count.
    Document bad = load_text("t.yaml", "A:\r  B: 1\r   C: 2\r");
    CHECK_FALSE(bad.root);
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].mark.line == 3);
    // CR LF stays one break, also after a lone CR.
    Document mixed = load_text("t.yaml", "A: 1\r\rB: 2\r\nC: 3\n");
    REQUIRE(mixed.root);
    CHECK(mixed.root->entries()[2].key_mark == Mark{4, 1});
}
