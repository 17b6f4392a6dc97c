#include "fix/fixer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace stacklint::fix {

Round choose_fixes(const std::vector<const Finding*>& findings, bool unsafe) {
    Round round;
    for (const Finding* f : findings) {
        if (!f->fix || f->fix->edits.empty()) continue;
        if (f->fix->safety == FixSafety::Unsafe && !unsafe) {
            ++round.unsafe_skipped;
            continue;
        }
        const bool clash =
            std::any_of(f->fix->edits.begin(), f->fix->edits.end(), [&](const TextEdit& e) {
                return std::any_of(round.edits.begin(), round.edits.end(),
                                   [&](const TextEdit& t) { return edits_overlap(e, t); });
            });
        if (clash) continue;
        round.edits.insert(round.edits.end(), f->fix->edits.begin(), f->fix->edits.end());
        ++round.fixes;
    }
    std::sort(round.edits.begin(), round.edits.end(), [](const TextEdit& a, const TextEdit& b) {
        return a.offset < b.offset || (a.offset == b.offset && a.length < b.length);
    });
    return round;
}

bool still_loads(const Stack& before, const std::string& text, const LoadLimits& limits) {
    auto source = std::make_shared<const Source>(before.file, text);
    const Document after = load_document(source, before.doc.format, limits);
    const auto parse_error = [](const Document& d) {
        return !d.root || std::any_of(d.diagnostics.begin(), d.diagnostics.end(),
                                      [](const Diagnostic& x) { return x.rule == "T001"; });
    };
    return parse_error(before.doc) || !parse_error(after);
}

FixOutcome run_fixes(const std::vector<Input>& inputs, LintOptions options,
                     const FixOptions& fix_options) {
    FixOutcome out;
    // path -> the text as fixed so far, starting from the caller's (an editor's unsaved text)
    std::map<std::string, std::string> contents =
        options.contents != nullptr ? *options.contents : std::map<std::string, std::string>{};
    std::map<std::string, FixedFile> changed;  // path -> what changed in it
    std::set<std::string> frozen;              // files whose fixes failed the check
    std::vector<ToolError> warnings;
    options.contents = &contents;
    for (unsigned pass = 0;; ++pass) {
        LintResult result = lint(inputs, options);
        std::vector<Finding> candidates = result.findings;
        if (fix_options.filter) fix_options.filter(candidates);
        // Findings by the (plain, named) template they are in; cloud assemblies' are counted.
        std::map<std::string, const Stack*> by_file;
        std::set<std::string> generated;
        for (const auto& s : result.set.stacks) {
            if (s->cdk) {
                generated.insert(s->file);
            } else if (!s->path.empty() && s->doc.source && frozen.count(s->path) == 0) {
                by_file.emplace(s->file, s.get());
            }
        }
        std::map<const Stack*, std::vector<const Finding*>> per_stack;
        out.generated = 0;
        out.generated_origin.clear();
        for (const Finding& f : candidates) {
            if (const auto it = by_file.find(f.file); it != by_file.end()) {
                per_stack[it->second].push_back(&f);
                continue;
            }
            const Rule* rule = RuleRegistry::instance().find(f.rule);
            if (rule != nullptr && rule->info().fix && generated.count(f.file) > 0) {
                if (out.generated++ == 0 || out.generated_origin.empty()) {
                    out.generated_origin = f.origin;
                }
            }
        }
        out.unsafe_left = 0;
        std::map<const Stack*, Round> rounds;
        for (const auto& [stack, findings] : per_stack) {
            Round round = choose_fixes(findings, fix_options.unsafe);
            out.unsafe_left += round.unsafe_skipped;
            if (round.fixes > 0) rounds.emplace(stack, std::move(round));
        }
        if (rounds.empty() || pass + 1 >= fix_options.max_passes) {
            out.result = std::move(result);
            break;
        }
        bool applied = false;
        for (const auto& [stack, round] : rounds) {
            const std::string& before = stack->doc.source->bytes();
            std::string after;
            if (!apply_edits(before, round.edits, after) ||
                !still_loads(*stack, after, options.limits)) {
                frozen.insert(stack->path);
                warnings.push_back({stack->file,
                                    "its fixes would leave it unreadable, so it was left as it was "
                                    "(a bug in stacklint: please report it with the template)"});
                continue;
            }
            FixedFile& file = changed[stack->path];
            if (file.path.empty()) {
                file.display = stack->file;
                file.path = stack->path;
                file.original = before;
            }
            file.fixes += round.fixes;
            out.fixed += round.fixes;
            file.fixed = after;
            contents[stack->path] = std::move(after);
            applied = true;
        }
        if (!applied) {
            out.result = lint(inputs, options);
            break;
        }
    }
    out.result.warnings.insert(out.result.warnings.end(), warnings.begin(), warnings.end());
    for (auto& [path, file] : changed) {
        if (file.fixed != file.original) out.files.push_back(std::move(file));
    }
    return out;
}

}  // namespace stacklint::fix
