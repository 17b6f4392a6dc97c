// Which files a run lints: explicit files, directories walked recursively, or stdin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stacklint {

struct Input {
    std::string display;  // the path as shown in findings
    std::string path;     // the path to open (empty for stdin)
    bool from_stdin = false;
    // Named on the command line (always linted) rather than found by walking a directory
    // (linted only when it looks like a template).
    bool explicit_path = false;
    // A CDK cloud assembly directory (cdk.out) rather than a template file.
    bool assembly = false;
};

// A problem with the run itself rather than with a template: exit code 2.
struct ToolError {
    std::string file;  // empty when no file is at fault (a bad --select)
    std::string message;
    std::uint32_t line = 0;  // 1-based position in `file` when known (a configuration error)
    std::uint32_t column = 0;
};

struct Discovery {
    std::vector<Input> inputs;
    std::vector<ToolError> errors;
};

// Extensions a directory walk considers: .yaml .yml .json .template (any case).
bool has_template_extension(std::string_view name);

// Cheap test before parsing a file found by a directory walk: CloudFormation templates
// name `Resources` or `AWSTemplateFormatVersion` as a top-level key. True when the text has
// `AWSTemplateFormatVersion`, or a `Resources:` key at the start of a line (after a BOM on the
// first), in a flow mapping (`{Resources: ...}`), or in quotes (`"Resources": ...`, any
// depth: JSON's layout says nothing about it). An indented block key is nested, so false.
// Only a filter: the caller still checks the parsed top level.
bool looks_like_template(std::string_view bytes);

// Expands the command line's paths. "-" is stdin; no path at all means ".". Directories are
// walked recursively (following symlinks, each directory once), skipping hidden directories
// and node_modules. Results are sorted within each directory for a deterministic order.
// A directory holding a CDK cloud assembly becomes one assembly input (its templates are not
// walked as loose files); so does the output directory a cdk.json names. A directory named
// on the command line that holds a manifest.json is read as an assembly even when the
// manifest is broken JSON (so the user hears why), but not when it is JSON of another kind
// (a web app manifest); a file named manifest.json inside an assembly stands for its
// assembly. A file or assembly reached more than once (by the same canonical path) is listed
// once, where it first appears. A directory that cannot be listed or searched is a ToolError
// naming it; the rest of the walk goes on.
Discovery discover(const std::vector<std::string>& paths);

// Reads a whole regular file or stdin. Returns false with a message for anything else (a
// directory, a FIFO, a device, an unreadable or vanished file, a file over `max_bytes`).
bool read_input(const Input& input, std::size_t max_bytes, std::string& bytes, std::string& error);

}  // namespace stacklint
