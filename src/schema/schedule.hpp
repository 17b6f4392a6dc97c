// Schedule expressions of EventBridge rules and EventBridge Scheduler: `rate(5 minutes)`,
// `cron(0 12 * * ? *)` and, for the scheduler, `at(2025-01-31T09:00:00)`, as AWS documents
// them (EventBridge user guide, "Cron expressions reference" and "Rate expressions reference";
// EventBridge Scheduler user guide, "Schedule types").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stacklint::schema {

enum class ScheduleService {
    EventBridgeRule,  // AWS::Events::Rule ScheduleExpression (SAM `Schedule` events)
    Scheduler,        // AWS::Scheduler::Schedule ScheduleExpression (SAM `ScheduleV2` events)
};

// What is wrong with a schedule expression, in words ("field 1 (minutes) is '5,': ..."), or
// nullopt when the service accepts it. Only what AWS documents as invalid is reported: the
// wrong number of cron fields, values out of a field's range, wildcards a field does not take,
// both day fields set, a rate that is not a positive whole number of minutes, hours or days
// (and, for rules, a unit whose number does not match the value: rate(1 minute),
// rate(5 minutes)), an `at` that is no date and time.
std::optional<std::string> schedule_problem(std::string_view expression, ScheduleService service);

}  // namespace stacklint::schema
