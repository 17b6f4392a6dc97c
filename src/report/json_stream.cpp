#include "report/json_stream.hpp"

#include <string>

namespace stacklint {

namespace {

constexpr std::string_view kPlaceholder = "\x01stacklint-streamed-array\x01";

std::string dump(const nlohmann::ordered_json& value) {
    return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

nlohmann::ordered_json streamed_array_placeholder() {
    return std::string(kPlaceholder);
}

void write_streamed_array(std::ostream& out, const nlohmann::ordered_json& doc, std::size_t count,
                          const std::function<nlohmann::ordered_json(std::size_t)>& item) {
    const std::string text = dump(doc);
    const std::string placeholder = dump(streamed_array_placeholder());
    const std::size_t at = text.find(placeholder);
    if (at == std::string::npos) {
        out << text << '\n';
        return;
    }
    out.write(text.data(), static_cast<std::streamsize>(at));
    if (count == 0) {
        out << "[]";
    } else {
        // The placeholder's line is indented as deep as the array's own brackets.
        const std::size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 == 0
        std::size_t depth = 0;
        while (line_start + depth < at && text[line_start + depth] == ' ')
            ++depth;
        const std::string indent(depth, ' ');
        const std::string inner = "\n" + indent + "  ";
        out << '[';
        for (std::size_t i = 0; i < count; ++i) {
            const std::string value = dump(item(i));
            out << (i == 0 ? "" : ",") << inner;
            // JSON text has no raw line breaks inside strings: each one starts a line.
            std::size_t from = 0;
            for (std::size_t nl = value.find('\n'); nl != std::string::npos;
                 nl = value.find('\n', from)) {
                out.write(value.data() + from, static_cast<std::streamsize>(nl - from));
                out << inner;
                from = nl + 1;
            }
            out.write(value.data() + from, static_cast<std::streamsize>(value.size() - from));
        }
        out << '\n' << indent << ']';
    }
    const std::size_t rest = at + placeholder.size();
    out.write(text.data() + rest, static_cast<std::streamsize>(text.size() - rest));
    out << '\n';
}

}  // namespace stacklint
