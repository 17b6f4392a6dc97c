// What a rule is, how it reports, and the registry every rule file adds itself to.
//
// A rule lives in one file under rules/<pack>/, holds its own metadata and documentation,
// and registers itself with STACKLINT_REGISTER_RULE: adding a rule edits no central list.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.hpp"
#include "core/severity.hpp"
#include "model/stack.hpp"
#include "schema/registry.hpp"

namespace stacklint {

// The pack of the rules about suppressions and the run itself (M...).
inline constexpr std::string_view kMetaPack = "meta";

struct RuleInfo {
    std::string_view id;       // "R001": a pack letter (or letters) and a number
    std::string_view name;     // kebab-case, unique
    std::string_view pack;     // "template", "resilience", ...
    Severity severity;         // default severity
    std::string_view summary;  // one line
    // Markdown with the sections "What it finds", "Why it matters", "Bad", "Good".
    std::string_view doc;
    // Why the rule's findings cannot be suppressed in a template's `Metadata`, for a rule whose
    // findings cannot be (docs/rules.md then offers configuration instead); empty when they can.
    std::string_view no_inline_suppression = {};
    // Whether the rule's findings come with a fix (`stacklint --fix`), and how safe it is;
    // nullopt when they never do. Some findings of a fixable rule may still have none (the
    // text is not one stacklint can edit safely); docs/rules.md says which.
    std::optional<FixSafety> fix = std::nullopt;
    // Opt-in rules run only when a `select` (configuration or --select) names them, by id, id
    // prefix or name: checks many teams do not want on every template (access logging on
    // every bucket), which would otherwise drown the findings that matter.
    bool opt_in = false;
};

// The severity a rule runs with when nothing selects rules: its own, or none for an opt-in rule.
inline std::optional<Severity> default_run_severity(const RuleInfo& rule) {
    return rule.opt_in ? std::nullopt : std::optional<Severity>(rule.severity);
}

// Options from configuration that rules read, by name: "storage_stacks" -> name globs. They
// are shared because several rules need the same knowledge (which stacks hold the state).
using RuleOptions = std::map<std::string, std::vector<std::string>, std::less<>>;

struct RuleContext {
    const LintSet& set;
    const RuleOptions& options;
    // AWS's resource schemas, decoded lazily per type (thread-safe).
    const schema::Registry& schemas;
    // The regions the templates are deployed to (`--regions`, `regions:`); never empty.
    const std::vector<std::string>& regions;
    // Today's date, YYYY-MM-DD (UTC), for rules that compare with dates AWS announced.
    std::string_view today;
};

// What a rule says about one place.
struct Report {
    Mark mark;
    std::string message;
    std::string_view resource = {};  // logical id, when the finding is about a resource
    std::string path = {};           // property path: "Resources/Db/Properties/Engine"
    // For rules whose documented severity depends on the case (R003: warning for stateful
    // types, info otherwise). Ignored when configuration overrides the rule's severity.
    std::optional<Severity> severity = {};
    // The file the position is in, when it is not the stack's template (a CDK manifest).
    std::string file = {};
    // The CDK construct the finding is about when it is no resource (a stack, or a construct
    // without resources); otherwise the resource's construct path is used.
    std::string construct = {};
    // The fix for this finding (src/fix/editor.hpp builds its edits), or null.
    std::shared_ptr<const Fix> fix = {};
};

// At most this many findings of one rule are kept per stack. A template with 100,000
// resources (200 times CloudFormation's quota) could otherwise produce millions of findings,
// with their memory and output; what is left out is counted and reported by M004.
inline constexpr std::size_t kMaxFindingsPerRule = 2000;

// Findings of one rule on one stack that the cap left out.
struct DroppedFindings {
    const Stack* stack = nullptr;
    std::string_view rule;
    std::size_t count = 0;
    std::string file;  // where the first one left out was, and its position
    Mark first;
};

class Reporter {
  public:
    Reporter(const RuleInfo& rule, Severity severity, std::vector<Finding>& out)
        : rule_(rule), severity_(severity), out_(out) {}
    void add(const Stack& stack, Report report);
    const RuleInfo& rule() const { return rule_; }
    // What kMaxFindingsPerRule left out, one entry per stack.
    const std::vector<DroppedFindings>& dropped() const { return dropped_; }

  private:
    const RuleInfo& rule_;
    Severity severity_;
    std::vector<Finding>& out_;
    std::unordered_map<const Stack*, std::size_t> kept_;
    std::vector<DroppedFindings> dropped_;
};

class Rule {
  public:
    virtual ~Rule() = default;
    virtual const RuleInfo& info() const = 0;
    // Template rules look at one stack at a time (in parallel with other stacks).
    virtual void check(const Stack&, const RuleContext&, Reporter&) const {}
    // Set rules run once, after every stack is loaded, and see all of them. In a compact run
    // (LintOptions::compact) a loose template is freed once its template rules have run: set
    // rules then see its name, file, app and summary (Stack::summary) only, and report on it
    // only when keeps_tree() kept it whole; every stack of a cloud assembly stays whole.
    virtual bool is_set_rule() const { return false; }
    virtual void check_set(const RuleContext&, Reporter&) const {}
    // For set rules that read a loose template's tree after every stack is loaded (X006: a
    // parent's nested-stack resources): whether `stack` must stay whole for them.
    virtual bool keeps_tree(const Stack&) const { return false; }
    // For template rules that look at other stacks of the run (through RuleContext::set): whether
    // the loose template that would be named `stack_name` is one of those. Such templates are
    // loaded before the others are linted, and in a compact run RuleContext::set holds only
    // them and the stacks of cloud assemblies while the other loose templates are linted; the
    // loose ones are compacted by then, so such a rule reads their name and app only.
    virtual bool reads_stack(std::string_view /*stack_name*/, const RuleOptions&) const {
        return false;
    }
};

// The rule that reports what kMaxFindingsPerRule left out (M004) derives from this instead of
// implementing `check`: the engine calls it once, after every other rule and suppressions.
class CappedFindingsRule : public Rule {
  public:
    virtual void check_capped(const std::vector<DroppedFindings>& dropped, Reporter& out) const = 0;
};

class RuleRegistry {
  public:
    static RuleRegistry& instance();
    // Returns true so registration can initialise a static. Aborts on a duplicate id or name:
    // that is a programming error found by the first test run.
    bool add(std::unique_ptr<Rule> rule);
    // Adds a rule read at run time (a team's declarative rule file): returns what is wrong
    // (its id or name is taken, naming the rule that has it) instead of aborting; empty when
    // it was added.
    std::string add_loaded(std::unique_ptr<Rule> rule);
    // add_loaded for the loaders add_deferred registers (the built-in rules are not there yet).
    std::string try_add(std::unique_ptr<Rule> rule);
    // Registers `load`, which adds rules when the rules are first listed or looked up. Built-in
    // declarative rules are data the binary carries (src/declarative): they are parsed then,
    // once static initialisation is over, not while it runs.
    bool add_deferred(void (*load)(RuleRegistry&));
    // All rules, ordered by id.
    const std::vector<const Rule*>& rules() const;
    const Rule* find(std::string_view id) const;

  private:
    void load_deferred() const;
    std::string conflict(const RuleInfo& info) const;
    void insert(std::unique_ptr<Rule> rule);
    std::vector<std::unique_ptr<Rule>> owned_;
    std::vector<const Rule*> sorted_;
    std::vector<void (*)(RuleRegistry&)> deferred_;
    mutable std::once_flag deferred_once_;
};

// Joins path segments: path_of({"Resources", id, "Properties"}) -> "Resources/id/Properties".
std::string path_of(std::initializer_list<std::string_view> segments);

}  // namespace stacklint

#define STACKLINT_CONCAT_INNER(a, b) a##b
#define STACKLINT_CONCAT(a, b) STACKLINT_CONCAT_INNER(a, b)
#define STACKLINT_REGISTER_DEFERRED_RULES(load)                               \
    namespace {                                                               \
    [[maybe_unused]] const bool STACKLINT_CONCAT(deferred_rules_, __LINE__) = \
        ::stacklint::RuleRegistry::instance().add_deferred(load);             \
    }
#define STACKLINT_REGISTER_RULE(RuleClass)                                        \
    namespace {                                                                   \
    [[maybe_unused]] const bool STACKLINT_CONCAT(registered_rule_, __LINE__) =    \
        ::stacklint::RuleRegistry::instance().add(std::make_unique<RuleClass>()); \
    }

namespace stacklint {
// Reports the loader's diagnostics that carry the reporter's rule id (T001, T002, T003).
void report_load_diagnostics(const Stack& stack, Reporter& out);
}  // namespace stacklint
