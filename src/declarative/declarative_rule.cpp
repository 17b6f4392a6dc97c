#include "declarative/declarative_rule.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/atomic_file.hpp"
#include "core/glob.hpp"
#include "model/facts.hpp"

namespace stacklint::declarative {

namespace fs = std::filesystem;

namespace {

// Rule files are small; anything larger is a mistake (a template given as a rule directory).
constexpr std::size_t kMaxRuleFileBytes = std::size_t{4} * 1024 * 1024;

}  // namespace

bool NameGlobs::matches(std::string_view name) const {
    if (everything) return true;
    for (const std::string& p : plain)
        if (p == name) return true;
    for (const std::string& g : globs)
        if (match_glob(g, name)) return true;
    return false;
}

NameGlobs::NameGlobs(const std::vector<std::string>& patterns) {
    for (const std::string& p : patterns) {
        if (p == "*") everything = true;
        if (p.find_first_of("*?[") == std::string::npos) {
            plain.push_back(p);
        } else {
            globs.push_back(p);
        }
    }
}

DeclarativeRule::DeclarativeRule(RuleSpec spec, std::shared_ptr<const Document> document)
    : spec_(std::move(spec)), document_(std::move(document)), targets_(spec_.globs) {
    info_ = RuleInfo{.id = spec_.id,
                     .name = spec_.name,
                     .pack = spec_.pack,
                     .severity = spec_.severity,
                     .summary = spec_.summary,
                     .doc = spec_.doc,
                     .opt_in = spec_.opt_in};
}

void DeclarativeRule::check(const Stack& stack, const RuleContext&, Reporter& out) const {
    if (!stack.tmpl) return;
    const Template& tmpl = stack.deployed();
    Target target{&stack, &tmpl, nullptr, nullptr, Mark{}, {}, {}};
    switch (spec_.scope) {
        case Scope::Resources:
            for (const Resource& r : tmpl.resources) {
                if (r.node == nullptr || !targets_.matches(r.type_name)) continue;
                if (spec_.stateful && is_stateful_type(r.type_name) != *spec_.stateful) continue;
                target.resource = &r;
                target.root = r.node;
                target.mark = r.id_mark;
                target.section = "Resources";
                target.name = r.id;
                judge(target, r.id, r.type_name, out);
            }
            break;
        case Scope::Parameters:
        case Scope::Outputs: {
            const bool parameters = spec_.scope == Scope::Parameters;
            for (const Named& n : parameters ? tmpl.parameters : tmpl.outputs) {
                if (n.node == nullptr || !targets_.matches(n.name)) continue;
                target.root = n.node;
                target.mark = n.mark;
                target.section = parameters ? "Parameters" : "Outputs";
                target.name = n.name;
                std::string_view type;
                if (const Node* t = n.node->get("Type"); parameters && t && t->is_scalar())
                    type = t->text();
                judge(target, n.name, type, out);
            }
            break;
        }
        case Scope::Stacks:
            if (tmpl.root == nullptr || !targets_.matches(stack.name)) return;
            target.root = tmpl.root;
            target.mark = Mark{1, 1};
            judge(target, stack.name, {}, out);
            break;
    }
}

void DeclarativeRule::judge(const Target& target, std::string_view name, std::string_view type,
                            Reporter& out) const {
    if (spec_.when) {
        const Truth applies = evaluate(*spec_.when, target).truth;
        if (applies == Truth::False || (applies == Truth::Unknown && !spec_.unknown_fails)) return;
    }
    if (const Truth t = evaluate(spec_.require, target).truth;
        t == Truth::True || (t == Truth::Unknown && !spec_.unknown_fails)) {
        return;
    }
    // A finding: judged again, writing out the path that breaks the rule.
    const Verdict v = evaluate(spec_.require, target, true);
    const Blame& b = v.blame;
    std::string value;
    switch (b.what) {
        case Blame::What::Value:
        case Blame::What::Unknown:
            value = b.node != nullptr ? show_value(*b.node) : "a value known only at deployment";
            break;
        case Blame::What::Missing:
            value = "nothing";
            break;
        case Blame::What::Target:
            value = name;
            break;
    }
    const std::string shown_path = v.path.empty() ? std::string(name) : v.path;
    std::string message;
    const std::string& m = spec_.message;
    for (std::size_t i = 0; i < m.size(); ++i) {
        if ((m[i] == '{' || m[i] == '}') && i + 1 < m.size() && m[i + 1] == m[i]) {
            message += m[i++];
            continue;
        }
        if (m[i] != '{') {
            message += m[i];
            continue;
        }
        const std::size_t close = m.find('}', i);
        const std::string_view key = std::string_view(m).substr(i + 1, close - i - 1);
        if (key == "name" || key == "resource")
            message += name;
        else if (key == "type")
            message += type;
        else if (key == "stack")
            message += target.stack->name;
        else if (key == "path")
            message += shown_path;
        else if (key == "value")
            message += value;
        else if (key == "id")
            message += spec_.id;
        i = close;
    }
    if (v.truth == Truth::Unknown) {
        if (!b.unknown_why.empty()) {
            message +=
                " (cannot be verified from the template: " + std::string(b.unknown_why) + ")";
        } else if (b.branches_disagree) {
            message += " (it depends on a condition: in one branch of Fn::If, " + shown_path +
                       " is " + value + ")";
        } else if (b.what == Blame::What::Target) {
            message += " (cannot be verified before deployment)";
        } else {
            message +=
                " (cannot be verified before deployment: " + shown_path + " is " + value + ")";
        }
    }
    Mark at = b.mark.valid() ? b.mark : target.mark;
    if (b.node != nullptr && b.node->is_scalar() && b.node->mark().valid()) at = b.node->mark();
    std::string path;
    if (!target.section.empty())
        path = std::string(target.section) + "/" + std::string(target.name);
    if (!v.property_path.empty()) path += (path.empty() ? "" : "/") + v.property_path;
    Report report{at, std::move(message)};
    if (target.resource != nullptr) report.resource = target.resource->id;
    report.path = std::move(path);
    if (spec_.scope == Scope::Stacks && target.stack->cdk)
        report.construct = target.stack->cdk->construct;
    out.add(*target.stack, std::move(report));
}

std::vector<fs::path> rule_files(const fs::path& dir, std::vector<RuleFileError>& errors) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) return {dir};
    if (!fs::is_directory(dir, ec)) {
        errors.push_back({dir.string(), Mark{}, "no such rule file or directory"});
        return out;
    }
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        errors.push_back({dir.string(), Mark{}, "cannot read the rule directory: " + ec.message()});
        return out;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            errors.push_back(
                {dir.string(), Mark{}, "cannot read the rule directory: " + ec.message()});
            break;
        }
        const fs::path& p = it->path();
        const std::string leaf = p.filename().string();
        if (it->is_directory(ec)) {
            if (leaf == "tests" || leaf.starts_with('.')) it.disable_recursion_pending();
            continue;
        }
        const std::string ext = p.extension().string();
        if ((ext == ".yaml" || ext == ".yml") && !leaf.starts_with('.')) out.push_back(p);
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

// Where the team's rule that has `id` or `name` is written: " by the rule at FILE:LINE" for
// an id, " at FILE:LINE" after a name's "taken by rule X"; empty for a built-in rule.
std::string holder_of(const std::string& id, const std::string& name) {
    for (const Rule* r : RuleRegistry::instance().rules()) {
        if (r->info().id != id && r->info().name != name) continue;
        const auto* d = dynamic_cast<const DeclarativeRule*>(r);
        if (d == nullptr || d->spec().pack != kUserPack) return {};
        const std::string at = d->spec().file + ":" + std::to_string(d->spec().id_mark.line);
        return r->info().id == id ? " by the rule at " + at : " at " + at;
    }
    return {};
}

}  // namespace

LoadedRules load_rules(const std::vector<fs::path>& paths) {
    // Files this process has read already: a directory named by the configuration and on the
    // command line, or configuration read again by the language server, adds nothing twice.
    static std::mutex mutex;
    static std::set<std::string> loaded;
    const std::lock_guard lock(mutex);
    LoadedRules result;
    for (const fs::path& dir : paths) {
        for (const fs::path& file : rule_files(dir, result.errors)) {
            std::error_code ec;
            const std::string real = fs::weakly_canonical(file, ec).string();
            if (!loaded.insert(real).second) continue;
            std::string bytes;
            std::string why;
            if (!read_small_file(file.string(), kMaxRuleFileBytes, bytes, why)) {
                result.errors.push_back({file.string(), Mark{}, why});
                continue;
            }
            ++result.files;
            auto source = std::make_shared<const Source>(file.string(), std::move(bytes));
            RuleFileError error;
            std::optional<RuleFile> parsed =
                parse_rule_file(source, Origin::User, std::string(kUserPack), error);
            if (!parsed) {
                result.errors.push_back(std::move(error));
                continue;
            }
            for (RuleSpec& spec : parsed->rules) {
                const std::string id = spec.id;
                const std::string name = spec.name;
                const Mark id_mark = spec.id_mark;
                const Mark name_mark = spec.name_mark;
                const std::string problem = RuleRegistry::instance().add_loaded(
                    std::make_unique<DeclarativeRule>(std::move(spec), parsed->document));
                if (!problem.empty()) {
                    result.errors.push_back(
                        {file.string(), RuleRegistry::instance().find(id) ? id_mark : name_mark,
                         problem + holder_of(id, name)});
                    continue;
                }
                result.ids.push_back(id);
            }
        }
    }
    return result;
}

}  // namespace stacklint::declarative
