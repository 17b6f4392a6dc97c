#include "schema/registry.hpp"

#include <fstream>
#include <stdexcept>
#include <utility>

namespace stacklint::schema {

namespace {

using nlohmann::json;

constexpr std::string_view kLinePrefix = "{\"typeName\":\"";

[[noreturn]] void malformed(std::size_t offset, std::string_view what) {
    throw std::runtime_error("schema data: malformed line at byte " + std::to_string(offset) +
                             ": " + std::string(what));
}

// The type name of the line starting at `start`: the bytes between
// {"typeName":" and the next '"'. Type names never contain escapes.
std::string_view line_type_name(std::string_view data, std::size_t start) {
    if (data.substr(start, kLinePrefix.size()) != kLinePrefix)
        malformed(start, "expected it to start with {\"typeName\":\"");
    const std::size_t begin = start + kLinePrefix.size();
    const std::size_t close = data.find('"', begin);
    if (close == std::string_view::npos) malformed(start, "unterminated typeName");
    std::string_view name = data.substr(begin, close - begin);
    if (name.find('\n') != std::string_view::npos) malformed(start, "unterminated typeName");
    return name;
}

std::size_t line_end(std::string_view data, std::size_t start) {
    std::size_t end = data.find('\n', start);
    return end == std::string_view::npos ? data.size() : end;
}

std::string unescape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() &&
            (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

void fill_set(const json& doc, const char* key, std::set<std::string, std::less<>>& out,
              std::string_view type_name) {
    auto it = doc.find(key);
    if (it == doc.end()) return;
    if (!it->is_array())
        throw std::runtime_error("schema data: " + std::string(type_name) + ": \"" + key +
                                 "\" is not a list");
    for (const json& item : *it) {
        if (!item.is_string())
            throw std::runtime_error("schema data: " + std::string(type_name) + ": \"" + key +
                                     "\" holds a non-string");
        out.insert(item.get<std::string>());
    }
}

std::unique_ptr<const ResourceSchema> decode(std::string_view line, std::string_view type_name) {
    auto schema = std::make_unique<ResourceSchema>();
    schema->type_name = std::string(type_name);
    try {
        schema->doc = json::parse(line);
    } catch (const json::exception& e) {
        throw std::runtime_error("schema data: cannot decode " + std::string(type_name) + ": " +
                                 e.what());
    }
    const json& doc = schema->doc;
    if (!doc.is_object())
        throw std::runtime_error("schema data: " + std::string(type_name) + " is not an object");

    if (auto it = doc.find("physicalNameProperty"); it != doc.end()) {
        if (!it->is_string())
            throw std::runtime_error("schema data: " + std::string(type_name) +
                                     ": \"physicalNameProperty\" is not a string");
        schema->physical_name_property = it->get<std::string>();
    }
    if (auto it = doc.find("attributes"); it != doc.end()) {
        if (!it->is_object())
            throw std::runtime_error("schema data: " + std::string(type_name) +
                                     ": \"attributes\" is not an object");
        for (const auto& [name, type] : it->items()) {
            schema->attributes.emplace(
                name, type.is_string() && type.get_ref<const std::string&>() == "array");
        }
    }
    fill_set(doc, "readOnlyProperties", schema->read_only, type_name);
    fill_set(doc, "createOnlyProperties", schema->create_only, type_name);
    fill_set(doc, "conditionalCreateOnlyProperties", schema->conditional_create_only, type_name);
    fill_set(doc, "writeOnlyProperties", schema->write_only, type_name);
    fill_set(doc, "deprecatedProperties", schema->deprecated, type_name);
    return schema;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in.is_open()) throw std::runtime_error(path.string() + ": cannot open schema data");
    const std::streamoff size = in.tellg();
    if (size < 0) throw std::runtime_error(path.string() + ": cannot read schema data");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size))
        throw std::runtime_error(path.string() + ": cannot read schema data");
    return bytes;
}

}  // namespace

const json* ResourceSchema::resolve_ref(std::string_view ref) const {
    if (ref.empty() || ref.front() != '#') return nullptr;
    ref.remove_prefix(1);
    const json* node = &doc;
    if (ref.empty()) return node;
    if (ref.front() != '/') return nullptr;
    ref.remove_prefix(1);
    while (true) {
        std::size_t slash = ref.find('/');
        std::string token = unescape_pointer_token(ref.substr(0, slash));
        if (node->is_object()) {
            auto it = node->find(token);
            if (it == node->end()) return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            if (token.empty() || token.size() > 9 ||
                token.find_first_not_of("0123456789") != std::string::npos)
                return nullptr;
            std::size_t index = std::stoul(token);
            if (index >= node->size()) return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
        if (slash == std::string_view::npos) return node;
        ref.remove_prefix(slash + 1);
    }
}

const json* ResourceSchema::follow_refs(const json* schema) const {
    for (int hops = 0; hops < 64 && schema != nullptr; ++hops) {
        if (!schema->is_object()) return schema;
        auto it = schema->find("$ref");
        if (it == schema->end() || !it->is_string()) return schema;
        schema = resolve_ref(it->get_ref<const std::string&>());
    }
    return nullptr;  // dangling, or a cycle longer than anything real
}

const json* ResourceSchema::property(std::string_view top_level_name) const {
    auto props = doc.find("properties");
    if (props == doc.end() || !props->is_object()) return nullptr;
    auto it = props->find(top_level_name);
    return it == props->end() ? nullptr : &*it;
}

Registry::Registry(std::string_view jsonl) noexcept : data_(jsonl) {}

Registry::Registry(Owning, std::string bytes) noexcept : owned_(std::move(bytes)), data_(owned_) {}

Registry Registry::from_file(const std::filesystem::path& path) {
    return Registry(Owning{}, read_file(path));
}

std::optional<std::string_view> Registry::find_line(std::string_view type_name) const {
    // [lo, hi) spans whole lines: lo is a line start, hi a line start or the end.
    // Each probe reads the first line that starts after the midpoint, found by
    // a forward (memchr) scan, and compares only its type name.
    std::size_t lo = 0;
    std::size_t hi = data_.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const std::size_t newline = data_.find('\n', mid);  // at most hi - 1
        const bool inner = newline != std::string_view::npos && newline + 1 < hi;
        const std::size_t start = inner ? newline + 1 : lo;
        const std::string_view name = line_type_name(data_, start);
        if (name == type_name) return data_.substr(start, line_end(data_, start) - start);
        if (name > type_name) {
            hi = start;
        } else if (inner) {
            lo = start;  // start > mid >= lo: progress
        } else {
            lo = line_end(data_, lo) + 1;  // the only line left is too small
        }
    }
    return std::nullopt;
}

const ResourceSchema* Registry::find(std::string_view type_name) const {
    {
        std::lock_guard lock(mutex_);
        if (auto it = cache_.find(type_name); it != cache_.end()) return it->second.get();
    }
    // Search and decode outside the lock; both only read immutable bytes.
    std::optional<std::string_view> line = find_line(type_name);
    if (!line) return nullptr;
    std::unique_ptr<const ResourceSchema> schema = decode(*line, type_name);
    std::lock_guard lock(mutex_);
    // If another thread decoded the same type meanwhile, keep the first.
    auto [it, inserted] = cache_.try_emplace(std::string(type_name), std::move(schema));
    return it->second.get();
}

const ResourceSchema* Registry::globals_schema(std::string_view sam_type) const {
    {
        std::lock_guard lock(mutex_);
        if (auto it = globals_.find(sam_type); it != globals_.end()) return it->second.get();
    }
    const ResourceSchema* type = find(sam_type);
    std::unique_ptr<ResourceSchema> out;
    if (type != nullptr) {
        if (const auto g = type->doc.find("globals"); g != type->doc.end()) {
            const nlohmann::json* resolved = type->follow_refs(&*g);
            if (resolved != nullptr && resolved->is_object()) {
                out = std::make_unique<ResourceSchema>();
                out->type_name = type->type_name;
                out->doc = *resolved;
                if (const auto defs = type->doc.find("definitions"); defs != type->doc.end())
                    out->doc["definitions"] = *defs;
            }
        }
    }
    std::lock_guard lock(mutex_);
    auto [it, inserted] = globals_.try_emplace(std::string(sam_type), std::move(out));
    return it->second.get();
}

std::vector<std::string_view> Registry::type_names() const {
    std::vector<std::string_view> names;
    std::size_t start = 0;
    while (start < data_.size()) {
        names.push_back(line_type_name(data_, start));
        start = line_end(data_, start) + 1;
    }
    return names;
}

std::size_t Registry::cached_count() const {
    std::lock_guard lock(mutex_);
    return cache_.size();
}

const Pattern* Registry::pattern(std::string_view ecma) const {
    {
        std::lock_guard lock(pattern_mutex_);
        if (auto it = patterns_.find(ecma); it != patterns_.end()) return it->second.get();
    }
    std::unique_ptr<const Pattern> compiled = Pattern::compile(ecma);
    std::lock_guard lock(pattern_mutex_);
    auto [it, inserted] = patterns_.try_emplace(std::string(ecma), std::move(compiled));
    return it->second.get();
}

}  // namespace stacklint::schema
