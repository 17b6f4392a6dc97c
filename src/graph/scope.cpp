#include "graph/scope.hpp"

namespace stacklint {

bool rewritten_before_deploy(const Stack& stack) {
    if (!stack.tmpl || !stack.graph) return true;
    if (stack.tmpl->has_macro()) return true;
    // Rain's `!Rain::` tags are unknown tags to the loader (T003) but a preprocessor's
    // directives; any other unknown tag is a typo (`!Reff`) that T003 reports, and it hides
    // nothing else.
    return stack.graph->has_inline_transform() || stack.graph->has_preprocessor_syntax() ||
           stack.doc.preprocessor_tags;
}

bool unresolved_names_are_errors(const Stack& stack) {
    // In a SAM template the graph knows the names the transform generates (src/model/sam).
    return !rewritten_before_deploy(stack);
}

}  // namespace stacklint
