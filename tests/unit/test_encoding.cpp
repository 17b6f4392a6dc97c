#include <catch2/catch.hpp>

#include "load/loader.hpp"
#include "support/helpers.hpp"

using namespace stacklint;
using stacklint::test::load_text;

TEST_CASE("Encoding: invalid UTF-8 is T001 at the bad byte") {
    for (const char* name : {"t.yaml", "t.json"}) {
        Document doc = load_text(name, "{\"A\": \"ok\",\n \"B\": \"caf\xE9\"}\n");
        CHECK_FALSE(doc.root);
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "T001");
        CHECK(doc.diagnostics[0].mark == Mark{2, 11});
        CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("0xE9"));
    }
}

TEST_CASE("Encoding: overlong forms and surrogates are invalid UTF-8") {
    for (const char* bad :
         {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"}) {
        Document doc = load_text("t.yaml", std::string("A: ") + bad + "\n");
        CHECK_FALSE(doc.root);
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("invalid UTF-8"));
    }
}

TEST_CASE("Encoding: valid multi-byte UTF-8 passes") {
    Document doc = load_text("t.yaml", "A: \"\xE2\x82\xAC \xF0\x9F\x98\x80 \xC3\xA9\"\n");
    REQUIRE(doc.root);
    CHECK(doc.diagnostics.empty());
}

TEST_CASE("Encoding: UTF-16 and UTF-32 byte-order marks are T001") {
    Document le = load_text("t.yaml", std::string("\xFF\xFE"
                                                  "A\0:\0 \0x\0",
                                                  10));
    REQUIRE(le.diagnostics.size() == 1);
    CHECK_THAT(le.diagnostics[0].message, Catch::Contains("UTF-16"));
    Document be = load_text("t.json", std::string("\xFE\xFF\0{\0}", 6));
    REQUIRE(be.diagnostics.size() == 1);
    CHECK_THAT(be.diagnostics[0].message, Catch::Contains("UTF-16"));
    Document u32 = load_text("t.json", std::string("\xFF\xFE\0\0{\0\0\0", 8));
    REQUIRE(u32.diagnostics.size() == 1);
    CHECK_THAT(u32.diagnostics[0].message, Catch::Contains("UTF-32"));
}

TEST_CASE("Encoding: NUL bytes mean a binary file") {
    // The NUL is reported even when invalid UTF-8 (0x89) comes first.
    Document doc = load_text("t.json", std::string("{\"A\": 1}\n\x89PNG\0\0", 15));
    CHECK_FALSE(doc.root);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].mark.line == 2);
    CHECK_THAT(doc.diagnostics[0].message, Catch::Contains("binary"));
}

TEST_CASE("Format detection by extension, then by content") {
    CHECK(detect_format("a.json", "x: 1") == Format::Json);
    CHECK(detect_format("a.YML", "{}") == Format::Yaml);
    CHECK(detect_format("a.template", "  \n{\"a\": 1}") == Format::Json);
    CHECK(detect_format("a.template", "a: 1") == Format::Yaml);
    CHECK(detect_format("<stdin>", "\xEF\xBB\xBF[1]") == Format::Json);
}

TEST_CASE("Source: marks from offsets, lone CR counts as a line break") {
    Source src("x", "ab\r\ncd\ref\n\xC3\xA9z");
    CHECK(src.mark_at(0) == Mark{1, 1});
    CHECK(src.mark_at(4) == Mark{2, 1});
    CHECK(src.mark_at(7) == Mark{3, 1});
    CHECK(src.mark_at(12) == Mark{4, 2});
    CHECK(src.line_text(2) == "cd");
    CHECK(src.line_text(4) == "\xC3\xA9z");
    CHECK(src.line_text(9).empty());
    MarkCursor cursor(src);
    CHECK(cursor.at(1) == Mark{1, 2});
    CHECK(cursor.at(12) == Mark{4, 2});
    CHECK(cursor.at(5) == Mark{2, 2});  // backwards is fine too
}
