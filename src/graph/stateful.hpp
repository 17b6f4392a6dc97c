// Which resource types hold data that is lost when the resource is deleted or replaced.
//
// A minimal local list for drawing graphs; when the shared table of resource facts lands
// (src/model/facts.hpp), this should defer to it.
#pragma once

#include <string_view>

namespace stacklint {

bool is_stateful_type(std::string_view type);

}  // namespace stacklint
