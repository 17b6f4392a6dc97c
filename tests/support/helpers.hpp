// Shared helpers for the test suite.
#pragma once

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "lint/engine.hpp"
#include "load/loader.hpp"

namespace stacklint::test {

// Loads text as if it were the file `name` (the name picks YAML or JSON).
Document load_text(const std::string& name, const std::string& text);

// Lints text as the only template of a run.
LintResult lint_text(const std::string& name, const std::string& text);

// Path of a file in the source tree.
std::string source_path(const std::string& relative);

// Runs the stacklint binary with a shell command line of arguments; returns the exit code and
// fills stdout (stderr is merged in when `merge_stderr`).
int run_stacklint(const std::string& args, std::string& output, bool merge_stderr = false);
// The same, run in the directory `dir` (relative paths and configuration lookup start there).
int run_stacklint_in(const std::string& dir, const std::string& args, std::string& output,
                     bool merge_stderr = false);

// Runs the stacklint binary as run_stacklint does (stderr merged in), but so that file
// permissions bind it. Root reads every file through CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH, so as root the child drops both from its capability bounding set
// before it runs stacklint (they cannot come back with exec). Returns -1 and says why in
// `why_not` when that is not possible here.
int run_stacklint_bound_by_permissions(const std::string& args, std::string& output,
                                       std::string& why_not);

// A file's bytes, whole (empty when it cannot be read).
std::string read_file(const std::string& path);

// The JSON a YAML node means, with plain scalars typed the way YAML's core schema types them.
nlohmann::json yaml_to_json(const Node& node);

// Runs a shell command, stdout and stderr into `output`; returns its exit code.
int run_command(const std::string& command, std::string& output);

// Whether /usr/bin/python3 can import jsonschema (python3-jsonschema).
bool have_jsonschema();

// The exit code of validating `yaml` (converted to JSON) against the JSON Schema at `schema`
// (relative to the source tree), with jsonschema's messages in `output`.
int schema_verdict(const std::string& name, const std::string& yaml, const std::string& schema,
                   std::string& output);

// Writes a file into a fresh temporary directory that lives as long as the process.
std::string temp_dir();
std::string write_temp(const std::string& name, const std::string& content);

}  // namespace stacklint::test

namespace Catch {
template <>
struct StringMaker<stacklint::Mark> {
    static std::string convert(const stacklint::Mark& m) {
        return std::to_string(m.line) + ":" + std::to_string(m.column);
    }
};
}  // namespace Catch
