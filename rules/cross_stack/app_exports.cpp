#include "app_exports.hpp"

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
        if (!s->cdk || !s->graph) continue;
        App& app = apps[s->app];
        app.stacks.push_back(s.get());
        for (const Export& e : s->graph->exports()) {
            if (auto name = resolve_name(e.name, *s)) app.exports.push_back({s.get(), &e, *name});
        }
        for (const Import& i : s->graph->imports()) {
            if (auto name = resolve_name(i.name, *s)) app.imports.push_back({s.get(), &i, *name});
        }
    }
    for (auto& [id, app] : apps) {
        for (const AppExport& e : app.exports)
            app.exports_by_name.emplace(e.name, &e);
    }
    return apps;
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

Deployments deployments(const App& app) {
    Deployments d;
    std::map<std::string_view, std::size_t> by_artifact;
    for (const Stack* s : app.stacks) {
        if (s->parent != nullptr) continue;
        by_artifact.emplace(s->cdk->artifact_id, d.stacks.size());
        d.stacks.push_back(s);
    }
    d.depends_on.resize(d.stacks.size());
    for (std::size_t i = 0; i < d.stacks.size(); ++i) {
        for (const std::string& dep : d.stacks[i]->cdk->dependencies) {
            // Asset manifests and other artifacts are not stacks.
            if (auto it = by_artifact.find(dep); it != by_artifact.end()) {
                d.depends_on[i].push_back(it->second);
            }
        }
    }
    return d;
}

}  // namespace stacklint::cross_stack
