#include "cdk/assembly.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/finding.hpp"

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

// A JSON string's text; empty for anything else (a number, a list, an object...).
std::string string_of(const Node* n) {
    return n != nullptr && n->is_scalar() && n->quoted() ? n->text() : "";
}

// What a JSON value is, for messages.
std::string describe(const Node& n) {
    if (n.is_scalar()) return n.quoted() ? "a string" : "a number or boolean";
    if (n.is_sequence()) return "an array";
    if (n.is_mapping()) return "an object";
    return "null";
}

// "aws://123456789012/us-east-1"; "unknown-account" and "unknown-region" stand for
// environment-agnostic stacks and leave the field empty.
void read_environment(const Node* environment, std::string& account, std::string& region) {
    const std::string env = string_of(environment);
    if (!env.starts_with("aws://")) return;
    const std::string rest = env.substr(6);
    const std::size_t slash = rest.find('/');
    // Anything but ACCOUNT/REGION is not an environment stacklint can compare.
    if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size() ||
        rest.find('/', slash + 1) != std::string::npos) {
        return;
    }
    if (!rest.starts_with("unknown-")) account = rest.substr(0, slash);
    if (rest.compare(slash + 1, 8, "unknown-") != 0) region = rest.substr(slash + 1);
}

// One entry of an artifact's metadata: a construct path ("Stack/Bucket/Resource", without
// the leading '/') and its list of typed items.
struct MetadataEntry {
    std::string path;
    const Node* items;
    std::string file;  // the file it was read from
};

// The metadata of one stack artifact, which also covers its nested stacks.
struct ArtifactMetadata {
    std::vector<MetadataEntry> entries;
    // aws:cdk:templateFile -> the construct paths of the stacks synthesized to that file.
    std::map<std::string, std::vector<std::string>, std::less<>> by_template;
    // aws:cdk:logicalId -> construct paths.
    std::multimap<std::string, std::string, std::less<>> by_logical_id;

    void add(const Node& metadata, const std::string& file) {
        if (!metadata.is_mapping()) return;
        for (const Entry& e : metadata.entries()) {
            if (!e.value.is_sequence()) continue;
            std::string path = e.key.starts_with('/') ? e.key.substr(1) : e.key;
            for (const Node& item : e.value.items()) {
                const std::string type = text_of(get(&item, "type"));
                const std::string data = string_of(get(&item, "data"));
                if (data.empty()) continue;
                if (type == "aws:cdk:templateFile") by_template[data].push_back(path);
                if (type == "aws:cdk:logicalId") by_logical_id.emplace(data, path);
            }
            entries.push_back({std::move(path), &e.value, file});
        }
    }

    // The construct path of the stack synthesized to `template_file`, when exactly one is.
    std::string construct_of(const std::string& template_file) const {
        const auto it = by_template.find(template_file);
        return it != by_template.end() && it->second.size() == 1 ? it->second.front() : "";
    }
};

bool under(std::string_view path, std::string_view prefix) {
    return !prefix.empty() && path.starts_with(prefix) &&
           (path.size() == prefix.size() || path[prefix.size()] == '/');
}

// A nested stack's construct from the construct path of its AWS::CloudFormation::Stack
// resource in the parent: "Parent/Queue.NestedStack/Queue.NestedStackResource" -> "Parent/Queue".
std::string nested_construct_from_resource(const std::string& resource_path) {
    const std::size_t cut = resource_path.find(".NestedStack/");
    return cut == std::string::npos ? std::string() : resource_path.substr(0, cut);
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        int value = 0;
        if (s[i] == '%' && i + 2 < s.size() &&
            std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16).ptr ==
                s.data() + i + 3) {
            out += static_cast<char>(value);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// A user frame ("/home/me/app/lib/x.ts:42:5") as findings show it: relative to the working
// directory when the file is under it, like the paths users name on the command line, else
// as it is (a file:// URL as its path).
// The working directory, or empty when it cannot be known (it was removed).
fs::path working_directory() {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (ec) return {};
    return cwd;
}

std::string shown_origin(const std::string& frame, const fs::path& cwd) {
    const std::optional<SourceRef> ref = parse_source_ref(frame);
    if (!ref) return frame;
    std::string file = ref->file;
    if (file.starts_with("file:///")) file = percent_decode(std::string_view(file).substr(7));
    if (const fs::path path(file); path.is_absolute() && !cwd.empty()) {
        const fs::path relative = path.lexically_normal().lexically_relative(cwd);
        if (!relative.empty() && *relative.begin() != "..") file = relative.generic_string();
    }
    return file + frame.substr(ref->file.size());
}

// Reads an assembly, its nested assemblies and nested stacks.
class AssemblyReader {
  public:
    AssemblyReader(const AssemblyLimits& limits, LoadedAssembly& out, std::string app,
                   const TemplateFilter& excluded)
        : limits_(limits),
          out_(out),
          app_(std::move(app)),
          excluded_(excluded),
          cwd_(working_directory()) {}

    // The artifact of a parent manifest that names a nested assembly.
    struct Referrer {
        std::string where;
        std::string artifact;
    };

    void read(const fs::path& dir, const std::string& display, std::size_t depth,
              const Referrer* from) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(dir, ec);
        if (ec) {
            error(from ? from->where : display,
                  "cannot resolve the assembly directory: " + ec.message());
            if (from) unloaded(from->artifact, from->artifact, nullptr);
            return;
        }
        if (root_.empty()) root_ = canonical;
        if (!visited_.insert(canonical.string()).second) return;  // a loop of nested assemblies
        if (depth > limits_.max_depth) {
            error(from ? from->where : display, "nested assemblies deeper than " +
                                                    std::to_string(limits_.max_depth) +
                                                    " levels; not read further");
            return;
        }
        const std::string manifest_display = join_display(display, "manifest.json");
        std::string read_error;
        std::optional<Document> manifest =
            read_json(dir / "manifest.json", manifest_display, read_error);
        if (!manifest) {
            if (from && !read_error.empty()) {
                error(from->where, "cannot read the manifest '" + manifest_display +
                                       "' of nested assembly '" + from->artifact +
                                       "': " + read_error);
            } else if (!read_error.empty()) {
                error(manifest_display, read_error);
            }
            if (from) unloaded(from->artifact, from->artifact, nullptr);
            return;
        }
        const Node& root = *manifest->root;
        if (!root.is_mapping()) {
            error(at(manifest_display, root.mark()),
                  "a cloud assembly manifest must be a JSON object");
            if (from) unloaded(from->artifact, from->artifact, nullptr);
            return;
        }
        if (!check_version(root, manifest_display)) {
            if (from) unloaded(from->artifact, from->artifact, nullptr);
            return;
        }
        const Node* artifacts = root.get("artifacts");
        if (artifacts == nullptr) return;  // an assembly with nothing in it
        if (!artifacts->is_mapping()) {
            error(at(manifest_display, artifacts->mark()), "\"artifacts\" must be an object");
            if (from) unloaded(from->artifact, from->artifact, nullptr);
            return;
        }
        for (const Entry& a : artifacts->entries()) {
            const std::string where = at(manifest_display, a.key_mark);
            if (!a.value.is_mapping()) {
                error(where, "artifact '" + a.key + "' is " + describe(a.value) +
                                 ", not an object; it is not read");
                unloaded(a.key, a.key, nullptr);
                continue;
            }
            const Node* type = a.value.get("type");
            const std::string type_name = string_of(type);
            if (type_name.empty()) {
                error(type ? at(manifest_display, type->mark()) : where,
                      "artifact '" + a.key + "' has " +
                          (type ? "a \"type\" that is " + describe(*type) + ", not a string"
                                : std::string("no \"type\"")) +
                          "; it is not read");
                unloaded(a.key, a.key, &a.value);
                continue;
            }
            if (type_name == "aws:cloudformation:stack") {
                stack_artifact(dir, display, manifest_display, a, depth);
            } else if (type_name == "cdk:cloud-assembly") {
                nested_assembly(dir, display, a, where, depth);
            }
            // Asset manifests, the construct tree and reports hold nothing to lint.
        }
    }

  private:
    void error(const std::string& where, const std::string& message) {
        out_.errors.push_back(ToolError{where, message});
    }

    // A stack the manifest declares that is not loaded: the cross-stack rules must know.
    void unloaded(const std::string& artifact, const std::string& name,
                  const Node* artifact_value) {
        UnloadedStack u{app_, artifact, name, {}, {}};
        read_environment(get(artifact_value, "environment"), u.account, u.region);
        out_.unloaded.push_back(std::move(u));
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

    // Reads and parses a JSON file. A file that cannot be read leaves the reason in
    // `read_error` for the caller to report with context; a parse error is reported here, at
    // its position.
    std::optional<Document> read_json(const fs::path& path, const std::string& display,
                                      std::string& read_error) {
        std::string bytes;
        if (!read_input(Input{display, path.string(), false, true}, limits_.max_file_bytes, bytes,
                        read_error)) {
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
        if (major > kNewestSchemaMajor && !warned_version_) {
            // Majors mostly add to the schema; what stacklint reads has kept its shape.
            warned_version_ = true;
            out_.warnings.push_back(
                {at(manifest_display, version->mark()),
                 "cloud assembly schema version " + v + " is newer than this stacklint knows (" +
                     std::to_string(kNewestSchemaMajor) + ".x); it is read as " +
                     std::to_string(kNewestSchemaMajor) +
                     ".x, so what a newer version added is not seen: upgrade stacklint"});
        }
        return true;
    }

    void nested_assembly(const fs::path& dir, const std::string& display, const Entry& a,
                         const std::string& where, std::size_t depth) {
        const std::string sub = string_of(get(get(&a.value, "properties"), "directoryName"));
        if (sub.empty()) {
            error(where, "nested assembly '" + a.key + "' has no directoryName");
            unloaded(a.key, a.key, nullptr);
            return;
        }
        const auto path = inside(dir, sub, where, "nested assembly directory");
        if (!path) {
            unloaded(a.key, a.key, nullptr);
            return;
        }
        const Referrer from{where, a.key};
        read(*path, join_display(display, sub), depth + 1, &from);
    }

    void stack_artifact(const fs::path& dir, const std::string& display,
                        const std::string& manifest_display, const Entry& a, std::size_t depth) {
        const std::string where = at(manifest_display, a.key_mark);
        const Node* props = get(&a.value, "properties");
        const std::string stack_name = string_of(get(props, "stackName"));
        const std::string name = stack_name.empty() ? a.key : stack_name;
        const std::string template_file = string_of(get(props, "templateFile"));
        if (template_file.empty()) {
            error(where, "stack artifact '" + a.key + "' names no templateFile");
            unloaded(a.key, name, &a.value);
            return;
        }
        const auto path = inside(dir, template_file, where, "template file of '" + a.key + "'");
        if (!path) {
            unloaded(a.key, name, &a.value);
            return;
        }
        std::string message;
        std::unique_ptr<Stack> stack =
            load_stack(*path, join_display(display, template_file), message);
        if (!stack) {
            error(where, "cannot read template '" + template_file + "' of artifact '" + a.key +
                             "': " + message);
            unloaded(a.key, name, &a.value);
            return;
        }

        stack->name = name;
        stack->app = app_;
        stack->excluded = excluded_ && excluded_(path->string());
        const Entry* protection =
            props && props->is_mapping() ? props->find("terminationProtection") : nullptr;
        stack->termination_protection = protection && protection->value.as_bool() == true;
        CdkStackInfo info;
        info.artifact_id = a.key;
        info.manifest_file = manifest_display;
        info.manifest_mark = protection ? protection->key_mark : a.key_mark;
        read_environment(get(&a.value, "environment"), info.account, info.region);
        if (const Node* deps = get(&a.value, "dependencies"); deps && deps->is_sequence()) {
            for (const Node& d : deps->items()) {
                if (d.is_scalar()) info.dependencies.push_back(d.text());
            }
        }
        if (const Node* tags = get(props, "tags"); tags && tags->is_mapping()) {
            for (const Entry& t : tags->entries()) {
                if (t.value.is_scalar()) info.tags.emplace(t.key, t.value.text());
            }
        }

        ArtifactMetadata metadata;
        if (const Node* inline_metadata = get(&a.value, "metadata")) {
            metadata.add(*inline_metadata, manifest_display);
        }
        std::optional<Document> extra_doc;  // alive until the metadata is distributed
        if (const Node* extra_node = get(&a.value, "additionalMetadataFile")) {
            const std::string extra = string_of(extra_node);
            if (extra.empty()) {
                error(at(manifest_display, extra_node->mark()),
                      "the additionalMetadataFile of artifact '" + a.key + "' is " +
                          describe(*extra_node) + ", not a file name");
            } else if (const auto p =
                           inside(dir, extra, where, "metadata file of '" + a.key + "'")) {
                const std::string extra_display = join_display(display, extra);
                std::string read_error;
                extra_doc = read_json(*p, extra_display, read_error);
                if (extra_doc) {
                    metadata.add(*extra_doc->root, extra_display);
                } else if (!read_error.empty()) {
                    error(where, "cannot read metadata file '" + extra + "' of artifact '" + a.key +
                                     "': " + read_error);
                }
            }
        }
        info.construct = metadata.construct_of(template_file);
        if (info.construct.empty()) info.construct = string_of(a.value.get("displayName"));
        stack->cdk = std::make_unique<CdkStackInfo>(std::move(info));

        Stack* top = stack.get();
        out_.stacks.push_back(std::move(stack));
        std::vector<Stack*> family{top};
        std::error_code ec;
        const std::string canonical = fs::weakly_canonical(*path, ec).string();
        loaded_templates_.insert(canonical);
        chain_.emplace_back(canonical, template_file);
        nested_stacks(dir, display, *top, depth, metadata, family, *top);
        chain_.pop_back();
        distribute(metadata, family);
    }

    std::unique_ptr<Stack> load_stack(const fs::path& path, const std::string& display,
                                      std::string& message) {
        std::string bytes;
        if (!read_input(Input{display, path.string(), false, true}, limits_.max_file_bytes, bytes,
                        message)) {
            return nullptr;
        }
        auto stack =
            make_stack({}, std::make_shared<const Source>(display, std::move(bytes)), limits_.load);
        stack->path = path.string();
        return stack;
    }

    // Gives each metadata entry to the stack it describes: the one whose construct path is
    // the longest prefix of the entry's (a nested stack's entries live in its root artifact's
    // metadata), else the artifact's own stack.
    void distribute(const ArtifactMetadata& metadata, const std::vector<Stack*>& family) const {
        for (const MetadataEntry& e : metadata.entries) {
            Stack* owner = family.front();
            std::size_t best = 0;
            for (Stack* s : family) {
                const std::string& c = s->cdk->construct;
                if (c.size() > best && under(e.path, c)) {
                    owner = s;
                    best = c.size();
                }
            }
            read_items(*owner, e);
        }
    }

    void read_items(Stack& stack, const MetadataEntry& e) const {
        for (const Node& item : e.items->items()) {
            const std::string type = text_of(get(&item, "type"));
            const Node* data = get(&item, "data");
            if (data == nullptr) continue;
            if (type == "aws:cdk:logicalId" && data->is_scalar()) {
                // Only ids of this template: other entries may name the parent's resources.
                if (stack.tmpl && stack.tmpl->find_resource(data->text())) {
                    stack.construct_paths.emplace(data->text(), e.path);
                }
            } else if (type == "aws:cdk:warning" || type == "aws:cdk:error" ||
                       type == "aws:cdk:info") {
                stack.cdk->annotations.push_back(CdkAnnotation{
                    type.substr(8), data->is_scalar() ? data->text() : "(structured message)",
                    e.path, e.file, item.mark()});
            } else if (type == "aws:cdk:creationStack" && data->is_sequence()) {
                std::vector<std::string> frames;
                for (const Node& f : data->items()) {
                    if (f.is_scalar()) frames.push_back(f.text());
                }
                if (const std::string frame = user_frame(frames); !frame.empty()) {
                    stack.cdk->origins.emplace(e.path, shown_origin(frame, cwd_));
                }
            }
        }
    }

    // The construct path of the nested stack that `r` (in `parent`) deploys from `asset`.
    static std::string nested_construct(const Resource& r, const Stack& parent,
                                        const std::string& asset,
                                        const ArtifactMetadata& metadata) {
        if (std::string c = metadata.construct_of(asset); !c.empty()) return c;
        if (!r.cdk_path.empty()) return nested_construct_from_resource(std::string(r.cdk_path));
        // No aws:cdk:path in the template: the logical id's entry under the parent's construct.
        std::string found;
        for (auto [it, end] = metadata.by_logical_id.equal_range(r.id); it != end; ++it) {
            if (!parent.cdk->construct.empty() && !under(it->second, parent.cdk->construct)) {
                continue;
            }
            if (!found.empty()) return {};  // ambiguous
            found = it->second;
        }
        return nested_construct_from_resource(found);
    }

    // AWS::CloudFormation::Stack resources whose template is a file of the assembly. Each
    // template is read once; one that is already on the nesting path is a cycle.
    void nested_stacks(const fs::path& dir, const std::string& display, Stack& parent,
                       std::size_t depth, const ArtifactMetadata& metadata,
                       std::vector<Stack*>& family, const Stack& top) {
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
            std::error_code ec;
            const std::string canonical = fs::weakly_canonical(*path, ec).string();
            if (const auto on_path =
                    std::find_if(chain_.begin(), chain_.end(),
                                 [&](const auto& link) { return link.first == canonical; });
                on_path != chain_.end()) {
                std::string cycle;
                for (auto it = on_path; it != chain_.end(); ++it)
                    cycle += it->second + " → ";
                cycle += asset;
                error(where, "nested stack '" + std::string(r.id) + "' uses template '" + asset +
                                 "', which contains it (" + cycle +
                                 "): a stack cannot contain itself, CloudFormation cannot "
                                 "deploy it; not read again");
                continue;
            }
            // Another nested stack already uses this template: its findings are reported once.
            if (!loaded_templates_.insert(canonical).second) continue;
            std::string message;
            std::unique_ptr<Stack> nested =
                load_stack(*path, join_display(display, asset), message);
            const std::string name = parent.name + "/" + std::string(r.id);
            if (!nested) {
                error(where, "cannot read template '" + asset + "' of nested stack '" +
                                 std::string(r.id) + "': " + message);
                out_.unloaded.push_back(
                    {app_, top.cdk->artifact_id, name, top.cdk->account, top.cdk->region});
                continue;
            }
            nested->name = name;
            nested->app = parent.app;
            nested->excluded = excluded_ && excluded_(path->string());
            nested->termination_protection = parent.termination_protection;
            nested->parent = &parent;
            nested->parent_resource = std::string(r.id);
            CdkStackInfo info;
            info.artifact_id = top.cdk->artifact_id;
            info.manifest_file = top.cdk->manifest_file;
            info.tags = top.cdk->tags;  // stack tags apply to nested stacks too
            info.construct = nested_construct(r, parent, asset, metadata);
            nested->cdk = std::make_unique<CdkStackInfo>(std::move(info));
            Stack* raw = nested.get();
            out_.stacks.push_back(std::move(nested));
            family.push_back(raw);
            chain_.emplace_back(canonical, asset);
            nested_stacks(dir, display, *raw, depth + 1, metadata, family, top);
            chain_.pop_back();
        }
    }

    const AssemblyLimits& limits_;
    LoadedAssembly& out_;
    std::string app_;
    const TemplateFilter& excluded_;
    fs::path root_;
    fs::path cwd_;                            // origins under it are shown relative to it
    std::set<std::string> visited_;           // assembly directories read
    std::set<std::string> loaded_templates_;  // stack templates read
    // The templates from the artifact's down to the nested stack being read: (canonical
    // path, name as written).
    std::vector<std::pair<std::string, std::string>> chain_;
    bool warned_version_ = false;
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

ManifestKind manifest_kind(const fs::path& dir) {
    std::error_code ec;
    const fs::path manifest = dir / "manifest.json";
    if (!fs::is_regular_file(manifest, ec)) return ManifestKind::None;
    if (fs::is_regular_file(dir / "cdk.out", ec)) return ManifestKind::Assembly;
    std::ifstream in(manifest, std::ios::binary);
    if (!in) return ManifestKind::Broken;
    std::ostringstream text;
    text << in.rdbuf();
    const std::string bytes = text.str();
    const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_discarded()) {
        // A truncated or hand-broken cloud assembly still names its two top-level keys.
        const std::string_view head = std::string_view(bytes).substr(0, 4096);
        return head.find("\"artifacts\"") != std::string_view::npos &&
                       head.find("\"version\"") != std::string_view::npos
                   ? ManifestKind::Assembly
                   : ManifestKind::Broken;
    }
    // Only a cloud assembly manifest has these keys; what is wrong with their values (or a
    // missing version) is for the reader to report.
    const bool assembly = j.is_object() && (j.contains("artifacts") || j.contains("runtime"));
    return assembly ? ManifestKind::Assembly : ManifestKind::Other;
}

bool is_cloud_assembly(const fs::path& dir) {
    return manifest_kind(dir) == ManifestKind::Assembly;
}

bool named_directory_is_assembly(const fs::path& dir) {
    const ManifestKind kind = manifest_kind(dir);
    return kind == ManifestKind::Assembly || kind == ManifestKind::Broken;
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

LoadedAssembly load_assembly(const Input& input, const AssemblyLimits& limits,
                             const TemplateFilter& excluded) {
    LoadedAssembly out;
    AssemblyReader reader(limits, out, input.display, excluded);
    reader.read(input.path, input.display, 0, nullptr);
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
