#include "schema/schedule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <vector>

namespace stacklint::schema {
namespace {

struct CronField {
    std::string_view name;
    int min;
    int max;
    const std::array<std::string_view, 12>* names;  // JAN..DEC, SUN..SAT (index + min)
    std::string_view wildcards;                     // beyond , - *
};

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 12> kDays = {"SUN", "MON", "TUE", "WED", "THU", "FRI",
                                                    "SAT", "",    "",    "",    "",    ""};

// The six fields, with the values and wildcards of EventBridge's cron expressions reference.
const std::array<CronField, 6> kFields = {{
    {"minutes", 0, 59, nullptr, "/"},
    {"hours", 0, 23, nullptr, "/"},
    {"day-of-month", 1, 31, nullptr, "?/LW"},
    {"month", 1, 12, &kMonths, "/"},
    {"day-of-week", 1, 7, &kDays, "?L#"},
    {"year", 1970, 2199, nullptr, "/"},
}};

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(sep, start);
        out.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        if (i > start) out.push_back(text.substr(start, i - start));
    }
    return out;
}

std::optional<int> number(std::string_view text) {
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

class CronChecker {
  public:
    CronChecker(const CronField& field, std::size_t index) : field_(field), index_(index) {}

    std::optional<std::string> field(std::string_view text) {
        const std::vector<std::string_view> items = split(text, ',');
        for (std::string_view item : items) {
            if (item.empty()) {
                return problem(text,
                               "a list item is empty (cron fields are separated by spaces; "
                               "commas separate the values of one field)");
            }
            if (item == "?") {
                if (!allows('?')) return problem(text, "'?' is only for the day fields");
                if (items.size() > 1) return problem(text, "'?' stands alone");
                continue;
            }
            if (item.find('#') != std::string_view::npos && items.size() > 1)
                return problem(text, "a field with '#' holds that one value only");
            if (auto p = this->item(text, item)) return p;
        }
        return std::nullopt;
    }

  private:
    bool allows(char c) const { return field_.wildcards.find(c) != std::string_view::npos; }

    std::string problem(std::string_view text, std::string_view why) const {
        return "field " + std::to_string(index_ + 1) + " (" + std::string(field_.name) + ") is " +
               quoted(text) + ": " + std::string(why);
    }

    // A single value: a number in the field's range or, for months and days, a name.
    std::optional<std::string> value(std::string_view text, std::string_view v) const {
        if (const std::optional<int> n = number(v)) {
            if (*n < field_.min || *n > field_.max)
                return problem(text, quoted(v) + " is out of range (" + std::to_string(field_.min) +
                                         "-" + std::to_string(field_.max) + ")");
            return std::nullopt;
        }
        if (field_.names != nullptr &&
            std::any_of(field_.names->begin(), field_.names->end(),
                        [&](std::string_view name) { return !name.empty() && iequals(name, v); }))
            return std::nullopt;
        return problem(
            text, quoted(v) + " is not a value of the field (" + std::to_string(field_.min) + "-" +
                      std::to_string(field_.max) +
                      (field_.names != nullptr
                           ? std::string(" or ") + std::string(field_.names->front()) + "-" +
                                 std::string(field_.name == "month" ? "DEC" : "SAT")
                           : std::string()) +
                      ")");
    }

    // A value or a range of values.
    std::optional<std::string> range(std::string_view text, std::string_view r) const {
        if (r == "*") return std::nullopt;
        const std::size_t dash = r.find('-');
        if (dash == std::string_view::npos) return value(text, r);
        if (auto p = value(text, r.substr(0, dash))) return p;
        return value(text, r.substr(dash + 1));
    }

    std::optional<std::string> item(std::string_view text, std::string_view item) const {
        if (item == "*") return std::nullopt;
        // The day fields' own forms: L (last), LW, nW (nearest weekday), nL and n#k.
        if (field_.name == "day-of-month") {
            if (item == "L" || item == "LW") return std::nullopt;
            if (item.starts_with("L-")) {
                const std::optional<int> n = number(item.substr(2));
                if (n && *n >= 1 && *n <= 30) return std::nullopt;
                return problem(text, quoted(item) + " is not a day before the last (L-1 to L-30)");
            }
            if (item.size() > 1 && item.back() == 'W')
                return value(text, item.substr(0, item.size() - 1));
        }
        if (field_.name == "day-of-week") {
            if (item == "L") return std::nullopt;
            if (item.size() > 1 && item.back() == 'L')
                return value(text, item.substr(0, item.size() - 1));
            if (const std::size_t hash = item.find('#'); hash != std::string_view::npos) {
                if (auto p = value(text, item.substr(0, hash))) return p;
                const std::optional<int> k = number(item.substr(hash + 1));
                if (!k || *k < 1 || *k > 5)
                    return problem(text,
                                   quoted(item) + " does not name a week of the month (#1 to #5)");
                return std::nullopt;
            }
        }
        const std::size_t slash = item.find('/');
        if (slash == std::string_view::npos) {
            if (item.find_first_of("LW#?") != std::string_view::npos)
                return problem(text, quoted(item) + " uses a wildcard the field does not take");
            return range(text, item);
        }
        if (!allows('/')) return problem(text, "the field takes no increments ('/')");
        const std::optional<int> step = number(item.substr(slash + 1));
        if (!step || *step < 1)
            return problem(text, quoted(item) +
                                     ": the increment after '/' is not a positive "
                                     "whole number");
        return range(text, item.substr(0, slash));
    }

    const CronField& field_;
    std::size_t index_;
};

std::optional<std::string> cron_problem(std::string_view body) {
    const std::vector<std::string_view> fields = words(body);
    if (fields.size() != kFields.size()) {
        std::string why =
            "a cron expression has six fields separated by spaces (minutes hours "
            "day-of-month month day-of-week year), this one has " +
            std::to_string(fields.size());
        if (fields.size() == 5) why += " (the year is not optional: add * at the end)";
        return why;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        CronChecker checker(kFields[i], i);
        if (auto p = checker.field(fields[i])) return p;
    }
    if (fields[2] != "?" && fields[4] != "?")
        return "both day-of-month (" + quoted(fields[2]) + ") and day-of-week (" +
               quoted(fields[4]) + ") are set; one of them must be '?'";
    return std::nullopt;
}

std::optional<std::string> rate_problem(std::string_view body, ScheduleService service) {
    const std::vector<std::string_view> parts = words(body);
    if (parts.size() != 2)
        return std::string("a rate expression is rate(VALUE UNIT), such as rate(5 minutes)");
    const std::optional<int> value = number(parts[0]);
    if (!value || *value < 1)
        return "the value " + quoted(parts[0]) + " is not a positive whole number";
    const std::string_view unit = parts[1];
    constexpr std::array<std::string_view, 3> kUnits = {"minute", "hour", "day"};
    for (std::string_view singular : kUnits) {
        const bool one = iequals(unit, singular);
        const bool many = unit.size() == singular.size() + 1 &&
                          iequals(unit.substr(0, singular.size()), singular) &&
                          (unit.back() == 's' || unit.back() == 'S');
        if (!one && !many) continue;
        if (service == ScheduleService::EventBridgeRule && (*value == 1) != one) {
            return "the unit must be " + std::string(*value == 1 ? "singular" : "plural") +
                   " for a value of " + std::to_string(*value) + ": rate(" +
                   std::to_string(*value) + " " + std::string(singular) + (*value == 1 ? "" : "s") +
                   ")";
        }
        return std::nullopt;
    }
    return "the unit " + quoted(unit) + " is not minute(s), hour(s) or day(s)";
}

std::optional<std::string> at_problem(std::string_view body) {
    // yyyy-mm-ddThh:mm:ss
    const auto digits = [&](std::size_t at, std::size_t n) { return number(body.substr(at, n)); };
    const bool shape = body.size() == 19 && body[4] == '-' && body[7] == '-' && body[10] == 'T' &&
                       body[13] == ':' && body[16] == ':';
    if (shape) {
        const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2),
                   mi = digits(14, 2), s = digits(17, 2);
        if (y && mo && d && h && mi && s && *mo >= 1 && *mo <= 12 && *d >= 1 && *d <= 31 &&
            *h <= 23 && *mi <= 59 && *s <= 59)
            return std::nullopt;
    }
    return "an at expression is at(yyyy-mm-ddThh:mm:ss), such as at(2025-01-31T09:00:00)";
}

}  // namespace

std::optional<std::string> schedule_problem(std::string_view expression, ScheduleService service) {
    std::string_view e = expression;
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.front())))
        e.remove_prefix(1);
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.back())))
        e.remove_suffix(1);
    const std::size_t open = e.find('(');
    const bool wrapped = open != std::string_view::npos && !e.empty() && e.back() == ')';
    const std::string_view kind = wrapped ? e.substr(0, open) : std::string_view();
    const std::string_view body =
        wrapped ? e.substr(open + 1, e.size() - open - 2) : std::string_view();
    if (iequals(kind, "cron")) return cron_problem(body);
    if (iequals(kind, "rate")) return rate_problem(body, service);
    if (iequals(kind, "at") && service == ScheduleService::Scheduler) return at_problem(body);
    return std::string(service == ScheduleService::Scheduler
                           ? "a schedule is at(...), rate(...) or cron(...)"
                           : "a rule's schedule is rate(...) or cron(...)");
}

}  // namespace stacklint::schema
