// Schedule expressions as EventBridge and EventBridge Scheduler document them.
#include <catch2/catch.hpp>

#include <string>

#include "schema/schedule.hpp"

using stacklint::schema::schedule_problem;
using stacklint::schema::ScheduleService;

namespace {

bool rule_ok(const std::string& e) {
    return !schedule_problem(e, ScheduleService::EventBridgeRule).has_value();
}
bool scheduler_ok(const std::string& e) {
    return !schedule_problem(e, ScheduleService::Scheduler).has_value();
}
std::string rule_problem(const std::string& e) {
    return schedule_problem(e, ScheduleService::EventBridgeRule).value_or("");
}

}  // namespace

TEST_CASE("Schedules: the examples of AWS's cron reference are valid", "[schema][schedule]") {
    for (const char* e : {
             "cron(0 10 * * ? *)",                 // 10:00 every day
             "cron(15 12 * * ? *)",                // 12:15 every day
             "cron(0 18 ? * MON-FRI *)",           // weekdays
             "cron(0 8 1 * ? *)",                  // first of the month
             "cron(0/15 * * * ? *)",               // every 15 minutes
             "cron(0/10 * ? * MON-FRI *)",         // every 10 minutes on weekdays
             "cron(0/5 8-17 ? * MON-FRI *)",       // business hours
             "cron(0 9 ? * 2#1 *)",                // first Monday
             "cron(15 10 ? * 6L 2002-2005)",       // last Friday, some years
             "cron(0 12 L * ? *)",                 // last day of the month
             "cron(0 12 3W * ? *)",                // weekday nearest the 3rd
             "cron(0 12 LW * ? *)",                // last weekday
             "cron(0,15,30,45 * * * ? *)",         // a list
             "cron(* * * * ? *)",                  // every minute
             "cron(0 0 ? JAN,FEB,MAR SUN,sat *)",  // names, any case
             "cron(0 0 1-15/2 * ? *)",             // a range with an increment
             "  cron(0 10 * * ? *)  ",             // outer blanks
         }) {
        INFO(e);
        CHECK(rule_ok(e));
        CHECK(scheduler_ok(e));
    }
}

TEST_CASE("Schedules: cron mistakes say which field and why", "[schema][schedule]") {
    CHECK(rule_problem("cron(5, 0, 1, *, ?, *)")
              .find("field 1 (minutes) is '5,': a list item "
                    "is empty") != std::string::npos);
    CHECK(rule_problem("cron(0 3 * * *)").find("this one has 5 (the year is not optional") !=
          std::string::npos);
    CHECK(rule_problem("cron(0 3 * * ? * *)").find("this one has 7") != std::string::npos);
    CHECK(rule_problem("cron(60 * * * ? *)").find("'60' is out of range (0-59)") !=
          std::string::npos);
    CHECK(rule_problem("cron(0 24 * * ? *)").find("field 2 (hours)") != std::string::npos);
    CHECK(rule_problem("cron(0 0 0 * ? *)").find("(day-of-month)") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? 13 MON *)").find("(month)") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? * 8 *)").find("(day-of-week)") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? * FUN *)").find("'FUN' is not a value") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? * MON 1969)").find("(year)") != std::string::npos);
    CHECK(rule_problem("cron(0 0 * * MON *)").find("one of them must be '?'") != std::string::npos);
    CHECK(rule_problem("cron(0 0 * * * *)").find("one of them must be '?'") != std::string::npos);
    CHECK(rule_problem("cron(? 0 * * ? *)").find("only for the day fields") != std::string::npos);
    CHECK(rule_problem("cron(0 0 1,? * ? *)").find("stands alone") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? * 2#1,3 *)").find("'#'") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? * 2#6 *)").find("#1 to #5") != std::string::npos);
    CHECK(rule_problem("cron(0/0 * * * ? *)").find("increment") != std::string::npos);
    CHECK(rule_problem("cron(0 0 ? * MON/2 *)").find("no increments") != std::string::npos);
    CHECK(rule_problem("cron(0 0 5L * ? *)").find("wildcard") != std::string::npos);
    CHECK(rule_problem("cron(0W 0 * * ? *)").find("wildcard") != std::string::npos);
}

TEST_CASE("Schedules: rate expressions", "[schema][schedule]") {
    for (const char* e : {"rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)",
                          "rate(1 day)", "rate(2 days)"}) {
        INFO(e);
        CHECK(rule_ok(e));
        CHECK(scheduler_ok(e));
    }
    // Rules: the unit's number agrees with the value (AWS's rate expressions reference).
    CHECK(rule_problem("rate(5 minute)").find("plural for a value of 5: rate(5 minutes)") !=
          std::string::npos);
    CHECK(rule_problem("rate(1 hours)").find("singular for a value of 1: rate(1 hour)") !=
          std::string::npos);
    // The scheduler's documentation does not say so: not judged there.
    CHECK(scheduler_ok("rate(5 minute)"));
    CHECK_FALSE(rule_ok("rate(0 minutes)"));
    CHECK_FALSE(rule_ok("rate(-1 minutes)"));
    CHECK_FALSE(rule_ok("rate(1.5 hours)"));
    CHECK_FALSE(rule_ok("rate(5 seconds)"));
    CHECK_FALSE(rule_ok("rate(5 weeks)"));
    CHECK_FALSE(rule_ok("rate(5)"));
    CHECK_FALSE(rule_ok("rate(five minutes)"));
}

TEST_CASE("Schedules: one-time schedules and other text", "[schema][schedule]") {
    CHECK(scheduler_ok("at(2025-01-31T09:00:00)"));
    CHECK_FALSE(scheduler_ok("at(2025-01-31 09:00:00)"));
    CHECK_FALSE(scheduler_ok("at(2025-13-31T09:00:00)"));
    CHECK_FALSE(scheduler_ok("at(2025-01-31T24:00:00)"));
    // A rule has no one-time schedule.
    CHECK(rule_problem("at(2025-01-31T09:00:00)").find("rate(...) or cron(...)") !=
          std::string::npos);
    CHECK_FALSE(rule_ok("every 5 minutes"));
    CHECK_FALSE(rule_ok("cron(0 10 * * ? *"));
    CHECK_FALSE(rule_ok(""));
    CHECK(rule_ok("Rate(5 minutes)"));  // the keyword's case is not judged
}
