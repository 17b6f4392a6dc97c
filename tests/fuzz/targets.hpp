// The fuzz targets as plain functions: libFuzzer drives them through tests/fuzz/entry/*.cpp,
// and the test suite replays every input under tests/fuzz/regressions/<target>/ through them.
// Each returns normally for any input; a violated invariant aborts (tests/fuzz/invariants.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace stacklint::fuzz {

// The YAML loader (encoding check included, as the pipeline runs it).
void yaml_loader(const std::uint8_t* data, std::size_t size);
// The JSON loader.
void json_loader(const std::uint8_t* data, std::size_t size);
// Load, model, graph, every rule, suppressions and every report format on one template; the
// first byte picks YAML (even) or JSON (odd).
void lint(const std::uint8_t* data, std::size_t size);
// The lint target's template, then up to three rounds of --fix --unsafe-fixes: every edit
// inside the text, the chosen edits applicable, the fixed template as readable as before.
void fix(const std::uint8_t* data, std::size_t size);
// A cloud assembly whose manifest.json is the input, beside small real templates, then every
// rule over the stacks it yields.
void cdk_manifest(const std::uint8_t* data, std::size_t size);
// A declarative rule file: read and checked; when it is valid, each of its rules judges small
// templates (resources, parameters, outputs, Fn::If, lists, references, SAM) and every finding
// lies inside its template, with a message.
void rule_file(const std::uint8_t* data, std::size_t size);

}  // namespace stacklint::fuzz
