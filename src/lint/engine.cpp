#include "lint/engine.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "cdk/assembly.hpp"
#include "config/suppress.hpp"
#include "lint/change.hpp"
#include "schema/embedded.hpp"
#include "schema/lifecycle.hpp"

namespace stacklint {

namespace {

// What loading one input produced: a template file gives at most one stack, a cloud
// assembly any number.
struct Slot {
    std::vector<std::unique_ptr<Stack>> stacks;
    std::vector<UnloadedStack> unloaded;
    std::vector<ToolError> errors;
    std::vector<ToolError> warnings;
};

struct ActiveRule {
    const Rule* rule;
    Severity severity;
};

std::vector<ActiveRule> active_rules(const RuleSeverity& severity) {
    std::vector<ActiveRule> out;
    for (const Rule* r : RuleRegistry::instance().rules()) {
        const std::optional<Severity> sev = severity(r->info());
        if (sev) out.push_back({r, *sev});
    }
    return out;
}

// Files found by a directory walk (and, with skip_non_templates, named ones) are linted only
// when they look like templates.
bool only_if_template(const Input& input, const LintOptions& options) {
    return !input.explicit_path || options.skip_non_templates;
}

void load_one(const Input& input, const LintOptions& options, Slot& slot) {
    if (input.assembly) {
        cdk::LoadedAssembly a = cdk::load_assembly(
            input, cdk::AssemblyLimits{options.limits, options.max_file_bytes}, options.excluded);
        slot.stacks = std::move(a.stacks);
        slot.unloaded = std::move(a.unloaded);
        slot.errors = std::move(a.errors);
        slot.warnings = std::move(a.warnings);
        return;
    }
    // With --skip-non-templates a named file is treated as a walk treats what it finds: only
    // template extensions, and only when the text looks like a template.
    const bool filter = only_if_template(input, options);
    if (filter && !input.from_stdin && !has_template_extension(input.path)) return;
    std::string bytes;
    std::string error;
    const std::string* edited = nullptr;
    if (options.contents != nullptr && !input.from_stdin) {
        const auto it = options.contents->find(input.path);
        if (it != options.contents->end()) edited = &it->second;
    }
    if (edited != nullptr) {
        bytes = *edited;
    } else if (!read_input(input, options.max_file_bytes, bytes, error)) {
        slot.errors.push_back(ToolError{input.display, error});
        return;
    }
    if (filter && !looks_like_template(bytes)) return;
    auto source = std::make_shared<const Source>(input.display, std::move(bytes));
    auto stack = make_stack(stack_name_for(input.display), std::move(source), options.limits);
    stack->path = input.path;
    stack->app = app_for(input.display);
    // A walked file that parses but is not a template (a package.json that mentions
    // "Resources" deep inside) is not ours to lint.
    const Document& d = stack->doc;
    if (filter && d.root && d.root->is_mapping() && !d.root->find("Resources") &&
        !d.root->find("AWSTemplateFormatVersion")) {
        return;
    }
    slot.stacks.push_back(std::move(stack));
}

// A template read as part of a cloud assembly is not linted again as a loose file.
void drop_assembly_duplicates(std::vector<std::unique_ptr<Stack>>& stacks) {
    std::set<std::string> in_assemblies;
    std::error_code ec;
    for (const auto& s : stacks) {
        if (s->cdk) in_assemblies.insert(std::filesystem::weakly_canonical(s->file, ec).string());
    }
    if (in_assemblies.empty()) return;
    std::erase_if(stacks, [&](const std::unique_ptr<Stack>& s) {
        return !s->cdk && s->file != "<stdin>" &&
               in_assemblies.count(std::filesystem::weakly_canonical(s->file, ec).string()) > 0;
    });
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

std::size_t count_templates(const std::vector<Input>& inputs, const LintOptions& options) {
    std::size_t n = 0;
    std::string bytes;
    std::string error;
    for (const Input& input : inputs) {
        // An assembly and a file linted whatever it holds count; a walked file counts when it
        // looks like a template.
        if (input.assembly || !only_if_template(input, options) ||
            ((input.from_stdin || has_template_extension(input.path)) &&
             read_input(input, options.max_file_bytes, bytes, error) &&
             looks_like_template(bytes))) {
            ++n;
        }
    }
    return n;
}

std::string stack_name_for(const std::string& display) {
    if (display == "<stdin>") return "stdin";
    // Only the last extension goes: api.dev.yaml and api.prod.yaml are two stacks.
    return std::filesystem::path(display).stem().string();
}

std::string app_for(const std::string& display) {
    if (display == "<stdin>") return {};
    return std::filesystem::path(display).parent_path().lexically_normal().generic_string();
}

LintResult lint(const std::vector<Input>& inputs, const LintOptions& options) {
    LintResult result = load_inputs(inputs, options);
    run_rules(result, options);
    return result;
}

LintResult load_inputs(const std::vector<Input>& inputs, const LintOptions& options,
                       std::vector<std::size_t>* input_of) {
    LintResult result;
    // One assembly named twice (as cdk.out and through its project directory) is one app;
    // read twice, every export would clash with itself.
    std::vector<bool> repeated(inputs.size(), false);
    std::set<std::string> assemblies;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        std::error_code ec;
        repeated[i] =
            inputs[i].assembly &&
            !assemblies.insert(std::filesystem::weakly_canonical(inputs[i].path, ec).string())
                 .second;
    }
    std::vector<Slot> slots(inputs.size());
    parallel_for(inputs.size(), options.jobs, [&](std::size_t i) {
        if (!repeated[i]) load_one(inputs[i], options, slots[i]);
    });
    std::map<const Stack*, std::size_t> from;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        Slot& slot = slots[i];
        for (const auto& s : slot.stacks)
            from.emplace(s.get(), i);
        std::move(slot.errors.begin(), slot.errors.end(), std::back_inserter(result.errors));
        std::move(slot.warnings.begin(), slot.warnings.end(), std::back_inserter(result.warnings));
        std::move(slot.stacks.begin(), slot.stacks.end(), std::back_inserter(result.set.stacks));
        std::move(slot.unloaded.begin(), slot.unloaded.end(),
                  std::back_inserter(result.set.unloaded));
    }
    drop_assembly_duplicates(result.set.stacks);
    if (input_of != nullptr) {
        input_of->clear();
        for (const auto& s : result.set.stacks)
            input_of->push_back(from.at(s.get()));
    }
    return result;
}

void run_rules(LintResult& result, const LintOptions& options) {
    const schema::Registry schemas(schema::embedded_data());
    const RuleSeverity severity = rules_of_run(options.rule_severity, false);
    const std::vector<ActiveRule> rules = active_rules(severity);
    const std::string today = options.today.empty() ? schema::effective_today() : options.today;
    static const std::vector<std::string> kDefaultRegions = {"us-east-1"};
    const std::vector<std::string>& regions =
        options.regions.empty() ? kDefaultRegions : options.regions;

    // Template rules, one stack per task.
    std::vector<std::vector<Finding>> per_stack(result.set.stacks.size());
    std::vector<std::vector<DroppedFindings>> dropped_per_stack(result.set.stacks.size());
    parallel_for(result.set.stacks.size(), options.jobs, [&](std::size_t i) {
        const Stack& stack = *result.set.stacks[i];
        if (stack.excluded) return;
        for (const ActiveRule& ar : rules) {
            if (ar.rule->is_set_rule()) continue;
            RuleContext ctx{result.set, options.rule_options, schemas, regions, today};
            Reporter reporter(ar.rule->info(), ar.severity, per_stack[i]);
            ar.rule->check(stack, ctx, reporter);
            const auto& dropped = reporter.dropped();
            dropped_per_stack[i].insert(dropped_per_stack[i].end(), dropped.begin(), dropped.end());
        }
    });
    std::vector<DroppedFindings> dropped;
    for (std::size_t i = 0; i < per_stack.size(); ++i) {
        std::move(per_stack[i].begin(), per_stack[i].end(), std::back_inserter(result.findings));
        dropped.insert(dropped.end(), dropped_per_stack[i].begin(), dropped_per_stack[i].end());
    }

    // Set rules, once over everything.
    for (const ActiveRule& ar : rules) {
        if (!ar.rule->is_set_rule()) continue;
        RuleContext ctx{result.set, options.rule_options, schemas, regions, today};
        Reporter reporter(ar.rule->info(), ar.severity, result.findings);
        ar.rule->check_set(ctx, reporter);
        dropped.insert(dropped.end(), reporter.dropped().begin(), reporter.dropped().end());
    }

    // One problem is reported once at one spot, however many rules' walks reached it: a YAML
    // alias repeats its anchor's nodes (and their positions) wherever it is used.
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
    drop_repeated_findings(result.findings);

    // Inline suppressions apply to every rule's findings, set rules' included.
    result.suppressed = apply_suppressions(result.set, result.findings, severity);

    // What the per-rule cap left out is said, not silently lost (M004).
    if (!dropped.empty()) {
        for (const ActiveRule& ar : rules) {
            if (const auto* capped = dynamic_cast<const CappedFindingsRule*>(ar.rule)) {
                Reporter reporter(ar.rule->info(), ar.severity, result.findings);
                capped->check_capped(dropped, reporter);
            }
        }
    }

    count_stacks(result);
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
}

void drop_repeated_findings(std::vector<Finding>& findings) {
    const auto repeat = [](const Finding& a, const Finding& b) {
        return a.rule == b.rule && a.file == b.file && a.mark == b.mark && a.message == b.message &&
               a.stack == b.stack && a.resource == b.resource;
    };
    findings.erase(std::unique(findings.begin(), findings.end(), repeat), findings.end());
}

void count_stacks(LintResult& result) {
    result.files = 0;
    for (const auto& s : result.set.stacks) {
        if (s->excluded) {
            ++result.excluded;
            continue;
        }
        ++result.files;
        if (s->tmpl) result.resources += s->tmpl->resources.size();
    }
}

}  // namespace stacklint
