#include "lint/engine.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "config/suppress.hpp"
#include "schema/embedded.hpp"

namespace stacklint {

namespace {

struct Slot {
    std::unique_ptr<Stack> stack;
    std::vector<Finding> findings;
    std::optional<ToolError> error;
    bool skipped = false;
};

struct ActiveRule {
    const Rule* rule;
    Severity severity;
};

std::vector<ActiveRule> active_rules(const LintOptions& options) {
    std::vector<ActiveRule> out;
    for (const Rule* r : RuleRegistry::instance().rules()) {
        const std::optional<Severity> sev =
            options.rule_severity ? options.rule_severity(r->info()) : r->info().severity;
        if (sev) out.push_back({r, *sev});
    }
    return out;
}

void load_one(const Input& input, const LintOptions& options, Slot& slot) {
    std::string bytes;
    std::string error;
    if (!read_input(input, options.max_file_bytes, bytes, error)) {
        slot.error = ToolError{input.display, error};
        return;
    }
    const bool filter = !input.explicit_path || options.skip_non_templates;
    if (filter && !looks_like_template(bytes)) {
        slot.skipped = true;
        return;
    }
    auto source = std::make_shared<const Source>(input.display, std::move(bytes));
    slot.stack = make_stack(stack_name_for(input.display), std::move(source), options.limits);
    const Stack& s = *slot.stack;
    // A walked file that parses but is not a template (a package.json that mentions
    // "Resources" deep inside) is not ours to lint.
    if (filter && s.doc.root && s.doc.root->is_mapping() && !s.doc.root->find("Resources") &&
        !s.doc.root->find("AWSTemplateFormatVersion")) {
        slot.stack.reset();
        slot.skipped = true;
    }
}

template <typename Fn>
void parallel_for(std::size_t n, unsigned jobs, Fn fn) {
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
    if (jobs <= 1) {
        for (std::size_t i = 0; i < n; ++i)
            fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < n; i = next++)
                fn(i);
        });
    }
    for (auto& t : workers)
        t.join();
}

}  // namespace

std::string stack_name_for(const std::string& display) {
    if (display == "<stdin>") return "stdin";
    std::string name = std::filesystem::path(display).filename().string();
    const std::size_t dot = name.find('.');
    if (dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

LintResult lint(const std::vector<Input>& inputs, const LintOptions& options) {
    LintResult result;
    const schema::Registry schemas(schema::embedded_data());
    const std::vector<ActiveRule> rules = active_rules(options);
    std::vector<Slot> slots(inputs.size());

    parallel_for(inputs.size(), options.jobs,
                 [&](std::size_t i) { load_one(inputs[i], options, slots[i]); });

    for (Slot& slot : slots) {
        if (slot.error) result.errors.push_back(std::move(*slot.error));
        if (slot.stack) result.set.stacks.push_back(std::move(slot.stack));
    }

    // Template rules, one stack per task.
    std::vector<std::vector<Finding>> per_stack(result.set.stacks.size());
    parallel_for(result.set.stacks.size(), options.jobs, [&](std::size_t i) {
        const Stack& stack = *result.set.stacks[i];
        for (const ActiveRule& ar : rules) {
            if (ar.rule->is_set_rule()) continue;
            RuleContext ctx{result.set, options.rule_options, schemas};
            Reporter reporter(ar.rule->info(), ar.severity, per_stack[i]);
            ar.rule->check(stack, ctx, reporter);
        }
    });
    for (auto& findings : per_stack) {
        std::move(findings.begin(), findings.end(), std::back_inserter(result.findings));
    }

    // Set rules, once over everything.
    for (const ActiveRule& ar : rules) {
        if (!ar.rule->is_set_rule()) continue;
        RuleContext ctx{result.set, options.rule_options, schemas};
        Reporter reporter(ar.rule->info(), ar.severity, result.findings);
        ar.rule->check_set(ctx, reporter);
    }

    // Inline suppressions apply to every rule's findings, set rules' included.
    result.suppressed = apply_suppressions(result.set, result.findings, options.rule_severity);

    result.files = result.set.stacks.size();
    for (const auto& s : result.set.stacks) {
        if (s->tmpl) result.resources += s->tmpl->resources.size();
    }
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
    return result;
}

}  // namespace stacklint
