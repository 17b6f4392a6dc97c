// libFuzzer entry point for stacklint::fuzz::fix (see tests/fuzz/targets.hpp).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    stacklint::fuzz::fix(data, size);
    return 0;
}
