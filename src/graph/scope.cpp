#include "graph/scope.hpp"

#include <algorithm>

namespace stacklint {

bool rewritten_before_deploy(const Stack& stack) {
    if (!stack.tmpl || !stack.graph) return true;
    if (stack.tmpl->has_macro()) return true;
    if (stack.graph->has_inline_transform() || stack.graph->has_preprocessor_syntax()) {
        return true;
    }
    return std::any_of(stack.doc.diagnostics.begin(), stack.doc.diagnostics.end(),
                       [](const Diagnostic& d) { return d.rule == "T003"; });
}

bool unresolved_names_are_errors(const Stack& stack) {
    return !rewritten_before_deploy(stack) && !stack.tmpl->is_sam();
}

}  // namespace stacklint
