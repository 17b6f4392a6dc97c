// S023: a schedule expression EventBridge or EventBridge Scheduler rejects.
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "lint/rule.hpp"
#include "model/values.hpp"
#include "schema/schedule.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{.id = "S023",
                         .name = "invalid-schedule-expression",
                         .pack = "schema",
                         .severity = Severity::Error,
                         .summary = "A schedule expression that EventBridge rejects",
                         .doc = R"md(### What it finds
The `ScheduleExpression` of an EventBridge rule (`AWS::Events::Rule`) or schedule
(`AWS::Scheduler::Schedule`), and the schedule of a SAM function's or state machine's
`Schedule` and `ScheduleV2` events, that breaks the syntax AWS documents:
- `cron(...)` without exactly six fields (minutes, hours, day-of-month, month, day-of-week,
  year; the year is not optional), a value out of its field's range (minutes 0-59, hours 0-23,
  days 1-31, months 1-12 or JAN-DEC, days of the week 1-7 or SUN-SAT, years 1970-2199), a
  wildcard the field does not take, an empty list item (`cron(5, 0, 1, *, ?, *)`: commas
  where spaces belong), or both day fields set (one must be `?`);
- `rate(...)` whose value is not a positive whole number, whose unit is not minute(s),
  hour(s) or day(s) or, for rules, whose unit does not agree with the value (`rate(1 minute)`,
  `rate(5 minutes)`);
- for schedules, an `at(...)` that is not `yyyy-mm-ddThh:mm:ss`;
- anything else.

Values given by functions are not judged; each branch of an `Fn::If` is.

### Why it matters
EventBridge rejects the rule ("Parameter ScheduleExpression is not valid"), and the
deployment fails and rolls back.

### Bad
```yaml
Nightly:
  Type: AWS::Events::Rule
  Properties:
    ScheduleExpression: cron(0 3 * * *)   # five fields; and both day fields set
```

### Good
```yaml
    ScheduleExpression: cron(0 3 * * ? *)
```
)md"};

using schema::ScheduleService;

class InvalidScheduleExpression final : public Rule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check(const Stack& stack, const RuleContext&, Reporter& out) const override {
        if (!stack.tmpl || stack.tmpl->has_macro()) return;
        for (const Resource& r : stack.tmpl->resources) {
            const Node* props = r.properties != nullptr ? &r.properties->value : nullptr;
            if (props == nullptr || !props->is_mapping()) continue;
            const std::string base = "Resources/" + std::string(r.id) + "/Properties";
            if (r.type_name == "AWS::Events::Rule") {
                judge(stack, r, props->get("ScheduleExpression"), base + "/ScheduleExpression",
                      ScheduleService::EventBridgeRule, {}, out);
            } else if (r.type_name == "AWS::Scheduler::Schedule") {
                judge(stack, r, props->get("ScheduleExpression"), base + "/ScheduleExpression",
                      ScheduleService::Scheduler, {}, out);
            } else if (stack.tmpl->is_sam() && (r.type_name == "AWS::Serverless::Function" ||
                                                r.type_name == "AWS::Serverless::StateMachine")) {
                events(stack, r, *props, base, out);
            }
        }
    }

  private:
    // SAM: a `Schedule` event becomes an EventBridge rule, a `ScheduleV2` event a schedule.
    static void events(const Stack& stack, const Resource& r, const Node& props,
                       const std::string& base, Reporter& out) {
        const Node* events = props.get("Events");
        if (events == nullptr || !events->is_mapping()) return;
        for (const Entry& e : events->entries()) {
            if (!e.value.is_mapping()) continue;
            const Node* type = e.value.get("Type");
            const Node* p = e.value.get("Properties");
            if (type == nullptr || !type->is_scalar() || p == nullptr || !p->is_mapping()) continue;
            const std::string at = base + "/Events/" + e.key + "/Properties/";
            const std::string event = "the " + type->text() + " event '" + e.key + "' of ";
            if (type->text() == "Schedule")
                judge(stack, r, p->get("Schedule"), at + "Schedule",
                      ScheduleService::EventBridgeRule, event, out);
            else if (type->text() == "ScheduleV2")
                judge(stack, r, p->get("ScheduleExpression"), at + "ScheduleExpression",
                      ScheduleService::Scheduler, event, out);
        }
    }

    static void judge(const Stack& stack, const Resource& r, const Node* value,
                      const std::string& path, ScheduleService service, const std::string& event,
                      Reporter& out) {
        if (value == nullptr) return;
        const PossibleValues pv = possible_values(*value);
        const bool branch = pv.values.size() > 1;
        for (const Node* v : pv.values) {
            if (v == nullptr || !v->is_scalar() || v->is_null()) continue;
            const std::optional<std::string> problem = schema::schedule_problem(v->text(), service);
            if (!problem) continue;
            std::string msg =
                "schedule expression '" + v->text() + "' of " + event + std::string(r.type_name) +
                " '" + std::string(r.id) + "' is not valid: " + *problem + "; " +
                (service == ScheduleService::Scheduler ? "EventBridge Scheduler" : "EventBridge") +
                " rejects it";
            if (branch) msg += " (in one branch of Fn::If)";
            out.add(stack, {v->mark(), std::move(msg), r.id, path});
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(InvalidScheduleExpression)
}  // namespace stacklint
