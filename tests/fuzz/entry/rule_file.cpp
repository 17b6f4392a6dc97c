// libFuzzer entry point for stacklint::fuzz::rule_file (see tests/fuzz/targets.hpp).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    stacklint::fuzz::rule_file(data, size);
    return 0;
}
