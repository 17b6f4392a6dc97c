// Generators of hostile inputs for the adversarial suite (and bench/adversarial.sh). They
// build the bytes in memory, so nothing huge is committed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace stacklint::test::adversarial {

struct GeneratedInput {
    std::string file_name;  // what to call it on disk (the extension picks the format)
    std::string bytes;
};

// A small valid template with one known finding (T007 at 2:3), linted beside every hostile
// input to show that one bad file hides nothing of the others.
std::string good_template();

std::string yaml_block_nesting(std::size_t depth);       // a:\n- - - ... x (block sequences)
std::string yaml_flow_sequences(std::size_t depth);      // a: [[[...]]]
std::string yaml_flow_mappings(std::size_t depth);       // a: {a: {a: ...}}
std::string json_arrays(std::size_t depth);              // [[[...]]]
std::string json_objects(std::size_t depth);             // {"a":{"a":...}}
std::string yaml_billion_laughs(std::size_t levels);     // 10^levels nodes by aliases
std::string template_of_bytes(std::size_t bytes);        // a valid YAML template of about that size
std::string json_single_line(std::size_t bytes);         // a valid JSON template on one line
std::string template_with_resources(std::size_t n);      // n SNS topics
std::string template_with_named_buckets(std::size_t n);  // versioned, named: 3 findings each
std::string yaml_long_key(std::size_t length);           // a property name of that length
std::string json_long_key(std::size_t length);
std::string yaml_long_value(std::size_t length);  // a property value of that length
std::string json_sub_variables(std::size_t n);    // one Fn::Sub with n variables and n placeholders
std::string yaml_nested_if(std::size_t depth);    // Fn::If inside Fn::If ...
// n resources whose properties depend on many conditions: 12 parameters with two allowed
// values each, 48 conditions built on them with Fn::And/Or/Not, and per resource Fn::If on
// 8 conditions (every 2^12 fact combination to analyse; too many scenarios to validate each)
// or on 5 (32 scenarios, each validated): the most work the per-scenario validation does.
std::string template_with_conditions(std::size_t n);

// Every generator at the size the suite uses, for benchmarks that want the files on disk.
std::vector<GeneratedInput> all_inputs();

}  // namespace stacklint::test::adversarial
