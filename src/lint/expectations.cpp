#include "lint/expectations.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace stacklint {

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void add_ids(Expectations& out, const std::string& file, std::uint32_t line,
             std::istringstream& ids) {
    std::string id;
    while (ids >> id)
        ++out[{file, line, id}];
}

}  // namespace

void read_expectations(const std::filesystem::path& path, const std::string& display,
                       Expectations& out) {
    const std::filesystem::path sidecar = std::filesystem::path(path.string() + ".expect");
    std::error_code ec;
    if (std::filesystem::exists(sidecar, ec)) {
        std::istringstream lines(read_all(sidecar));
        std::string line;
        while (std::getline(lines, line)) {
            if (const std::size_t hash = line.find('#'); hash != std::string::npos)
                line.resize(hash);
            std::istringstream fields(line);
            std::uint32_t number = 0;
            if (!(fields >> number)) continue;
            add_ids(out, display, number, fields);
        }
        return;
    }
    // Lines break as the loader breaks them: \n, \r\n or a lone \r.
    const std::string text = read_all(path);
    std::uint32_t number = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of("\r\n", start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        if (const std::size_t at = line.find("# expect:"); at != std::string::npos) {
            std::istringstream ids(line.substr(at + 9));
            add_ids(out, display, number, ids);
        }
        if (end == text.size()) break;
        start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
        ++number;
    }
}

std::vector<Mismatch> compare_expectations(const Expectations& expected,
                                           const std::vector<Finding>& findings) {
    Expectations actual;
    std::map<std::tuple<std::string, std::uint32_t, std::string>, std::string> messages;
    for (const Finding& f : findings) {
        ++actual[{f.file, f.mark.line, f.rule}];
        messages[{f.file, f.mark.line, f.rule}] = f.message;
    }
    std::vector<Mismatch> out;
    for (const auto& [key, n] : expected) {
        const auto it = actual.find(key);
        const int got = it == actual.end() ? 0 : it->second;
        for (int i = got; i < n; ++i)
            out.push_back({true, std::get<0>(key), std::get<1>(key), std::get<2>(key), {}});
    }
    for (const auto& [key, n] : actual) {
        const auto it = expected.find(key);
        const int want = it == expected.end() ? 0 : it->second;
        for (int i = want; i < n; ++i) {
            out.push_back(
                {false, std::get<0>(key), std::get<1>(key), std::get<2>(key), messages[key]});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Mismatch& a, const Mismatch& b) {
        return std::tie(a.file, a.line, a.rule) < std::tie(b.file, b.line, b.rule);
    });
    return out;
}

std::string describe(const Mismatch& m) {
    std::string out = m.missing ? "  missing:    " : "  unexpected: ";
    out += m.file + ":" + std::to_string(m.line) + " " + m.rule;
    if (!m.missing) out += " " + m.message;
    return out;
}

}  // namespace stacklint
