#include "core/finding.hpp"

#include <initializer_list>
#include <string_view>
#include <tuple>

namespace stacklint {

namespace {
std::string joined(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const std::string_view& part : parts) {
        if (&part != parts.begin()) out += '|';
        out += part;
    }
    return out;
}
}  // namespace

std::string Finding::fingerprint() const {
    const std::string where = relative_path(stack_file.empty() ? file : stack_file, {});
    return joined({rule, where, stack, resource, path});
}

std::string Finding::fingerprint_v1() const {
    // A loose template's stack is its file name without the last extension; before, the name
    // ended at the first dot. CDK stacks never equal their template's stem (X.template.json).
    std::string old_stack = stack;
    const std::filesystem::path template_file(stack_file);
    if (!stack_file.empty() && stack_file != "<stdin>" && template_file.stem() == stack) {
        const std::size_t dot = old_stack.find('.');
        if (dot != std::string::npos && dot > 0) old_stack.resize(dot);
    }
    return joined({rule, old_stack, resource, path});
}

namespace {

std::string compute_relative_path(const std::string& file, const std::filesystem::path& base,
                                  bool* relative) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root =
        (base.empty() ? fs::current_path(ec) : fs::absolute(base, ec)).lexically_normal();
    const fs::path absolute = fs::absolute(file, ec).lexically_normal();
    if (ec) return file;
    const fs::path inside = absolute.lexically_relative(root);
    if (!inside.empty() && *inside.begin() != ".." && inside != ".") {
        if (relative != nullptr) *relative = true;
        return inside.generic_string();
    }
    return absolute.generic_string();
}

}  // namespace

std::string relative_path(const std::string& file, const std::filesystem::path& base,
                          bool* relative) {
    if (relative != nullptr) *relative = false;
    if (file == "<stdin>" || file.empty()) return file;
    // Reports ask once per finding, and findings come sorted by file: the last answer is
    // nearly always the one wanted (each asks the file system for the working directory).
    struct Last {
        std::string file;
        std::string base;
        std::string path;
        bool relative = false;
    };
    thread_local Last last;
    if (last.file != file || last.base != base.native()) {
        last.relative = false;
        last.path = compute_relative_path(file, base, &last.relative);
        last.file = file;
        last.base = base.native();
    }
    if (relative != nullptr) *relative = last.relative;
    return last.path;
}

std::optional<SourceRef> parse_source_ref(std::string_view text) {
    std::uint32_t numbers[2] = {0, 0};
    for (int i = 1; i >= 0; --i) {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos || colon + 1 == text.size()) return std::nullopt;
        std::uint32_t n = 0;
        for (char c : text.substr(colon + 1)) {
            if (c < '0' || c > '9' || n > 100'000'000) return std::nullopt;
            n = n * 10 + static_cast<std::uint32_t>(c - '0');
        }
        numbers[i] = n;
        text = text.substr(0, colon);
    }
    if (text.empty() || numbers[0] == 0) return std::nullopt;
    return SourceRef{std::string(text), numbers[0], numbers[1]};
}

bool finding_order(const Finding& a, const Finding& b) {
    return std::tie(a.file, a.mark, a.rule, a.message, a.stack, a.resource, a.path) <
           std::tie(b.file, b.mark, b.rule, b.message, b.stack, b.resource, b.path);
}

}  // namespace stacklint
