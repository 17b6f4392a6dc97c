// `stacklint --version`: the version, then each embedded data set with its date, so a user can
// tell how current the schemas and AWS's announced dates are.
#include <algorithm>
#include <sstream>
#include <vector>

#include "cli/command.hpp"
#include "report/report.hpp"
#include "schema/embedded.hpp"

namespace stacklint::cli {

std::string version_text() {
    struct Row {
        std::string data, date, license;
    };
    std::vector<Row> rows;
    std::istringstream lines{std::string(schema::embedded_data_sources())};
    std::string line;
    std::size_t width = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line.starts_with('#')) continue;
        std::istringstream fields(line);
        Row row;
        std::getline(fields, row.data, '\t');
        std::getline(fields, row.date, '\t');
        std::getline(fields, row.license, '\t');
        width = std::max(width, row.data.size());
        rows.push_back(std::move(row));
    }
    std::string out = std::string("stacklint ") + kVersion + "\nembedded data (as of):\n";
    for (const Row& row : rows) {
        out += "  " + row.data + std::string(width - row.data.size() + 2, ' ') + row.date + " (" +
               row.license + ")\n";
    }
    out.pop_back();  // CLI11 ends the text with a newline
    return out;
}

}  // namespace stacklint::cli
