#include "lint/rule.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace stacklint {

void Reporter::add(const Stack& stack, Report report) {
    // CDK's own machinery is not the user's to fix; no rule reports on it.
    if (stack.is_plumbing(report.resource, report.path)) return;
    // Configuration excluded the template; it is only there for the cross-stack rules.
    if (stack.excluded) return;
    if (++kept_[&stack] > kMaxFindingsPerRule) {
        auto it = std::find_if(dropped_.begin(), dropped_.end(),
                               [&](const DroppedFindings& d) { return d.stack == &stack; });
        if (it == dropped_.end()) {
            dropped_.push_back({&stack, rule_.id, 0, stack.file, report.mark});
            if (!report.file.empty()) dropped_.back().file = std::move(report.file);
            it = dropped_.end() - 1;
        }
        ++it->count;
        return;
    }
    Finding f;
    f.rule = rule_.id;
    f.name = rule_.name;
    const bool overridden = severity_ != rule_.severity;
    f.severity = overridden ? severity_ : report.severity.value_or(severity_);
    f.message = std::move(report.message);
    if (report.file.empty()) {
        f.file = stack.file;
    } else {
        f.file = std::move(report.file);
    }
    f.mark = report.mark;
    f.stack = stack.name;
    f.stack_file = stack.file;
    // A resource the SAM transform makes belongs to the SAM resource it comes from: that is
    // the one the template writes, suppresses findings on and is fingerprinted by.
    f.resource = stack.sam ? std::string(stack.sam->source_of(report.resource))
                           : std::string(report.resource);
    if (f.resource.empty()) f.resource = report.resource;
    f.path = std::move(report.path);
    if (report.construct.empty()) {
        f.construct = stack.construct_path(report.resource);
        f.origin = stack.origin(report.resource);
    } else {
        f.origin = stack.construct_origin(report.construct);
        f.construct = std::move(report.construct);
    }
    // A template in a cloud assembly is the CDK's output: the fix belongs in the app.
    if (!stack.cdk && report.fix && stack.doc.source) {
        auto fix = std::make_shared<Fix>(*report.fix);
        for (TextEdit& e : fix->edits) {
            const Mark start = stack.doc.source->mark_at(e.offset);
            const Mark end = stack.doc.source->mark_at(e.end());
            e.start_line = start.line;
            e.start_column = start.column;
            e.end_line = end.line;
            e.end_column = end.column;
        }
        f.fix = std::move(fix);
    }
    out_.push_back(std::move(f));
}

RuleRegistry& RuleRegistry::instance() {
    static RuleRegistry registry;
    return registry;
}

std::string RuleRegistry::conflict(const RuleInfo& info) const {
    for (const auto& existing : owned_) {
        const RuleInfo& e = existing->info();
        if (e.id == info.id) return "rule id '" + std::string(info.id) + "' is taken";
        if (e.name == info.name) {
            return "rule name '" + std::string(info.name) + "' is taken by rule " +
                   std::string(e.id);
        }
    }
    return {};
}

void RuleRegistry::insert(std::unique_ptr<Rule> rule) {
    const Rule* added = rule.get();
    owned_.push_back(std::move(rule));
    sorted_.insert(
        std::upper_bound(sorted_.begin(), sorted_.end(), added,
                         [](const Rule* a, const Rule* b) { return a->info().id < b->info().id; }),
        added);
}

bool RuleRegistry::add(std::unique_ptr<Rule> rule) {
    const std::string problem = conflict(rule->info());
    if (!problem.empty()) {
        std::fprintf(stderr, "stacklint: rule %.*s registered twice: %s\n",
                     static_cast<int>(rule->info().id.size()), rule->info().id.data(),
                     problem.c_str());
        std::abort();
    }
    insert(std::move(rule));
    return true;
}

std::string RuleRegistry::add_loaded(std::unique_ptr<Rule> rule) {
    load_deferred();
    return try_add(std::move(rule));
}

std::string RuleRegistry::try_add(std::unique_ptr<Rule> rule) {
    std::string problem = conflict(rule->info());
    if (problem.empty()) insert(std::move(rule));
    return problem;
}

bool RuleRegistry::add_deferred(void (*load)(RuleRegistry&)) {
    deferred_.push_back(load);
    return true;
}

void RuleRegistry::load_deferred() const {
    // There is one registry, the process's: its loaders add to it.
    std::call_once(deferred_once_, [this] {
        for (auto* load : deferred_)
            load(instance());
    });
}

const std::vector<const Rule*>& RuleRegistry::rules() const {
    load_deferred();
    return sorted_;
}

const Rule* RuleRegistry::find(std::string_view id) const {
    for (const Rule* r : rules()) {
        if (r->info().id == id) return r;
    }
    return nullptr;
}

std::string path_of(std::initializer_list<std::string_view> segments) {
    std::string out;
    for (std::string_view s : segments) {
        if (!out.empty()) out += '/';
        out += s;
    }
    return out;
}

}  // namespace stacklint

namespace stacklint {
void report_load_diagnostics(const Stack& stack, Reporter& out) {
    for (const Diagnostic& d : stack.doc.diagnostics) {
        if (d.rule != out.rule().id) continue;
        Report r{d.mark, d.message};
        if (d.preprocessor) r.severity = Severity::Info;
        out.add(stack, std::move(r));
    }
}
}  // namespace stacklint
