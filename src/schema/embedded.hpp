// The reduced AWS resource schemas (schemas/cfn-resource-types.jsonl), embedded in the binary
// at build time: no data files to install, nothing read from disk or network at run time.
#pragma once

#include <string_view>

namespace stacklint::schema {

std::string_view embedded_data();

}  // namespace stacklint::schema
