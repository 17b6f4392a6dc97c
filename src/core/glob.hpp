// Shell-style globs for names and paths (.stacklint.yaml, declarative rules).
#pragma once

#include <string_view>

namespace stacklint {

// Matches a whole name: `*` any run of characters, `?` one character, `[abc]`, `[a-z]` and
// `[!abc]` one character of (or not of) a set. Characters are bytes; names are ASCII in
// practice (stack names, logical ids). "*Storage*" matches "AppStorageStack".
bool match_glob(std::string_view pattern, std::string_view name);

// Matches a '/'-separated relative path: `*`, `?` and sets never match '/', and a segment
// `**` matches any number of whole segments, none included. A pattern that matches a
// directory matches every path under it, so "legacy/" and "legacy/**" are the same. A
// pattern with a '/' is anchored at the start of the path; one without matches a file or
// directory of that name at any depth ("cdk.out" matches every cdk.out directory).
bool match_path_glob(std::string_view pattern, std::string_view path);

}  // namespace stacklint
