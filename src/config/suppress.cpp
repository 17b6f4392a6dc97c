#include "config/suppress.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "config/selection.hpp"
#include "core/text.hpp"

namespace stacklint {

namespace {

std::string owner_text(std::string_view resource) {
    if (resource.empty()) return "the template's stacklint metadata";
    std::string out = "the stacklint metadata of resource '";
    out.append(resource).append("'");
    return out;
}

class SuppressionReader {
  public:
    SuppressionReader(const Stack& stack, std::string_view resource, std::string path,
                      SuppressionLedger& out)
        : stack_(stack), resource_(resource), path_(std::move(path)), out_(out) {}

    void read(const Node& stacklint) {
        if (!stacklint.is_mapping()) {
            problem(stacklint.mark(), owner_text(resource_) +
                                          " must be a mapping with an 'ignore' list; got " +
                                          std::string(stacklint.kind_name()));
            return;
        }
        for (const Entry& e : stacklint.entries()) {
            if (e.key == "ignore") {
                read_ignore(e.value);
            } else {
                problem(e.key_mark, "unknown key '" + e.key + "' in " + owner_text(resource_) +
                                        did_you_mean(e.key, {"ignore"}) +
                                        "; it holds only an 'ignore' list");
            }
        }
    }

  private:
    void read_ignore(const Node& list) {
        if (!list.is_sequence()) {
            std::string got = list.is_scalar()
                                  ? "'" + list.text() + "'; write [" + list.text() + "]"
                                  : std::string(list.kind_name());
            problem(list.mark(), "'ignore' in " + owner_text(resource_) +
                                     " must be a list of rule ids or {id, reason} entries; got " +
                                     got);
            return;
        }
        for (const Node& item : list.items()) {
            if (item.is_scalar()) {
                add(item.text(), {}, item.mark());
            } else if (item.is_mapping()) {
                read_entry(item);
            } else {
                problem(item.mark(),
                        "a suppression must be a rule id or a mapping with 'id' and "
                        "'reason'; got " +
                            std::string(item.kind_name()));
            }
        }
    }

    void read_entry(const Node& item) {
        const Node* id = nullptr;
        const Node* reason = nullptr;
        for (const Entry& e : item.entries()) {
            if (e.key == "id") {
                id = &e.value;
            } else if (e.key == "reason") {
                reason = &e.value;
            } else {
                problem(e.key_mark, "unknown key '" + e.key + "' in a suppression" +
                                        did_you_mean(e.key, {"id", "reason"}) +
                                        "; it takes 'id' and 'reason'");
                return;
            }
        }
        if (id == nullptr || !id->is_scalar() || id->text().empty()) {
            problem(id ? id->mark() : item.mark(),
                    "a suppression needs an 'id' naming the rule to ignore, like 'id: R003'");
            return;
        }
        if (reason != nullptr && !reason->is_scalar() && !reason->is_null()) {
            problem(reason->mark(), "the 'reason' of a suppression must be a string; got " +
                                        std::string(reason->kind_name()));
            return;
        }
        add(id->text(), reason && reason->is_scalar() ? reason->text() : std::string(), id->mark());
    }

    void add(const std::string& rule, std::string reason, Mark mark) {
        const std::string path = path_ + "/ignore/" + rule;
        const std::string unknown = check_rule_selector(rule);
        if (!unknown.empty()) {
            problem(mark, "this suppression cannot work: " + unknown, path);
            return;
        }
        const auto& rules = RuleRegistry::instance().rules();
        const bool only_meta = std::all_of(rules.begin(), rules.end(), [&](const Rule* r) {
            return selector_precision(rule, r->info()) == 0 || r->info().pack == kMetaPack;
        });
        if (only_meta) {
            problem(mark,
                    "'" + rule +
                        "' reports on suppressions and cannot itself be suppressed inline; "
                        "turn it off with 'ignore' in .stacklint.yaml",
                    path);
            return;
        }
        // Reasons are trimmed so that "reason: ' '" does not count as one.
        const std::size_t first = reason.find_first_not_of(" \t\r\n");
        reason = first == std::string::npos
                     ? std::string()
                     : reason.substr(first, reason.find_last_not_of(" \t\r\n") - first + 1);
        out_.suppressions.push_back(
            Suppression{&stack_, resource_, rule, std::move(reason), mark, path});
    }

    void problem(Mark mark, std::string message, std::string path = {}) {
        out_.problems.push_back(SuppressionProblem{&stack_, resource_, mark, std::move(message),
                                                   path.empty() ? path_ : std::move(path)});
    }

    const Stack& stack_;
    std::string_view resource_;
    std::string path_;
    SuppressionLedger& out_;
};

const Node* stacklint_metadata(const Entry* metadata) {
    if (metadata == nullptr || !metadata->value.is_mapping()) return nullptr;
    return metadata->value.get("stacklint");
}

// Where each resource's text runs: from its logical id to the next key of `Resources` or, for
// the last one, to the next top-level key. Findings without a resource (a duplicate key, an
// unknown tag) are matched to the resource whose span holds them.
struct ResourceSpan {
    Mark begin;
    Mark end;  // exclusive
    std::string_view id;
};

std::vector<ResourceSpan> resource_spans(const Template& t) {
    std::vector<ResourceSpan> spans;
    if (t.resources_section == nullptr || !t.resources_section->value.is_mapping()) return spans;
    Mark section_end{std::numeric_limits<std::uint32_t>::max(), 0};
    if (t.root != nullptr && t.root->is_mapping()) {
        for (const Entry& e : t.root->entries()) {
            if (e.key_mark > t.resources_section->key_mark && e.key_mark < section_end) {
                section_end = e.key_mark;
            }
        }
    }
    const auto& entries = t.resources_section->value.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Mark end = i + 1 < entries.size() ? entries[i + 1].key_mark : section_end;
        spans.push_back({entries[i].key_mark, end, entries[i].key});
    }
    return spans;
}

std::string_view resource_at(const std::vector<ResourceSpan>& spans, Mark mark) {
    for (const ResourceSpan& s : spans) {
        if (s.begin <= mark && mark < s.end) return s.id;
    }
    return {};
}

struct StackSuppressions {
    std::vector<Suppression*> entries;
    std::vector<ResourceSpan> spans;
};

}  // namespace

void read_suppressions(const Stack& stack, SuppressionLedger& out) {
    if (!stack.tmpl) return;
    const Template& t = *stack.tmpl;
    if (const Node* n = stacklint_metadata(t.metadata)) {
        SuppressionReader(stack, {}, "Metadata/stacklint", out).read(*n);
    }
    for (const Resource& r : t.resources) {
        if (const Node* n = stacklint_metadata(r.metadata)) {
            SuppressionReader(stack, r.id, path_of({"Resources", r.id, "Metadata", "stacklint"}),
                              out)
                .read(*n);
        }
    }
}

std::size_t apply_suppressions(
    const LintSet& set, std::vector<Finding>& findings,
    const std::function<std::optional<Severity>(const RuleInfo&)>& rule_severity) {
    std::vector<const Stack*> stacks;
    stacks.reserve(set.stacks.size());
    for (const auto& s : set.stacks)
        stacks.push_back(s.get());
    return apply_suppressions(stacks, findings, rule_severity);
}

std::size_t apply_suppressions(
    const std::vector<const Stack*>& stacks, std::vector<Finding>& findings,
    const std::function<std::optional<Severity>(const RuleInfo&)>& rule_severity) {
    const auto severity_of = [&](const RuleInfo& info) -> std::optional<Severity> {
        return rule_severity ? rule_severity(info) : default_run_severity(info);
    };

    SuppressionLedger ledger;
    for (const Stack* stack : stacks)
        read_suppressions(*stack, ledger);

    const auto& rules = RuleRegistry::instance().rules();
    std::map<std::pair<std::string_view, std::string_view>, StackSuppressions> by_stack;
    for (Suppression& s : ledger.suppressions) {
        s.rule_ran = std::any_of(rules.begin(), rules.end(), [&](const Rule* r) {
            return r->info().pack != kMetaPack && selector_precision(s.rule, r->info()) > 0 &&
                   severity_of(r->info()).has_value();
        });
        StackSuppressions& entry = by_stack[{s.stack->file, s.stack->name}];
        if (entry.entries.empty() && s.stack->tmpl) entry.spans = resource_spans(*s.stack->tmpl);
        entry.entries.push_back(&s);
    }

    std::size_t removed = 0;
    if (!by_stack.empty()) {
        std::map<std::string_view, const RuleInfo*> infos;
        for (const Rule* r : rules)
            infos[r->info().id] = &r->info();
        const auto suppressed = [&](const Finding& f) {
            const auto it = by_stack.find({f.file, f.stack});
            const auto info = infos.find(f.rule);
            if (it == by_stack.end() || info == infos.end()) return false;
            std::string_view resource = f.resource;
            if (resource.empty() && f.mark.valid())
                resource = resource_at(it->second.spans, f.mark);
            bool hit = false;
            for (Suppression* s : it->second.entries) {
                if ((s->resource.empty() || s->resource == resource) &&
                    selector_precision(s->rule, *info->second) > 0) {
                    ++s->suppressed;  // every matching suppression is in use, not just the first
                    hit = true;
                }
            }
            return hit;
        };
        const auto first_removed = std::remove_if(findings.begin(), findings.end(), suppressed);
        removed = static_cast<std::size_t>(findings.end() - first_removed);
        findings.erase(first_removed, findings.end());
    }

    for (const Rule* r : rules) {
        const auto* rule = dynamic_cast<const SuppressionRule*>(r);
        if (rule == nullptr) continue;
        const std::optional<Severity> sev = severity_of(r->info());
        if (!sev) continue;
        Reporter reporter(r->info(), *sev, findings);
        rule->check_suppressions(ledger, reporter);
    }
    return removed;
}

}  // namespace stacklint
