// Runs the stacklint binary as a child process under resource limits, for inputs meant to
// exhaust something: memory (RLIMIT_AS), CPU time (RLIMIT_CPU) and, for a process that
// blocks without using CPU, a generous wall-clock guard that kills it. The limits only stop
// runaway processes; they are not timing assertions.
#pragma once

#include <string>
#include <vector>

namespace stacklint::test {

struct RunLimits {
    std::size_t address_space_mb = 4096;  // ignored under AddressSanitizer (its shadow memory)
    unsigned cpu_seconds = 300;
    unsigned wall_seconds = 600;
    bool as_nobody = false;  // when run as root: drop to uid/gid 65534 (permission tests)
    std::string stdin_file;  // empty: /dev/null
    std::string cwd;         // empty: inherit
};

struct RunResult {
    int exit_code = -1;  // -1 when killed by a signal
    int signal = 0;      // the signal that ended it, or 0
    bool timed_out = false;
    std::string out, err;  // stdout, stderr
    long peak_rss_kb = 0;  // from wait4()
    double cpu_seconds = 0;
};

RunResult run_limited(const std::vector<std::string>& args, const RunLimits& limits = {});

// True when this test binary (and so the stacklint it runs) is built with AddressSanitizer.
bool built_with_asan();

}  // namespace stacklint::test
