// `stacklint lsp`: a Language Server Protocol (3.17) server over stdio.
//
// Documents are linted from their in-memory text (unsaved edits included) together with
// the other templates of their directory (the app the cross-stack rules look at), under the
// configuration of their folder. The server never writes a file: fixes and suppressions
// reach the editor as workspace edits it may apply.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "lint/engine.hpp"
#include "lsp/positions.hpp"
#include "lsp/transport.hpp"

namespace stacklint::lsp {

class Server {
  public:
    explicit Server(std::ostream& out) : out_(out) {}
    // Serves until `exit`; returns the process's exit code (0 after `shutdown`, else 1, as
    // the protocol asks).
    int run(Reader& in);

  private:
    using json = nlohmann::json;

    struct Document {
        std::string uri;
        std::string path;
        std::string text;
        int version = 0;
        bool dirty = true;
        // The last lint: the findings of this document, and the run (its stacks, for the graph).
        std::vector<Finding> findings;
        std::shared_ptr<LintResult> run;
        // "Fix all safe": the whole document's edit, for the version it was made for.
        std::optional<std::pair<int, std::vector<TextEdit>>> fix_all;
    };

    void handle(const json& message);
    void request(const std::string& method, const json& id, const json& params);
    void notification(const std::string& method, const json& params);
    void reply(const json& id, json result);
    void fail(const json& id, int code, const std::string& message);
    void notify(const std::string& method, json params);

    json initialize(const json& params);
    void open(const json& params);
    void change(const json& params);
    void lint_dirty();
    void lint(Document& doc);
    json diagnostics(const Document& doc) const;
    json diagnostic(const LineIndex& lines, const Finding& f) const;
    // The text of every open document with a file path, by path: what linting reads instead.
    std::map<std::string, std::string> open_texts() const;
    json hover(const json& params);
    json definition(const json& params);
    json references(const json& params);
    json code_actions(const json& params);

    Document* find(const json& params);
    LineIndex index(const Document& doc) const { return LineIndex(doc.text, encoding_); }
    json range(const LineIndex& lines, Mark mark) const;
    json location(const Document& doc, const LineIndex& lines, Mark mark) const;
    std::vector<TextEdit> fixed_document(const Document& doc, bool unsafe) const;

    std::ostream& out_;
    std::map<std::string, Document> documents_;  // by URI
    Encoding encoding_ = Encoding::Utf16;
    bool initialized_ = false;
    bool shutdown_ = false;
    bool exited_ = false;
};

// file:///a%20b/c.yaml -> /a b/c.yaml; empty for another scheme.
std::string path_of_uri(const std::string& uri);
std::string uri_of_path(const std::string& path);

}  // namespace stacklint::lsp
