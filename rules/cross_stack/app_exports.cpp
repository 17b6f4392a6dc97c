#include "app_exports.hpp"

#include <algorithm>
#include <set>

namespace stacklint::cross_stack {

namespace {

// The value of a pseudo parameter for `stack`, when the assembly tells it.
std::optional<std::string> pseudo(std::string_view name, const Stack& stack) {
    const Stack& top = deployed_stack(stack);
    if (name == "AWS::StackName" && stack.parent == nullptr) return stack.name;
    if (name == "AWS::AccountId" && top.cdk && !top.cdk->account.empty()) return top.cdk->account;
    if (name == "AWS::Region" && top.cdk && !top.cdk->region.empty()) return top.cdk->region;
    if (name == "AWS::Partition") return std::string("aws");
    if (name == "AWS::URLSuffix") return std::string("amazonaws.com");
    return std::nullopt;
}

}  // namespace

const Stack& deployed_stack(const Stack& stack) {
    return stack.root();
}

Environment environment_of(const Stack& stack) {
    const Stack& top = deployed_stack(stack);
    if (!top.cdk) return {};
    return {top.cdk->account, top.cdk->region};
}

bool may_be_same(const Environment& a, const Environment& b) {
    const auto field = [](const std::string& x, const std::string& y) {
        return x.empty() || y.empty() || x == y;
    };
    return field(a.account, b.account) && field(a.region, b.region);
}

std::optional<std::string> resolve_name(const ExportName& name, const Stack& stack) {
    if (name.form == ExportName::Form::Literal) return std::string(name.text);
    if (name.form != ExportName::Form::Sub || name.variables != nullptr) return std::nullopt;
    std::string out;
    const std::string_view s = name.text;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "${!") == 0) {
            out += "${";
            i += 2;
            continue;
        }
        if (s.compare(i, 2, "${") != 0) {
            out += s[i];
            continue;
        }
        const std::size_t close = s.find('}', i);
        if (close == std::string_view::npos) return std::nullopt;
        const std::optional<std::string> value = pseudo(s.substr(i + 2, close - i - 2), stack);
        if (!value) return std::nullopt;
        out += *value;
        i = close;
    }
    return out;
}

std::map<std::string, App> cdk_apps(const LintSet& set) {
    std::map<std::string, App> apps;
    for (const auto& s : set.stacks) {
        if (!s->cdk) continue;
        App& app = apps[s->app];
        const Environment env = environment_of(*s);
        app.stacks.push_back(s.get());
        if (!s->graph) {
            app.unknown_exports.push_back(env);
            app.unknown_imports.push_back(env);
            continue;
        }
        for (const Export& e : s->graph->exports()) {
            if (auto name = resolve_name(e.name, *s)) {
                app.exports.push_back({s.get(), &e, *name, env});
            } else {
                app.unknown_exports.push_back(env);
            }
        }
        for (const Import& i : s->graph->imports()) {
            if (auto name = resolve_name(i.name, *s)) {
                app.imports.push_back({s.get(), &i, *name, env});
            } else {
                app.unknown_imports.push_back(env);
            }
        }
    }
    for (const UnloadedStack& u : set.unloaded) {
        App& app = apps[u.app];
        app.unloaded_artifacts.push_back(u.artifact_id);
        app.unknown_exports.push_back({u.account, u.region});
        app.unknown_imports.push_back({u.account, u.region});
    }
    for (auto& [id, app] : apps) {
        for (const AppExport& e : app.exports)
            app.exports_by_name.emplace(e.name, &e);
    }
    return apps;
}

std::vector<const AppExport*> App::exporters(const AppImport& i) const {
    std::vector<const AppExport*> out;
    for (auto [it, end] = exports_by_name.equal_range(i.name); it != end; ++it) {
        if (it->second->env == i.env) out.push_back(it->second);
    }
    return out;
}

bool App::may_be_exported(const AppImport& i) const {
    for (auto [it, end] = exports_by_name.equal_range(i.name); it != end; ++it) {
        if (may_be_same(it->second->env, i.env)) return true;
    }
    return std::any_of(unknown_exports.begin(), unknown_exports.end(),
                       [&](const Environment& env) { return may_be_same(env, i.env); });
}

bool App::may_be_imported(const AppExport& e) const {
    for (const AppImport& i : imports) {
        if (i.name == e.name && may_be_same(i.env, e.env)) return true;
    }
    return std::any_of(unknown_imports.begin(), unknown_imports.end(),
                       [&](const Environment& env) { return may_be_same(env, e.env); });
}

std::size_t Deployments::index_of(const Stack& stack) const {
    const Stack* top = &deployed_stack(stack);
    for (std::size_t i = 0; i < stacks.size(); ++i) {
        if (stacks[i] == top) return i;
    }
    return stacks.size();
}

bool Deployments::depends(std::size_t from, std::size_t to) const {
    std::vector<bool> seen(stacks.size(), false);
    std::vector<std::size_t> todo{from};
    while (!todo.empty()) {
        const std::size_t at = todo.back();
        todo.pop_back();
        for (std::size_t next : depends_on[at]) {
            if (next == to) return true;
            if (!seen[next]) {
                seen[next] = true;
                todo.push_back(next);
            }
        }
    }
    return false;
}

bool Deployments::may_depend(std::size_t from, std::size_t to) const {
    if (depends(from, to)) return true;
    std::vector<bool> seen(stacks.size(), false);
    std::vector<std::size_t> todo{from};
    seen[from] = true;
    while (!todo.empty()) {
        const std::size_t at = todo.back();
        todo.pop_back();
        if (on_unloaded[at]) return true;
        for (std::size_t next : depends_on[at]) {
            if (!seen[next]) {
                seen[next] = true;
                todo.push_back(next);
            }
        }
    }
    return false;
}

Deployments deployments(const App& app) {
    Deployments d;
    std::map<std::string_view, std::size_t> by_artifact;
    for (const Stack* s : app.stacks) {
        if (s->parent != nullptr) continue;
        by_artifact.emplace(s->cdk->artifact_id, d.stacks.size());
        d.stacks.push_back(s);
    }
    d.depends_on.resize(d.stacks.size());
    d.on_unloaded.resize(d.stacks.size(), false);
    const std::set<std::string_view> unloaded(app.unloaded_artifacts.begin(),
                                              app.unloaded_artifacts.end());
    for (std::size_t i = 0; i < d.stacks.size(); ++i) {
        for (const std::string& dep : d.stacks[i]->cdk->dependencies) {
            // Asset manifests and other artifacts are not stacks.
            if (auto it = by_artifact.find(dep); it != by_artifact.end()) {
                d.depends_on[i].push_back(it->second);
            } else if (unloaded.count(dep) > 0) {
                d.on_unloaded[i] = true;
            }
        }
    }
    return d;
}

}  // namespace stacklint::cross_stack
