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
    // In a compact run, what linting its loose template made: findings already past
    // suppressions (`done`, the template compacted) or still to go through the set rules'
    // stage with the whole stacks (`pending`, the template kept whole).
    std::vector<Finding> done;
    std::vector<Finding> pending;
    std::vector<DroppedFindings> dropped;
    std::size_t suppressed = 0;
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

// What every stage of one run shares.
struct RunSetup {
    explicit RunSetup(const LintOptions& options)
        : schemas(schema::embedded_data()),
          severity(rules_of_run(options.rule_severity, false)),
          rules(active_rules(severity)),
          today(options.today.empty() ? schema::effective_today() : options.today),
          regions(options.regions.empty() ? std::vector<std::string>{"us-east-1"}
                                          : options.regions) {}
    const schema::Registry schemas;
    const RuleSeverity severity;
    const std::vector<ActiveRule> rules;
    const std::string today;
    const std::vector<std::string> regions;
};

// Runs the template rules over one stack; `visible` is what RuleContext::set shows them.
void run_template_rules(const Stack& stack, const LintSet& visible, const RunSetup& run,
                        const LintOptions& options, std::vector<Finding>& findings,
                        std::vector<DroppedFindings>& dropped) {
    if (stack.excluded) return;
    for (const ActiveRule& ar : run.rules) {
        if (ar.rule->is_set_rule()) continue;
        RuleContext ctx{visible, options.rule_options, run.schemas, run.regions, run.today};
        Reporter reporter(ar.rule->info(), ar.severity, findings);
        ar.rule->check(stack, ctx, reporter);
        dropped.insert(dropped.end(), reporter.dropped().begin(), reporter.dropped().end());
    }
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

// The templates read from cloud assemblies, by canonical path: such a template is not
// linted again as a loose file.
class AssemblyTemplates {
  public:
    explicit AssemblyTemplates(const std::vector<std::unique_ptr<Stack>>& stacks) {
        std::error_code ec;
        for (const auto& s : stacks) {
            if (s->cdk) paths_.insert(std::filesystem::weakly_canonical(s->file, ec).string());
        }
    }
    // Whether the loose template file `file` (as opened) is one of them.
    bool contains(const std::string& file) const {
        std::error_code ec;
        return !paths_.empty() && file != "<stdin>" &&
               paths_.count(std::filesystem::weakly_canonical(file, ec).string()) > 0;
    }

  private:
    std::set<std::string> paths_;
};

void drop_assembly_duplicates(std::vector<std::unique_ptr<Stack>>& stacks) {
    const AssemblyTemplates in_assemblies(stacks);
    std::erase_if(stacks, [&](const std::unique_ptr<Stack>& s) {
        return !s->cdk && in_assemblies.contains(s->file);
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

// Sorts findings and drops those that repeat one spot: a YAML alias repeats its anchor's
// nodes (and their positions) wherever it is used, so several rules' walks may reach one.
void sort_and_drop_repeats(std::vector<Finding>& findings) {
    std::sort(findings.begin(), findings.end(), finding_order);
    drop_repeated_findings(findings);
}

// After the template rules: the set rules over everything, inline suppressions of the stacks
// in `whole` over the findings so far (those in `done` are already past theirs), and what the
// per-rule cap left out (M004).
void finish_run(LintResult& result, const std::vector<const Stack*>& whole,
                std::vector<Finding> done, std::vector<DroppedFindings> dropped,
                const RunSetup& run, const LintOptions& options) {
    for (const ActiveRule& ar : run.rules) {
        if (!ar.rule->is_set_rule()) continue;
        RuleContext ctx{result.set, options.rule_options, run.schemas, run.regions, run.today};
        Reporter reporter(ar.rule->info(), ar.severity, result.findings);
        ar.rule->check_set(ctx, reporter);
        dropped.insert(dropped.end(), reporter.dropped().begin(), reporter.dropped().end());
    }
    sort_and_drop_repeats(result.findings);

    // Inline suppressions apply to every rule's findings, set rules' included.
    result.suppressed += apply_suppressions(whole, result.findings, run.severity);
    // `done` has room for the whole stacks' findings (lint_compact sizes it so).
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(done));
    result.findings = std::move(done);

    // What the per-rule cap left out is said, not silently lost (M004).
    if (!dropped.empty()) {
        for (const ActiveRule& ar : run.rules) {
            if (const auto* capped = dynamic_cast<const CappedFindingsRule*>(ar.rule)) {
                Reporter reporter(ar.rule->info(), ar.severity, result.findings);
                capped->check_capped(dropped, reporter);
            }
        }
    }

    count_stacks(result);
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
}

// A compact run's loose template, once its template rules have run: unless a set rule reads
// its tree later, its findings are final after its own suppressions (no set rule reports on
// a compacted template), so they are applied here and the template is compacted.
void finish_loose_stack(Stack& stack, const RunSetup& run, Slot& slot) {
    const bool keep = std::any_of(run.rules.begin(), run.rules.end(), [&](const ActiveRule& ar) {
        return ar.rule->is_set_rule() && ar.rule->keeps_tree(stack);
    });
    if (keep) {
        std::move(slot.done.begin(), slot.done.end(), std::back_inserter(slot.pending));
        slot.done.clear();
        return;
    }
    sort_and_drop_repeats(slot.done);
    slot.suppressed += apply_suppressions({&stack}, slot.done, run.severity);
    std::vector<std::uint32_t> lines;
    for (const Finding& f : slot.done) {
        if (f.mark.valid() && f.file == stack.file) lines.push_back(f.mark.line);
    }
    for (const DroppedFindings& d : slot.dropped) {
        if (d.first.valid() && d.file == stack.file) lines.push_back(d.first.line);
    }
    stack.compact(lines);
}

// Which inputs name one cloud assembly again (see load_inputs).
std::vector<bool> repeated_assemblies(const std::vector<Input>& inputs) {
    std::vector<bool> repeated(inputs.size(), false);
    std::set<std::string> assemblies;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        std::error_code ec;
        repeated[i] =
            inputs[i].assembly &&
            !assemblies.insert(std::filesystem::weakly_canonical(inputs[i].path, ec).string())
                 .second;
    }
    return repeated;
}

// lint() with LintOptions::compact: first the cloud assemblies and the loose templates that
// template rules read from other stacks (Rule::reads_stack), kept whole; then every other
// loose template as a stream, each compacted as soon as its findings are made.
LintResult lint_compact(const std::vector<Input>& inputs, const LintOptions& options) {
    const RunSetup run(options);
    const std::vector<bool> repeated = repeated_assemblies(inputs);
    std::vector<bool> first(inputs.size(), false);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (repeated[i]) continue;
        const std::string name = stack_name_for(inputs[i].display);
        first[i] = inputs[i].assembly ||
                   std::any_of(run.rules.begin(), run.rules.end(), [&](const ActiveRule& ar) {
                       return ar.rule->reads_stack(name, options.rule_options);
                   });
    }

    std::vector<Slot> slots(inputs.size());
    parallel_for(inputs.size(), options.jobs, [&](std::size_t i) {
        if (first[i]) load_one(inputs[i], options, slots[i]);
    });
    // What the template rules see of the other stacks while the stream runs.
    LintSet early;
    std::vector<std::size_t> early_input;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        for (auto& s : slots[i].stacks) {
            early.stacks.push_back(std::move(s));
            early_input.push_back(i);
        }
        slots[i].stacks.clear();
    }
    const AssemblyTemplates in_assemblies(early.stacks);
    for (std::size_t k = early.stacks.size(); k-- > 0;) {
        if (!early.stacks[k]->cdk && in_assemblies.contains(early.stacks[k]->file)) {
            early.stacks.erase(early.stacks.begin() + static_cast<std::ptrdiff_t>(k));
            early_input.erase(early_input.begin() + static_cast<std::ptrdiff_t>(k));
        }
    }
    std::vector<Slot> early_out(early.stacks.size());
    parallel_for(early.stacks.size(), options.jobs, [&](std::size_t k) {
        run_template_rules(*early.stacks[k], early, run, options, early_out[k].done,
                           early_out[k].dropped);
    });
    // Once every rule that reads them has run on them, the loose ones are compacted too: the
    // rules that look at them from other stacks read their names only.
    parallel_for(early.stacks.size(), options.jobs, [&](std::size_t k) {
        Stack& stack = *early.stacks[k];
        Slot& out = early_out[k];
        if (stack.cdk) {
            out.pending = std::move(out.done);
            out.done.clear();
        } else {
            finish_loose_stack(stack, run, out);
        }
    });

    // The stream: each loose template loaded, linted and compacted by one task.
    parallel_for(inputs.size(), options.jobs, [&](std::size_t i) {
        if (first[i] || repeated[i]) return;
        if (!inputs[i].from_stdin && in_assemblies.contains(inputs[i].display)) return;
        Slot& slot = slots[i];
        load_one(inputs[i], options, slot);
        for (auto& stack : slot.stacks) {
            run_template_rules(*stack, early, run, options, slot.done, slot.dropped);
            finish_loose_stack(*stack, run, slot);
        }
    });

    // The stacks in input order, as load_inputs gives them. The findings are most of what a
    // large run keeps: their vectors are sized once.
    LintResult result;
    std::vector<const Stack*> whole;
    std::vector<Finding> done;
    std::vector<DroppedFindings> dropped;
    std::size_t n_done = 0;
    std::size_t n_pending = 0;
    for (const std::vector<Slot>* all : {&slots, &early_out}) {
        for (const Slot& linted : *all) {
            n_done += linted.done.size();
            n_pending += linted.pending.size();
        }
    }
    done.reserve(n_done + n_pending);
    result.findings.reserve(n_pending);
    std::size_t next_early = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        Slot& slot = slots[i];
        const auto take = [&](Slot& linted) {
            std::move(linted.pending.begin(), linted.pending.end(),
                      std::back_inserter(result.findings));
            std::move(linted.done.begin(), linted.done.end(), std::back_inserter(done));
            dropped.insert(dropped.end(), linted.dropped.begin(), linted.dropped.end());
            result.suppressed += linted.suppressed;
            linted = Slot{};
        };
        for (; next_early < early.stacks.size() && early_input[next_early] == i; ++next_early) {
            if (!early.stacks[next_early]->summary) whole.push_back(early.stacks[next_early].get());
            result.set.stacks.push_back(std::move(early.stacks[next_early]));
            take(early_out[next_early]);
        }
        for (auto& s : slot.stacks) {
            if (!s->summary) whole.push_back(s.get());
            result.set.stacks.push_back(std::move(s));
        }
        std::move(slot.errors.begin(), slot.errors.end(), std::back_inserter(result.errors));
        std::move(slot.warnings.begin(), slot.warnings.end(), std::back_inserter(result.warnings));
        std::move(slot.unloaded.begin(), slot.unloaded.end(),
                  std::back_inserter(result.set.unloaded));
        take(slot);
    }
    finish_run(result, whole, std::move(done), std::move(dropped), run, options);
    return result;
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
    if (options.compact) return lint_compact(inputs, options);
    LintResult result = load_inputs(inputs, options);
    run_rules(result, options);
    return result;
}

LintResult load_inputs(const std::vector<Input>& inputs, const LintOptions& options,
                       std::vector<std::size_t>* input_of) {
    LintResult result;
    // One assembly named twice (as cdk.out and through its project directory) is one app;
    // read twice, every export would clash with itself.
    const std::vector<bool> repeated = repeated_assemblies(inputs);
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
    const RunSetup run(options);

    // Template rules, one stack per task.
    std::vector<std::vector<Finding>> per_stack(result.set.stacks.size());
    std::vector<std::vector<DroppedFindings>> dropped_per_stack(result.set.stacks.size());
    parallel_for(result.set.stacks.size(), options.jobs, [&](std::size_t i) {
        run_template_rules(*result.set.stacks[i], result.set, run, options, per_stack[i],
                           dropped_per_stack[i]);
    });
    std::vector<DroppedFindings> dropped;
    for (std::size_t i = 0; i < per_stack.size(); ++i) {
        std::move(per_stack[i].begin(), per_stack[i].end(), std::back_inserter(result.findings));
        dropped.insert(dropped.end(), dropped_per_stack[i].begin(), dropped_per_stack[i].end());
    }
    std::vector<const Stack*> stacks;
    for (const auto& s : result.set.stacks)
        stacks.push_back(s.get());
    finish_run(result, stacks, {}, std::move(dropped), run, options);
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
        result.resources += s->resource_count();
    }
}

}  // namespace stacklint
