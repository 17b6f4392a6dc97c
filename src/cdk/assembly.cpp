#include "cdk/assembly.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace stacklint::cdk {

namespace fs = std::filesystem;

namespace {

std::string join_display(const std::string& dir, const std::string& name) {
    if (dir.empty() || dir == ".") return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string at(const std::string& file, Mark m) {
    return m.valid() ? file + ":" + std::to_string(m.line) + ":" + std::to_string(m.column) : file;
}

const Node* get(const Node* n, std::string_view key) {
    return n != nullptr && n->is_mapping() ? n->get(key) : nullptr;
}

std::string text_of(const Node* n) {
    return n != nullptr && n->is_scalar() ? n->text() : "";
}

// Reads an assembly, its nested assemblies and nested stacks.
class AssemblyReader {
  public:
    AssemblyReader(const AssemblyLimits& limits, LoadedAssembly& out, std::string app)
        : limits_(limits), out_(out), app_(std::move(app)) {}

    void read(const fs::path& dir, const std::string& display, std::size_t depth) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(dir, ec);
        if (ec) {
            error(display, "cannot resolve the assembly directory: " + ec.message());
            return;
        }
        if (root_.empty()) root_ = canonical;
        if (!visited_.insert(canonical.string()).second) return;  // a loop of nested assemblies
        if (depth > limits_.max_depth) {
            error(display, "nested assemblies deeper than " + std::to_string(limits_.max_depth) +
                               " levels; not read further");
            return;
        }
        const std::string manifest_display = join_display(display, "manifest.json");
        std::optional<Document> manifest = read_json(dir / "manifest.json", manifest_display);
        if (!manifest) return;
        const Node& root = *manifest->root;
        if (!root.is_mapping()) {
            error(at(manifest_display, root.mark()),
                  "a cloud assembly manifest must be a JSON object");
            return;
        }
        if (!check_version(root, manifest_display)) return;
        const Node* artifacts = root.get("artifacts");
        if (artifacts == nullptr) return;  // an assembly with nothing in it
        if (!artifacts->is_mapping()) {
            error(at(manifest_display, artifacts->mark()), "\"artifacts\" must be an object");
            return;
        }
        for (const Entry& a : artifacts->entries()) {
            const std::string type = text_of(get(&a.value, "type"));
            if (type == "aws:cloudformation:stack") {
                stack_artifact(dir, display, manifest_display, a, depth);
            } else if (type == "cdk:cloud-assembly") {
                nested_assembly(dir, display, manifest_display, a, depth);
            }
            // Asset manifests, the construct tree and reports hold nothing to lint.
        }
    }

  private:
    void error(const std::string& where, const std::string& message) {
        out_.errors.push_back(ToolError{where, message});
    }

    // Resolves `relative` inside `dir`, refusing anything that leaves the assembly.
    std::optional<fs::path> inside(const fs::path& dir, const std::string& relative,
                                   const std::string& where, const std::string& what) {
        const fs::path rel(relative);
        const fs::path normal = rel.lexically_normal();
        if (relative.empty() || rel.is_absolute() || rel.has_root_name() ||
            (!normal.empty() && *normal.begin() == "..")) {
            error(where, what + " '" + relative + "' lies outside the assembly; not read");
            return std::nullopt;
        }
        std::error_code ec;
        const fs::path full = fs::weakly_canonical(dir / rel, ec);
        const std::string root = root_.string();
        if (ec || full.string().compare(0, root.size(), root) != 0 ||
            (full.string().size() > root.size() && full.string()[root.size()] != '/')) {
            error(where, what + " '" + relative +
                             "' resolves outside the assembly (a symbolic link?); not read");
            return std::nullopt;
        }
        return dir / rel;
    }

    std::optional<Document> read_json(const fs::path& path, const std::string& display) {
        std::string bytes;
        std::string message;
        if (!read_input(Input{display, path.string(), false, true}, limits_.max_file_bytes, bytes,
                        message)) {
            error(display, message);
            return std::nullopt;
        }
        Document doc = load_document(std::make_shared<const Source>(display, std::move(bytes)),
                                     Format::Json, limits_.load);
        if (!doc.root) {
            const Diagnostic& d = doc.diagnostics.front();
            error(at(display, d.mark), d.message);
            return std::nullopt;
        }
        return doc;
    }

    bool check_version(const Node& root, const std::string& manifest_display) {
        const Node* version = root.get("version");
        if (version == nullptr || !version->is_scalar()) {
            error(at(manifest_display, version ? version->mark() : root.mark()),
                  "the manifest has no schema \"version\"; is this a CDK cloud assembly?");
            return false;
        }
        const std::string& v = version->text();
        int major = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), major);
        if (ec != std::errc() || (end != v.data() + v.size() && *end != '.') || major < 1) {
            error(at(manifest_display, version->mark()),
                  "unrecognised cloud assembly schema version '" + v + "'");
            return false;
        }
        if (major > kNewestSchemaMajor) {
            error(at(manifest_display, version->mark()),
                  "cloud assembly schema version " + v + " is newer than this stacklint knows (" +
                      std::to_string(kNewestSchemaMajor) +
                      ".x); it is not read rather than misread: upgrade stacklint");
            return false;
        }
        return true;
    }

    void nested_assembly(const fs::path& dir, const std::string& display,
                         const std::string& manifest_display, const Entry& a, std::size_t depth) {
        const std::string where = at(manifest_display, a.key_mark);
        const std::string sub = text_of(get(get(&a.value, "properties"), "directoryName"));
        if (sub.empty()) {
            error(where, "nested assembly '" + a.key + "' has no directoryName");
            return;
        }
        const auto path = inside(dir, sub, where, "nested assembly directory");
        if (!path) return;
        read(*path, join_display(display, sub), depth + 1);
    }

    void stack_artifact(const fs::path& dir, const std::string& display,
                        const std::string& manifest_display, const Entry& a, std::size_t depth) {
        const std::string where = at(manifest_display, a.key_mark);
        const Node* props = get(&a.value, "properties");
        const std::string template_file = text_of(get(props, "templateFile"));
        if (template_file.empty()) {
            error(where, "stack artifact '" + a.key + "' names no templateFile");
            return;
        }
        const auto path = inside(dir, template_file, where, "template file of '" + a.key + "'");
        if (!path) return;
        std::unique_ptr<Stack> stack =
            load_stack(*path, join_display(display, template_file), where);
        if (!stack) return;

        const std::string stack_name = text_of(get(props, "stackName"));
        stack->name = stack_name.empty() ? a.key : stack_name;
        stack->app = app_;
        const Entry* protection =
            props && props->is_mapping() ? props->find("terminationProtection") : nullptr;
        stack->termination_protection = protection && protection->value.as_bool() == true;
        CdkStackInfo info;
        info.artifact_id = a.key;
        info.manifest_file = manifest_display;
        info.manifest_mark = protection ? protection->key_mark : a.key_mark;
        // "aws://123456789012/us-east-1"; "unknown-account" and "unknown-region" stand for
        // environment-agnostic stacks.
        const std::string env = text_of(get(&a.value, "environment"));
        if (env.starts_with("aws://")) {
            const std::string rest = env.substr(6);
            const std::size_t slash = rest.find('/');
            if (slash != std::string::npos) {
                if (!rest.starts_with("unknown-")) info.account = rest.substr(0, slash);
                if (rest.compare(slash + 1, 8, "unknown-") != 0)
                    info.region = rest.substr(slash + 1);
            }
        }
        if (const Node* deps = get(&a.value, "dependencies"); deps && deps->is_sequence()) {
            for (const Node& d : deps->items()) {
                if (d.is_scalar()) info.dependencies.push_back(d.text());
            }
        }
        stack->cdk = std::move(info);
        if (const Node* inline_metadata = get(&a.value, "metadata")) {
            read_metadata(*stack, *inline_metadata, manifest_display);
        }
        const std::string extra = text_of(get(&a.value, "additionalMetadataFile"));
        std::optional<Document> extra_doc;
        if (!extra.empty()) {
            if (const auto p = inside(dir, extra, where, "metadata file of '" + a.key + "'")) {
                extra_doc = read_json(*p, join_display(display, extra));
                if (extra_doc)
                    read_metadata(*stack, *extra_doc->root, join_display(display, extra));
            }
        }
        Stack* parent = stack.get();
        out_.stacks.push_back(std::move(stack));
        nested_stacks(dir, display, *parent, depth);
    }

    std::unique_ptr<Stack> load_stack(const fs::path& path, const std::string& display,
                                      const std::string& where) {
        std::string bytes;
        std::string message;
        if (!read_input(Input{display, path.string(), false, true}, limits_.max_file_bytes, bytes,
                        message)) {
            error(where, "cannot read template " + display + ": " + message);
            return nullptr;
        }
        return make_stack({}, std::make_shared<const Source>(display, std::move(bytes)),
                          limits_.load);
    }

    // Metadata maps construct paths ("/Stack/Bucket/Resource") to lists of typed entries.
    static void read_metadata(Stack& stack, const Node& metadata, const std::string& file) {
        if (!metadata.is_mapping()) return;
        for (const Entry& e : metadata.entries()) {
            if (!e.value.is_sequence()) continue;
            const std::string path = e.key.starts_with('/') ? e.key.substr(1) : e.key;
            for (const Node& item : e.value.items()) {
                const std::string type = text_of(get(&item, "type"));
                const Node* data = get(&item, "data");
                if (data == nullptr) continue;
                if (type == "aws:cdk:logicalId" && data->is_scalar()) {
                    // Only ids of this template: the parent's file also lists nested stacks'.
                    if (stack.tmpl && stack.tmpl->find_resource(data->text())) {
                        stack.construct_paths.emplace(data->text(), path);
                    }
                } else if (type == "aws:cdk:warning" || type == "aws:cdk:error" ||
                           type == "aws:cdk:info") {
                    stack.cdk->annotations.push_back(CdkAnnotation{
                        type.substr(8), data->is_scalar() ? data->text() : "(structured message)",
                        path, file, item.mark()});
                } else if (type == "aws:cdk:creationStack" && data->is_sequence()) {
                    std::vector<std::string> frames;
                    for (const Node& f : data->items()) {
                        if (f.is_scalar()) frames.push_back(f.text());
                    }
                    if (std::string frame = user_frame(frames); !frame.empty()) {
                        stack.cdk->origins.emplace(path, std::move(frame));
                    }
                }
            }
        }
    }

    // AWS::CloudFormation::Stack resources whose template is a file of the assembly.
    void nested_stacks(const fs::path& dir, const std::string& display, Stack& parent,
                       std::size_t depth) {
        if (!parent.tmpl) return;
        for (const Resource& r : parent.tmpl->resources) {
            if (r.type_name != "AWS::CloudFormation::Stack" || r.metadata == nullptr) continue;
            const std::string asset = text_of(r.metadata->value.get("aws:asset:path"));
            if (!asset.ends_with(".template.json")) continue;
            const std::string where = at(parent.file, r.id_mark);
            if (depth + 1 > limits_.max_depth) {
                error(where, "nested stacks deeper than " + std::to_string(limits_.max_depth) +
                                 " levels; not read further");
                return;
            }
            const auto path = inside(dir, asset, where, "nested stack template");
            if (!path) continue;
            std::unique_ptr<Stack> nested = load_stack(*path, join_display(display, asset), where);
            if (!nested) continue;
            nested->name = parent.name + "/" + std::string(r.id);
            nested->app = parent.app;
            nested->termination_protection = parent.termination_protection;
            nested->parent = &parent;
            nested->parent_resource = std::string(r.id);
            CdkStackInfo info;
            info.artifact_id = parent.cdk ? parent.cdk->artifact_id : "";
            info.manifest_file = parent.cdk ? parent.cdk->manifest_file : "";
            nested->cdk = std::move(info);
            Stack* raw = nested.get();
            out_.stacks.push_back(std::move(nested));
            nested_stacks(dir, display, *raw, depth + 1);
        }
    }

    const AssemblyLimits& limits_;
    LoadedAssembly& out_;
    std::string app_;
    fs::path root_;
    std::set<std::string> visited_;
};

bool starts_with_digits_colon(std::string_view s) {
    // "...:12:5" — the last two fields are numbers.
    for (int field = 0; field < 2; ++field) {
        const std::size_t colon = s.rfind(':');
        if (colon == std::string_view::npos || colon + 1 == s.size()) return false;
        for (char c : s.substr(colon + 1)) {
            if (c < '0' || c > '9') return false;
        }
        s = s.substr(0, colon);
    }
    return !s.empty();
}

}  // namespace

bool is_cloud_assembly(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "manifest.json", ec)) return false;
    if (fs::is_regular_file(dir / "cdk.out", ec)) return true;
    // Without the marker file, look for the manifest's two top-level keys.
    std::ifstream in(dir / "manifest.json", std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find("\"artifacts\"") != std::string::npos &&
           head.find("\"version\"") != std::string::npos;
}

std::optional<fs::path> project_assembly(const fs::path& dir) {
    std::error_code ec;
    const fs::path config = dir / "cdk.json";
    if (!fs::is_regular_file(config, ec)) return std::nullopt;
    std::string output = "cdk.out";
    try {
        std::ifstream in(config, std::ios::binary);
        const nlohmann::json j = nlohmann::json::parse(in);
        if (j.is_object() && j.contains("output") && j["output"].is_string()) {
            output = j["output"].get<std::string>();
        }
    } catch (const std::exception&) {
        // A cdk.json we cannot read still means the default output directory.
    }
    const fs::path out = dir / output;
    if (is_cloud_assembly(out)) return out;
    return std::nullopt;
}

LoadedAssembly load_assembly(const Input& input, const AssemblyLimits& limits) {
    LoadedAssembly out;
    AssemblyReader reader(limits, out, input.display);
    reader.read(input.path, input.display, 0);
    return out;
}

std::string user_frame(const std::vector<std::string>& frames) {
    for (const std::string& f : frames) {
        if (f.find("node_modules") != std::string::npos ||
            f.find("aws-cdk-lib") != std::string::npos || f.find("node:") != std::string::npos ||
            f.starts_with("...") || f.starts_with("(")) {
            continue;
        }
        std::string_view location = f;
        if (const std::size_t open = location.rfind('(');
            open != std::string_view::npos && location.ends_with(')')) {
            location = location.substr(open + 1, location.size() - open - 2);
        } else if (location.starts_with("at ")) {
            location.remove_prefix(3);
        }
        if (starts_with_digits_colon(location)) return std::string(location);
    }
    return {};
}

}  // namespace stacklint::cdk
