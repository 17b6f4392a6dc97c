// The Editor's primitives on their own: what it verifies before it edits, and what it
// refuses; and the unified diff.
#include <catch2/catch.hpp>

#include <string>

#include "fix/diff.hpp"
#include "fix/editor.hpp"
#include "support/helpers.hpp"

using namespace stacklint;
using fix::Editor;

namespace {

std::string applied(const std::string& text, const std::optional<TextEdit>& edit) {
    REQUIRE(edit.has_value());
    std::string out;
    REQUIRE(apply_edits(text, {*edit}, out));
    return out;
}

}  // namespace

TEST_CASE("Editor: a scalar is edited only where its text spells the node's value") {
    const std::string text = "A: plain  # c\nB: 'it''s'\nC: \"q\\\"x\"\nD: \"\\u0041\"\n";
    const Document doc = test::load_text("t.yaml", text);
    const Editor ed(doc);
    REQUIRE(ed.usable());
    const Node& root = *doc.root;
    CHECK(applied(text, ed.replace_scalar(root.get("A")->mark(), "plain", "other")) ==
          "A: other  # c\nB: 'it''s'\nC: \"q\\\"x\"\nD: \"\\u0041\"\n");
    // Quotes are kept, and escaped as their style needs.
    CHECK(
        applied(text, ed.replace_scalar(root.get("B")->mark(), "it's", "a'b")).find("B: 'a''b'") !=
        std::string::npos);
    CHECK(applied(text, ed.replace_scalar(root.get("C")->mark(), "q\"x", "y")).find("C: \"y\"") !=
          std::string::npos);
    // A value the node does not have, and an escape not worth decoding: no edit.
    CHECK_FALSE(ed.replace_scalar(root.get("A")->mark(), "plan", "x"));
    CHECK_FALSE(ed.replace_scalar(root.get("D")->mark(), "A", "x"));
    // A plain replacement that YAML would read as something else is quoted.
    CHECK(applied(text, ed.replace_scalar(root.get("A")->mark(), "plain", "yes"))
              .starts_with("A: \"yes\""));
}

TEST_CASE("Editor: documents with aliases, and block scalars, get no edit") {
    const Document aliased = test::load_text("t.yaml", "A: &x [1, 2]\nB: *x\n");
    CHECK_FALSE(Editor(aliased).usable());
    const std::string text = "A: |\n  text\nB: 1\n";
    const Document doc = test::load_text("t.yaml", text);
    const Editor ed(doc);
    CHECK_FALSE(ed.end_of(*doc.root->get("A")));
    CHECK_FALSE(ed.remove_entry(*doc.root, "A"));
    CHECK(applied(text, ed.remove_entry(*doc.root, "B")) == "A: |\n  text\n");
}

TEST_CASE("Editor: removing never empties a collection nor loses a comment in a separator") {
    const std::string text = "L: [a, b]\nM: [a, # why\n  b]\nN: [only]\n";
    const Document doc = test::load_text("t.yaml", text);
    const Editor ed(doc);
    CHECK(applied(text, ed.remove_item(*doc.root->get("L"), 0)).starts_with("L: [b]\n"));
    CHECK(applied(text, ed.remove_item(*doc.root->get("L"), 1)).starts_with("L: [a]\n"));
    CHECK_FALSE(ed.remove_item(*doc.root->get("M"), 0));
    CHECK_FALSE(ed.remove_item(*doc.root->get("N"), 0));
    // The whole entry instead, through remove_from_list.
    CHECK(applied(text, ed.remove_from_list(*doc.root, "N", &doc.root->get("N")->items()[0])) ==
          "L: [a, b]\nM: [a, # why\n  b]\n");
}

TEST_CASE("Editor: new entries follow the mapping's style and the file's line breaks") {
    const std::string block = "R:\r\n  Type: X  # t\r\n  P: 1\r\n";
    const Document b = test::load_text("t.yaml", block);
    const Editor eb(b);
    CHECK(applied(block, eb.insert_entry(*b.root->get("R"), "Type", "K",
                                         fix::map_value({{"Days", fix::Value::literal("2")}}))) ==
          "R:\r\n  Type: X  # t\r\n  K:\r\n    Days: 2\r\n  P: 1\r\n");
    const std::string json = "{\"R\": {\"Type\": \"X\"}}";
    const Document j = test::load_text("t.json", json);
    CHECK(applied(json, Editor(j).insert_entry(*j.root->get("R"), "Type", "K",
                                               fix::Value::string("v"))) ==
          "{\"R\": {\"Type\": \"X\", \"K\": \"v\"}}");
    CHECK(fix::plain_yaml_string("AWS::S3::Bucket"));
    CHECK_FALSE(fix::plain_yaml_string("a: b"));
    CHECK_FALSE(fix::plain_yaml_string("2010-09-09"));
    CHECK_FALSE(fix::plain_yaml_string("No"));
}

TEST_CASE("Diff: hunks, line breaks kept, and a last line without one") {
    CHECK(fix::unified_diff("a\n", "a\n", "f").empty());
    CHECK(fix::unified_diff("a\nb", "a\nc", "f") ==
          "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No "
          "newline at end of file\n");
    std::string before, after;
    for (int i = 1; i <= 20; ++i) {
        before += std::to_string(i) + "\r\n";
        after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\r\n";
    }
    const std::string diff = fix::unified_diff(before, after, "/abs/f");
    CHECK(diff.starts_with("--- /abs/f\n+++ /abs/f\n@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n"));
    CHECK(diff.find("@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n") != std::string::npos);
}
