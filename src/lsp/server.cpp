#include "lsp/server.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "config/exclude.hpp"
#include "config/settings.hpp"
#include "declarative/declarative_rule.hpp"
#include "discover/discover.hpp"
#include "fix/editor.hpp"
#include "fix/fixer.hpp"
#include "report/report.hpp"

namespace stacklint::lsp {

namespace fs = std::filesystem;

namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// docs/rules.md next to the binary: installed (share/doc/stacklint) or in the source tree
// (build/stacklint -> docs/rules.md). Empty when neither is there.
std::string rules_doc_uri() {
    static const std::string uri = [] {
        std::error_code ec;
        const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
        if (ec) return std::string();
        for (const char* rel : {"../share/doc/stacklint/rules.md", "../docs/rules.md"}) {
            const fs::path p = (exe.parent_path() / rel).lexically_normal();
            if (fs::exists(p, ec)) return uri_of_path(p.string());
        }
        return std::string();
    }();
    return uri;
}

int lsp_severity(Severity s) {
    switch (s) {
        case Severity::Error:
            return 1;
        case Severity::Warning:
            return 2;
        case Severity::Info:
            return 3;
    }
    return 3;
}

bool before(const Position& a, const Position& b) {
    return a.line < b.line || (a.line == b.line && a.character < b.character);
}

// An LSP Position object.
Position position_of(const nlohmann::json& p) {
    return {p.at("line").get<std::uint32_t>(), p.at("character").get<std::uint32_t>()};
}

// Whether `at` is on the token that starts at `mark`.
bool covers(const LineIndex& lines, Mark mark, Position at) {
    const Position start = lines.position(mark);
    return mark.valid() && !before(at, start) && before(at, lines.token_end(start));
}

// What the lint of one document reads: it and the other templates of its directory (its
// app), with the text of every open document in place of the file.
struct Prepared {
    std::vector<Input> inputs;
    LintOptions options;
    std::map<std::string, std::string> contents;
    bool excluded = false;
    std::string config_error;
};

}  // namespace

std::string path_of_uri(const std::string& uri) {
    if (!uri.starts_with("file://")) return {};
    std::string path;
    for (std::size_t i = 7; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
            path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
            i += 2;
        } else {
            path += uri[i];
        }
    }
    // file://host/path names another machine's file: not ours.
    return path.starts_with('/') ? path : std::string();
}

std::string uri_of_path(const std::string& path) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string uri = "file://";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += c;
        } else {
            uri += '%';
            uri += kHex[u >> 4];
            uri += kHex[u & 15];
        }
    }
    return uri;
}

int Server::run(Reader& in) {
    while (!exited_) {
        const std::optional<std::string> message = in.next();
        if (!message) break;
        json parsed = json::parse(*message, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object()) {
            fail(nullptr, kParseError, "the message is not a JSON object");
        } else {
            handle(parsed);
        }
        // Lint only once the messages already sent are handled: a burst of edits is linted
        // once, at its last version.
        if (!exited_ && !in.ready()) lint_dirty();
    }
    return shutdown_ ? 0 : 1;
}

void Server::handle(const json& message) {
    const auto method = message.find("method");
    if (method == message.end() || !method->is_string()) return;  // a response: none expected
    static const json kNone = json::object();
    const auto params = message.find("params");
    const json& p = params != message.end() ? *params : kNone;
    if (message.contains("id")) {
        request(method->get<std::string>(), message["id"], p);
    } else {
        notification(method->get<std::string>(), p);
    }
}

void Server::request(const std::string& method, const json& id, const json& params) {
    try {
        if (method == "initialize") {
            initialized_ = true;
            reply(id, initialize(params));
        } else if (!initialized_) {
            fail(id, kServerNotInitialized, "the server is not initialized yet");
        } else if (shutdown_) {
            fail(id, kInvalidRequest, "the server is shut down");
        } else if (method == "shutdown") {
            shutdown_ = true;
            reply(id, nullptr);
        } else if (method == "textDocument/hover") {
            reply(id, hover(params));
        } else if (method == "textDocument/definition") {
            reply(id, definition(params));
        } else if (method == "textDocument/references") {
            reply(id, references(params));
        } else if (method == "textDocument/codeAction") {
            reply(id, code_actions(params));
        } else {
            fail(id, kMethodNotFound, "unsupported method " + method);
        }
    } catch (const json::exception& e) {
        fail(id, kInvalidParams, std::string("invalid parameters: ") + e.what());
    }
}

void Server::notification(const std::string& method, const json& params) {
    try {
        if (method == "exit") {
            exited_ = true;
        } else if (method == "textDocument/didOpen") {
            open(params);
        } else if (method == "textDocument/didChange") {
            change(params);
        } else if (method == "textDocument/didSave") {
            // A saved configuration changes every open document's lint; any save may change
            // what the other templates of the directory say.
            for (auto& [uri, doc] : documents_) {
                doc.dirty = true;
                doc.fix_all.reset();
            }
        } else if (method == "textDocument/didClose") {
            const std::string uri = params.at("textDocument").at("uri").get<std::string>();
            documents_.erase(uri);
            notify("textDocument/publishDiagnostics",
                   {{"uri", uri}, {"diagnostics", json::array()}});
        } else if (method == "workspace/didChangeWatchedFiles") {
            for (auto& [uri, doc] : documents_) {
                doc.dirty = true;
                doc.fix_all.reset();
            }
        }
        // initialized, $/cancelRequest (requests are answered as they come), $/setTrace...
    } catch (const json::exception&) {
        // A malformed notification has no one to answer: it is dropped.
    }
}

void Server::reply(const json& id, json result) {
    write_message(out_, json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}.dump(
                            -1, ' ', false, json::error_handler_t::replace));
}

void Server::fail(const json& id, int code, const std::string& message) {
    write_message(
        out_,
        json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}}
            .dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::notify(const std::string& method, json params) {
    write_message(out_,
                  json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump(
                      -1, ' ', false, json::error_handler_t::replace));
}

Server::json Server::initialize(const json& params) {
    encoding_ = Encoding::Utf16;
    const json* encodings = nullptr;
    if (params.contains("capabilities") && params["capabilities"].contains("general") &&
        params["capabilities"]["general"].contains("positionEncodings")) {
        encodings = &params["capabilities"]["general"]["positionEncodings"];
    }
    if (encodings != nullptr && encodings->is_array() &&
        std::find(encodings->begin(), encodings->end(), "utf-8") != encodings->end()) {
        encoding_ = Encoding::Utf8;
    }
    return {{"capabilities",
             {{"positionEncoding", encoding_ == Encoding::Utf8 ? "utf-8" : "utf-16"},
              {"textDocumentSync",
               {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix", "source.fixAll"}}}}}},
            {"serverInfo", {{"name", "stacklint"}, {"version", kVersion}}}};
}

void Server::open(const json& params) {
    const json& td = params.at("textDocument");
    Document doc;
    doc.uri = td.at("uri").get<std::string>();
    doc.path = path_of_uri(doc.uri);
    doc.text = td.at("text").get<std::string>();
    doc.version = td.value("version", 0);
    documents_[doc.uri] = std::move(doc);
}

void Server::change(const json& params) {
    Document* doc = find(params);
    if (doc == nullptr) return;
    for (const json& c : params.at("contentChanges")) {
        const std::string text = c.at("text").get<std::string>();
        if (!c.contains("range")) {
            doc->text = text;
            continue;
        }
        const LineIndex lines = index(*doc);
        const json& r = c["range"];
        const std::size_t from = lines.offset(position_of(r.at("start")));
        const std::size_t to = std::max(from, lines.offset(position_of(r.at("end"))));
        doc->text.replace(from, to - from, text);
    }
    doc->version = params.at("textDocument").value("version", doc->version);
    doc->dirty = true;
    doc->fix_all.reset();
}

Server::Document* Server::find(const json& params) {
    const auto it = documents_.find(params.at("textDocument").at("uri").get<std::string>());
    return it == documents_.end() ? nullptr : &it->second;
}

void Server::lint_dirty() {
    for (auto& [uri, doc] : documents_) {
        if (!doc.dirty) continue;
        lint(doc);
        notify("textDocument/publishDiagnostics",
               {{"uri", doc.uri}, {"version", doc.version}, {"diagnostics", diagnostics(doc)}});
    }
}

namespace {

Prepared prepare(const std::string& path, const std::map<std::string, std::string>& open) {
    Prepared p;
    const fs::path dir = fs::path(path).parent_path();
    ConfigError error;
    std::optional<Settings> settings = resolve_settings(CommandLineSettings{}, dir, error);
    if (!settings) {
        p.config_error = error.file + ":" + std::to_string(error.mark.line) + ":" +
                         std::to_string(error.mark.column) + ": " + error.message;
        CommandLineSettings none;
        none.no_config = true;
        settings = resolve_settings(none, dir, error);
    }
    if (!settings) return p;
    p.excluded = is_excluded(path, settings->exclude, settings->exclude_base);
    p.inputs.push_back(Input{path, path, false, false, false});
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string other = e.path().string();
        if (other != path && e.is_regular_file(ec) &&
            has_template_extension(e.path().filename().string()) &&
            !is_excluded(other, settings->exclude, settings->exclude_base)) {
            p.inputs.push_back(Input{other, other, false, false, false});
        }
    }
    p.contents = open;
    p.options.skip_non_templates = true;
    p.options.rule_severity = settings->selection.as_function();
    p.options.rule_options = settings->rule_options;
    p.options.regions = settings->regions;
    return p;
}

}  // namespace

void Server::lint(Document& doc) {
    doc.dirty = false;
    doc.findings.clear();
    doc.run.reset();
    if (doc.path.empty()) return;
    Prepared p = prepare(doc.path, open_texts());
    if (!p.config_error.empty()) {
        notify("window/showMessage", {{"type", 1}, {"message", "stacklint: " + p.config_error}});
    }
    if (p.excluded || p.inputs.empty()) return;
    p.options.contents = &p.contents;
    auto result = std::make_shared<LintResult>(stacklint::lint(p.inputs, p.options));
    for (const Finding& f : result->findings)
        if (f.file == doc.path) doc.findings.push_back(f);
    doc.run = std::move(result);
}

Server::json Server::range(const LineIndex& lines, Mark mark) const {
    const Position start = lines.position(mark);
    const Position end = lines.token_end(start);
    return {{"start", {{"line", start.line}, {"character", start.character}}},
            {"end", {{"line", end.line}, {"character", end.character}}}};
}

Server::json Server::location(const Document& doc, const LineIndex& lines, Mark mark) const {
    return {{"uri", doc.uri}, {"range", range(lines, mark)}};
}

Server::json Server::diagnostic(const LineIndex& lines, const Finding& f) const {
    json d = {{"range", range(lines, f.mark)},
              {"severity", lsp_severity(f.severity)},
              {"code", f.rule},
              {"source", "stacklint"},
              {"message", f.message}};
    const std::string docs = rules_doc_uri();
    const Rule* rule = RuleRegistry::instance().find(f.rule);
    // docs/rules.md documents the built-in rules; a team's own (pack "custom") are documented
    // in their rule files, which hover shows.
    if (!docs.empty() && rule != nullptr && rule->info().pack != declarative::kUserPack) {
        d["codeDescription"] = {{"href", docs + "#" + rule_anchor(rule->info())}};
    }
    return d;
}

Server::json Server::diagnostics(const Document& doc) const {
    const LineIndex lines = index(doc);
    json out = json::array();
    for (const Finding& f : doc.findings)
        out.push_back(diagnostic(lines, f));
    return out;
}

std::map<std::string, std::string> Server::open_texts() const {
    std::map<std::string, std::string> open;
    for (const auto& [uri, d] : documents_)
        if (!d.path.empty()) open[d.path] = d.text;
    return open;
}

namespace {

// The stack of `path` in a run.
const Stack* stack_of(const LintResult* run, const std::string& path) {
    if (run == nullptr) return nullptr;
    for (const auto& s : run->set.stacks)
        if (s->file == path && s->tmpl && s->graph) return s.get();
    return nullptr;
}

// Where an edge's target is declared, or an invalid mark.
Mark target_mark(const Template& t, const Edge& e) {
    const std::size_t i = e.target_index;
    switch (e.target_kind) {
        case TargetKind::Resource:
            return i < t.resources.size() ? t.resources[i].id_mark : Mark{};
        case TargetKind::Parameter:
            return i < t.parameters.size() ? t.parameters[i].mark : Mark{};
        case TargetKind::Condition:
            return i < t.conditions.size() ? t.conditions[i].mark : Mark{};
        case TargetKind::Mapping:
            return i < t.mappings.size() ? t.mappings[i].mark : Mark{};
        default:
            return {};
    }
}

std::string_view kind_word(TargetKind k) {
    switch (k) {
        case TargetKind::Resource:
            return "resource";
        case TargetKind::Parameter:
            return "parameter";
        case TargetKind::PseudoParameter:
            return "pseudo parameter";
        case TargetKind::Condition:
            return "condition";
        case TargetKind::Mapping:
            return "mapping";
        default:
            return "name";
    }
}

}  // namespace

Server::json Server::hover(const json& params) {
    Document* doc = find(params);
    if (doc == nullptr) return nullptr;
    if (doc->dirty) lint(*doc);
    const LineIndex lines = index(*doc);
    const Position at = position_of(params.at("position"));
    const auto inside = [&](Mark mark) { return covers(lines, mark, at); };
    std::string text;
    for (const Finding& f : doc->findings) {
        if (!inside(f.mark)) continue;
        if (const Rule* rule = RuleRegistry::instance().find(f.rule)) {
            std::ostringstream md;
            write_rule_markdown(md, rule->info());
            text += (text.empty() ? "" : "\n\n---\n\n") + md.str();
        }
    }
    if (text.empty()) {
        const Stack* stack = stack_of(doc->run.get(), doc->path);
        if (stack == nullptr) return nullptr;
        for (const Edge& e : stack->graph->edges()) {
            if (!inside(e.mark())) continue;
            const Mark target = target_mark(*stack->tmpl, e);
            text = "`" + std::string(e.target) + "`: " + std::string(kind_word(e.target_kind));
            if (e.target_kind == TargetKind::Resource &&
                e.target_index < stack->tmpl->resources.size()) {
                text += " of type `" +
                        std::string(stack->tmpl->resources[e.target_index].type_name) + "`";
            }
            if (target.valid()) text += ", line " + std::to_string(target.line);
            break;
        }
    }
    if (text.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", text}}}};
}

Server::json Server::definition(const json& params) {
    Document* doc = find(params);
    if (doc == nullptr) return nullptr;
    if (doc->dirty) lint(*doc);
    const Stack* stack = stack_of(doc->run.get(), doc->path);
    if (stack == nullptr) return nullptr;
    const LineIndex lines = index(*doc);
    const Position at = position_of(params.at("position"));
    for (const Edge& e : stack->graph->edges()) {
        if (!covers(lines, e.mark(), at)) continue;
        const Mark target = target_mark(*stack->tmpl, e);
        if (target.valid()) return location(*doc, lines, target);
    }
    return nullptr;
}

Server::json Server::references(const json& params) {
    Document* doc = find(params);
    if (doc == nullptr) return nullptr;
    if (doc->dirty) lint(*doc);
    const Stack* stack = stack_of(doc->run.get(), doc->path);
    if (stack == nullptr) return nullptr;
    const LineIndex lines = index(*doc);
    const Position at = position_of(params.at("position"));
    const Template& t = *stack->tmpl;
    // The declaration under the cursor, or the target of the reference under it.
    std::optional<std::pair<TargetKind, std::size_t>> wanted;
    const auto declared = [&](Mark m) { return covers(lines, m, at); };
    for (std::size_t i = 0; i < t.resources.size() && !wanted; ++i)
        if (declared(t.resources[i].id_mark)) wanted = {TargetKind::Resource, i};
    for (std::size_t i = 0; i < t.parameters.size() && !wanted; ++i)
        if (declared(t.parameters[i].mark)) wanted = {TargetKind::Parameter, i};
    for (std::size_t i = 0; i < t.conditions.size() && !wanted; ++i)
        if (declared(t.conditions[i].mark)) wanted = {TargetKind::Condition, i};
    for (std::size_t i = 0; i < t.mappings.size() && !wanted; ++i)
        if (declared(t.mappings[i].mark)) wanted = {TargetKind::Mapping, i};
    for (const Edge& e : stack->graph->edges()) {
        if (!wanted && declared(e.mark())) wanted = {e.target_kind, e.target_index};
    }
    if (!wanted) return nullptr;
    json out = json::array();
    const bool declaration =
        params.contains("context") && params["context"].value("includeDeclaration", false);
    if (declaration) {
        Edge probe{};
        probe.target_kind = wanted->first;
        probe.target_index = wanted->second;
        const Mark m = target_mark(t, probe);
        if (m.valid()) out.push_back(location(*doc, lines, m));
    }
    for (const Edge& e : stack->graph->edges()) {
        if (e.target_kind == wanted->first && e.target_index == wanted->second &&
            e.mark().valid()) {
            out.push_back(location(*doc, lines, e.mark()));
        }
    }
    return out;
}

std::vector<TextEdit> Server::fixed_document(const Document& doc, bool unsafe) const {
    Prepared p = prepare(doc.path, open_texts());
    if (p.excluded || p.inputs.empty()) return {};
    fix::FixOptions fix_options;
    fix_options.unsafe = unsafe;
    const std::string path = doc.path;
    fix_options.filter = [path](std::vector<Finding>& fs) {
        std::erase_if(fs, [&](const Finding& f) { return f.file != path; });
    };
    // run_fixes supplies the contents itself, starting from the files; seed it with the
    // editor's text through the inputs' contents.
    p.options.contents = &p.contents;
    const fix::FixOutcome outcome = fix::run_fixes(p.inputs, p.options, fix_options);
    for (const fix::FixedFile& f : outcome.files) {
        if (f.path == doc.path) return {TextEdit{0, doc.text.size(), f.fixed}};
    }
    return {};
}

Server::json Server::code_actions(const json& params) {
    Document* doc = find(params);
    if (doc == nullptr) return json::array();
    if (doc->dirty) lint(*doc);
    const LineIndex lines = index(*doc);
    const json& r = params.at("range");
    const Position from = position_of(r.at("start"));
    const Position to = position_of(r.at("end"));
    const auto edits_json = [&](const std::vector<TextEdit>& edits) {
        json out = json::array();
        for (const TextEdit& e : edits) {
            const Position s = lines.position(e.offset);
            const Position t = lines.position(e.end());
            out.push_back({{"range",
                            {{"start", {{"line", s.line}, {"character", s.character}}},
                             {"end", {{"line", t.line}, {"character", t.character}}}}},
                           {"newText", e.text}});
        }
        return out;
    };
    json actions = json::array();
    const Stack* stack = stack_of(doc->run.get(), doc->path);
    bool any_safe = false;
    for (const Finding& f : doc->findings) {
        if (f.fix && f.fix->safety == FixSafety::Safe) any_safe = true;
        const Position s = lines.position(f.mark);
        if (before(to, {s.line, 0}) || before(s, {from.line, 0})) continue;  // other lines
        const json found = diagnostic(lines, f);
        if (f.fix) {
            actions.push_back(
                {{"title",
                  "Fix " + f.rule + ": " + f.fix->description +
                      (f.fix->safety == FixSafety::Unsafe ? " (changes what gets deployed)" : "")},
                 {"kind", "quickfix"},
                 {"diagnostics", json::array({found})},
                 {"isPreferred", f.fix->safety == FixSafety::Safe},
                 {"edit", {{"changes", {{doc->uri, edits_json(f.fix->edits)}}}}}});
        }
        // Suppress it on its resource, with a reason to fill in.
        const Rule* rule = RuleRegistry::instance().find(f.rule);
        if (stack == nullptr || f.resource.empty() || rule == nullptr ||
            rule->info().pack == kMetaPack || !rule->info().no_inline_suppression.empty()) {
            continue;
        }
        const Resource* res = stack->tmpl->find_resource(f.resource);
        if (res == nullptr || res->node == nullptr || !res->node->is_mapping()) continue;
        using fix::Value;
        const Value entry =
            fix::map_value({{"id", Value::string(f.rule)},
                            {"reason", Value::string("why this resource is the exception")}});
        const fix::Editor editor(stack->doc);
        std::optional<TextEdit> edit;
        const Node* metadata = res->node->get("Metadata");
        if (metadata == nullptr) {
            edit = editor.insert_entry(
                *res->node, "Type", "Metadata",
                fix::map_value(
                    {{"stacklint", fix::map_value({{"ignore", Value::list({entry})}})}}));
        } else if (metadata->is_mapping()) {
            const Node* own = metadata->get("stacklint");
            const Node* ignore = own && own->is_mapping() ? own->get("ignore") : nullptr;
            if (own == nullptr) {
                edit = editor.insert_entry(*metadata, "", "stacklint",
                                           fix::map_value({{"ignore", Value::list({entry})}}));
            } else if (ignore != nullptr && ignore->is_sequence()) {
                edit = editor.insert_item(*ignore, entry);
            }
        }
        if (edit) {
            actions.push_back({{"title", "Suppress " + f.rule + " on '" + f.resource + "'"},
                               {"kind", "quickfix"},
                               {"diagnostics", json::array({found})},
                               {"edit", {{"changes", {{doc->uri, edits_json({*edit})}}}}}});
        }
    }
    // "Fix all" lints the document a few times over: offered when asked for (an explicit
    // request, or one for source actions), not on every automatic request as the cursor
    // moves, and kept for the document's version.
    const json* context = params.contains("context") ? &params["context"] : nullptr;
    bool wanted = context == nullptr || context->value("triggerKind", 1) == 1;
    if (context != nullptr && context->contains("only")) {
        wanted = false;
        for (const json& kind : (*context)["only"]) {
            if (kind.is_string() && kind.get<std::string>().starts_with("source")) wanted = true;
        }
    }
    if (any_safe && wanted) {
        if (!doc->fix_all || doc->fix_all->first != doc->version) {
            doc->fix_all = std::pair{doc->version, fixed_document(*doc, false)};
        }
        const std::vector<TextEdit>& all = doc->fix_all->second;
        if (!all.empty()) {
            actions.push_back({{"title", "Fix all safe stacklint findings"},
                               {"kind", "source.fixAll"},
                               {"edit", {{"changes", {{doc->uri, edits_json(all)}}}}}});
        }
    }
    return actions;
}

}  // namespace stacklint::lsp
