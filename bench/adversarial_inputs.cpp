// Writes the adversarial suite's large generated inputs (tests/adversarial/inputs.cpp) into a
// directory, one file each, for bench/adversarial.sh to time.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "adversarial/inputs.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: bench_adversarial_inputs DIR\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << "bench_adversarial_inputs: " << dir.string() << ": " << ec.message() << "\n";
        return 2;
    }
    for (const auto& input : stacklint::test::adversarial::all_inputs()) {
        std::ofstream out(dir / input.file_name, std::ios::binary | std::ios::trunc);
        out.write(input.bytes.data(), static_cast<std::streamsize>(input.bytes.size()));
        if (!out) {
            std::cerr << "bench_adversarial_inputs: cannot write " << input.file_name << "\n";
            return 2;
        }
    }
    return 0;
}
