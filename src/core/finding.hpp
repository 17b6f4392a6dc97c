#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/severity.hpp"
#include "core/text_edit.hpp"
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
    // The template of the finding's stack, as the user named it. Usually `file`; not for
    // findings a CDK stack gets in its manifest. Empty for findings made outside a run.
    std::string stack_file;
    std::string resource;   // logical id, or empty
    std::string path;       // "Resources/Bucket/Properties/BucketName", or empty
    std::string construct;  // CDK construct path, or empty
    std::string origin;     // where the user's CDK code created it ("lib/x.ts:42:5"), or empty
    // How to fix it: edits of `file`'s text as it was read, or null when the rule knows none
    // (or the file is one stacklint never edits: a template in a CDK cloud assembly).
    std::shared_ptr<const Fix> fix;

    // Stable across edits that move lines: "rule|template|stack|resource|path", where template
    // is `stack_file` (or `file`) relative to the working directory, '/'-separated (absolute
    // when outside it), so same-named stacks of different files never share one. No lines.
    std::string fingerprint() const;
    // The fingerprint before version 2 baselines, "rule|stack|resource|path", with the stack
    // of a loose template named as it was then (its file name up to the first dot). Only for
    // applying baselines of version 1, whose entries do not say which file they came from.
    std::string fingerprint_v1() const;
};

// `file` as reports show it: relative to `base` (empty: the working directory) when inside it
// ("./a.yaml" and "/repo/a.yaml" both become "a.yaml" with base /repo), else absolute; '/'
// separates directories. `relative` says which. Stdin stays "<stdin>".
std::string relative_path(const std::string& file, const std::filesystem::path& base,
                          bool* relative = nullptr);

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
