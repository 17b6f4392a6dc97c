// libFuzzer entry point for stacklint::fuzz::json_loader (see tests/fuzz/targets.hpp).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    stacklint::fuzz::json_loader(data, size);
    return 0;
}
