#include "schema/lifecycle.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/embed.hpp"

STACKLINT_EMBED_TEXT(stacklint_retired_types, "retired-resource-types.tsv")
STACKLINT_EMBED_TEXT(stacklint_lambda_runtimes, "lambda-runtimes.tsv")

namespace stacklint::schema {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    while (true) {
        const std::size_t tab = line.find('\t');
        out.push_back(line.substr(0, tab));
        if (tab == std::string_view::npos) return out;
        line.remove_prefix(tab + 1);
    }
}

// The data rows of an embedded tab-separated file: comments and blank lines skipped, each
// row split into exactly `columns` fields (a programming error otherwise: the files are ours).
std::vector<std::vector<std::string_view>> tsv_rows(const char* begin, const char* end,
                                                    std::size_t columns, const char* file) {
    std::vector<std::vector<std::string_view>> out;
    std::string_view text(begin, static_cast<std::size_t>(end - begin));
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string_view> fields = split_tabs(line);
        if (fields.size() != columns)
            throw std::logic_error(std::string(file) + ": a row needs " + std::to_string(columns) +
                                   " columns: " + std::string(line));
        out.push_back(std::move(fields));
    }
    return out;
}

RetirementKind parse_kind(std::string_view status) {
    if (status == "shut-down" || status == "end-of-support") return RetirementKind::ShutDown;
    if (status == "create-blocked") return RetirementKind::CreateBlocked;
    if (status == "closed-to-new-customers") return RetirementKind::ClosedToNewCustomers;
    if (status == "discontinued") return RetirementKind::Discontinued;
    // The data file is ours and tested; an unknown status is a programming error.
    throw std::logic_error("retired-resource-types.tsv: unknown status '" + std::string(status) +
                           "'");
}

// Rows in file order (sorted by date within each glob, as the file keeps them).
const std::vector<Retirement>& rows() {
    static const std::vector<Retirement> table = [] {
        std::vector<Retirement> out;
        std::string_view text(
            stacklint_retired_types_begin,
            static_cast<std::size_t>(stacklint_retired_types_end - stacklint_retired_types_begin));
        while (!text.empty()) {
            const std::size_t nl = text.find('\n');
            std::string_view line = text.substr(0, nl);
            text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line.empty() || line.front() == '#') continue;
            const std::vector<std::string_view> f = split_tabs(line);
            if (f.size() != 5)
                throw std::logic_error("retired-resource-types.tsv: a row needs 5 columns: " +
                                       std::string(line));
            out.push_back(Retirement{f[0], parse_kind(f[1]), f[2], f[3], f[4]});
        }
        std::stable_sort(out.begin(), out.end(), [](const Retirement& a, const Retirement& b) {
            return a.glob != b.glob ? a.glob < b.glob : a.date < b.date;
        });
        return out;
    }();
    return table;
}

bool matches(std::string_view glob, std::string_view type) {
    if (glob.ends_with('*')) return type.starts_with(glob.substr(0, glob.size() - 1));
    return glob == type;
}

}  // namespace

std::optional<RetirementVerdict> retirement_of(std::string_view type, std::string_view today) {
    const Retirement* passed = nullptr;
    const Retirement* coming = nullptr;
    for (const Retirement& row : rows()) {
        if (!matches(row.glob, type)) continue;
        if (row.date <= today) {
            if (passed == nullptr || row.date >= passed->date) passed = &row;
        } else if (coming == nullptr || row.date < coming->date) {
            coming = &row;
        }
    }
    if (passed != nullptr) return RetirementVerdict{passed, true};
    if (coming != nullptr) return RetirementVerdict{coming, false};
    return std::nullopt;
}

const RuntimeLifecycle* runtime_lifecycle(std::string_view runtime) {
    static const std::vector<RuntimeLifecycle> table = [] {
        std::vector<RuntimeLifecycle> out;
        for (const auto& f : tsv_rows(stacklint_lambda_runtimes_begin,
                                      stacklint_lambda_runtimes_end, 5, "lambda-runtimes.tsv"))
            out.push_back(RuntimeLifecycle{f[0], f[1], f[2], f[3], f[4]});
        return out;
    }();
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&](const RuntimeLifecycle& r) { return r.runtime == runtime; });
    return it == table.end() ? nullptr : &*it;
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string effective_today() {
    // NOLINTNEXTLINE(concurrency-mt-unsafe): read once per run, before any thread starts
    if (const char* fixed = std::getenv("STACKLINT_TODAY"); fixed != nullptr && is_iso_date(fixed))
        return fixed;
    return today_utc();
}

std::string today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::array<char, 16> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%d", &utc);
    return text.data();
}

}  // namespace stacklint::schema
