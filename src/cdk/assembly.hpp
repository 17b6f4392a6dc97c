// CDK cloud assemblies (cdk.out): every stack of an app, with what the manifest knows about
// it — stack name, termination protection, dependencies, construct paths, annotations and,
// when synthesized with CDK_DEBUG=true, where the user's code created each construct.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "discover/discover.hpp"
#include "load/loader.hpp"
#include "model/stack.hpp"

namespace stacklint::cdk {

// The newest cloud-assembly schema major version stacklint knows the shape of. aws-cdk-lib
// raises the major often, and mostly adds to the schema, so a newer manifest is read as this
// version, with a warning.
inline constexpr int kNewestSchemaMajor = 55;

// What the manifest.json of a directory is.
enum class ManifestKind {
    None,      // there is no manifest.json
    Assembly,  // a cloud assembly: the `cdk.out` marker file CDK writes beside it, or a JSON
               // object with an "artifacts" or "runtime" key (well-formed or not); also a
               // manifest that does not parse but names "version" and "artifacts"
    Broken,    // a manifest.json that cannot be read or parsed as JSON
    Other,     // JSON of another kind (a web app manifest, ...)
};
ManifestKind manifest_kind(const std::filesystem::path& dir);

// A directory holding a cloud assembly (manifest_kind is Assembly).
bool is_cloud_assembly(const std::filesystem::path& dir);
// A directory named on the command line is read as an assembly also when its manifest.json
// is broken, so that the user hears why.
bool named_directory_is_assembly(const std::filesystem::path& dir);

// For a CDK project directory (one with cdk.json), the output directory cdk.json names
// ("output", default "cdk.out") when it holds a cloud assembly.
std::optional<std::filesystem::path> project_assembly(const std::filesystem::path& dir);

struct LoadedAssembly {
    std::vector<std::unique_ptr<Stack>> stacks;  // nested assemblies and nested stacks included
    std::vector<UnloadedStack> unloaded;         // declared, but not loaded (see `errors`)
    std::vector<ToolError> errors;
    std::vector<ToolError> warnings;  // read anyway: a newer schema version
};

struct AssemblyLimits {
    LoadLimits load;
    std::size_t max_file_bytes = std::size_t{64} * 1024 * 1024;
    std::size_t max_depth = 16;  // nested assemblies and nested stacks
};

// Whether a template file of the assembly (its path as opened) is excluded by configuration.
using TemplateFilter = std::function<bool(const std::string& path)>;

// Reads the assembly in `input.path` (shown as `input.display`). Never reads a file outside
// the assembly directory; a broken or unknown manifest is a tool error naming it. Stacks whose
// template `excluded` matches are loaded with Stack::excluded set.
LoadedAssembly load_assembly(const Input& input, const AssemblyLimits& limits,
                             const TemplateFilter& excluded = {});

// The first frame of a CDK creation stack trace that is the user's own code (not
// node_modules, aws-cdk-lib or Node itself), as "path:line:col"; empty when there is none.
std::string user_frame(const std::vector<std::string>& frames);

}  // namespace stacklint::cdk
