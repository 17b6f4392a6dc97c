// What AWS has retired: services shut down, blocked or closed to new customers, with their
// dates (rules/data/retired-resource-types.tsv, embedded).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stacklint::schema {

enum class RetirementKind {
    ShutDown,              // stops working for everyone (shut-down, end-of-support)
    CreateBlocked,         // nobody can create new ones; existing ones keep working
    ClosedToNewCustomers,  // only accounts that used it before can
    Discontinued,          // discontinued; AWS does not say whether its resources deploy
};

struct Retirement {
    std::string_view glob;  // "AWS::QLDB::*" or an exact type
    RetirementKind kind;
    std::string_view date;  // YYYY-MM-DD
    std::string_view service;
    std::string_view source;  // the AWS page that gives the date
};

struct RetirementVerdict {
    const Retirement* row;
    bool in_effect;  // the date has passed (or is today); false: announced, still coming
};

// What applies to `type` on `today` (YYYY-MM-DD): the latest row of its glob whose date has
// passed, or, when none has, the first one coming. nullopt when AWS has retired nothing of it.
std::optional<RetirementVerdict> retirement_of(std::string_view type, std::string_view today);

// A Lambda runtime AWS has deprecated (rules/data/lambda-runtimes.tsv). Empty dates are
// not known for certain (or were moved).
struct RuntimeLifecycle {
    std::string_view runtime;
    std::string_view deprecated;
    std::string_view create_blocked;
    std::string_view update_blocked;
    std::string_view successor;
};

// The lifecycle of a deprecated runtime, or nullptr for a runtime AWS has not deprecated.
const RuntimeLifecycle* runtime_lifecycle(std::string_view runtime);

// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

// The date rules compare AWS's announcements with: STACKLINT_TODAY when the environment sets
// it to a date (YYYY-MM-DD), for reproducible runs; today's date otherwise.
std::string effective_today();

// True for a well-formed date, YYYY-MM-DD.
bool is_iso_date(std::string_view text);

}  // namespace stacklint::schema
