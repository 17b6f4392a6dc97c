// Unified diffs (`diff -u` style) of a file before and after its fixes, for --diff.
#pragma once

#include <string>
#include <string_view>

namespace stacklint::fix {

// The unified diff from `before` to `after` with `context` lines around each change, headed
// `--- a/<name>` and `+++ b/<name>` as `git apply` and `patch -p1` expect (an absolute name
// without the prefixes). Lines end at
// "\n", "\r\n" or "\r"; a last line without a line break is marked as diff marks it. Empty
// when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         std::size_t context = 3);

}  // namespace stacklint::fix
