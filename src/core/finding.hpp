#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/severity.hpp"
#include "load/node.hpp"

namespace stacklint {

struct Finding {
    std::string rule;  // "R001"
    std::string name;  // "versioned-bucket-without-noncurrent-expiration"
    Severity severity = Severity::Warning;
    std::string message;
    std::string file;  // as the user named it
    Mark mark;         // where in `file`; invalid for findings about a whole stack
    std::string stack;
    std::string resource;   // logical id, or empty
    std::string path;       // "Resources/Bucket/Properties/BucketName", or empty
    std::string construct;  // CDK construct path, or empty
    std::string origin;     // where the user's CDK code created it ("lib/x.ts:42:5"), or empty

    // Stable across edits that move lines: rule, stack, resource and property path.
    std::string fingerprint() const;
};

// A source position written as "path:line:col" (a CDK origin), split up; nullopt when the
// text does not end in two numbers.
struct SourceRef {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};
std::optional<SourceRef> parse_source_ref(std::string_view text);

// Orders by file, then line, column, rule and message (then stack, resource and property path,
// so that equal-looking findings come out in one order too): the order every report prints in.
bool finding_order(const Finding& a, const Finding& b);

}  // namespace stacklint
