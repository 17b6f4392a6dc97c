// libFuzzer entry point for stacklint::fuzz::lint (see tests/fuzz/targets.hpp).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    stacklint::fuzz::lint(data, size);
    return 0;
}
