#include "model/stack.hpp"

namespace stacklint {

std::string Stack::construct_path(std::string_view logical_id) const {
    if (logical_id.empty()) return {};
    if (tmpl) {
        if (const Resource* r = tmpl->find_resource(logical_id); r && !r->cdk_path.empty()) {
            return std::string(r->cdk_path);
        }
    }
    auto it = construct_paths.find(std::string(logical_id));
    return it == construct_paths.end() ? std::string() : it->second;
}

std::unique_ptr<Stack> make_stack(std::string name, std::shared_ptr<const Source> source,
                                  const LoadLimits& limits) {
    auto stack = std::make_unique<Stack>();
    stack->name = std::move(name);
    stack->file = source->name();
    stack->doc = load_document(std::move(source), limits);
    if (stack->doc.root) {
        stack->tmpl = build_template(*stack->doc.root);
        stack->graph = build_graph(*stack->tmpl);
    }
    return stack;
}

}  // namespace stacklint
