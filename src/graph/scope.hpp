// What the reference rules may be sure of in a stack, given what rewrites it before
// CloudFormation reads it.
#pragma once

#include "model/stack.hpp"

namespace stacklint {

// True when something other than CloudFormation rewrites the template before deployment, so
// that its names and even its syntax may change: a macro, an inline Fn::Transform, or a
// preprocessor such as Rain (its `!Rain::Module` tags are unknown to the loader, T003; its
// JSON form has `Rain::` keys). Other unknown tags are mistakes, not a rewrite.
bool rewritten_before_deploy(const Stack& stack);

// True when a name that resolves to nothing is certainly a mistake: the template is not
// rewritten before deployment. In a SAM template the names the transform generates (such as
// `MyFunctionRole` and `ServerlessRestApi`) resolve in the graph.
bool unresolved_names_are_errors(const Stack& stack);

}  // namespace stacklint
