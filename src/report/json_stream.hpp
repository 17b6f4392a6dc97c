// Writing a large JSON report without holding all of it: the findings are turned into JSON one
// at a time, as the text is written.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

namespace stacklint {

// A value to put in a document where write_streamed_array writes an array.
nlohmann::ordered_json streamed_array_placeholder();

// Writes `doc` exactly as `doc.dump(2)` (with invalid UTF-8 replaced) followed by a newline
// would, with the placeholder in it replaced by an array of `count` items that `item(i)`
// makes when they are written.
void write_streamed_array(std::ostream& out, const nlohmann::ordered_json& doc, std::size_t count,
                          const std::function<nlohmann::ordered_json(std::size_t)>& item);

}  // namespace stacklint
