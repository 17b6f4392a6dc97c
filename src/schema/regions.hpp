// The AWS regions the schema data covers (one provider map each in the enhanced schemas), and
// what the data says about resource types and properties missing from some of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/registry.hpp"

namespace stacklint::schema {

// Every region the data knows, sorted.
const std::vector<std::string_view>& known_regions();
bool is_known_region(std::string_view region);

// The regions of `regions` where the resource type does not exist.
std::vector<std::string> regions_without_type(const ResourceSchema& schema,
                                              const std::vector<std::string>& regions);
// The regions of `regions` where the type exists but a top-level property of it does not.
std::vector<std::string> regions_without_property(const ResourceSchema& schema,
                                                  std::string_view property,
                                                  const std::vector<std::string>& regions);

}  // namespace stacklint::schema
