// Shared helpers for the test suite.
#pragma once

#include <catch2/catch.hpp>

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
