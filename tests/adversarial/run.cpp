#include "adversarial/run.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

#include "support/helpers.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define STACKLINT_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STACKLINT_TEST_ASAN 1
#endif
#endif

namespace stacklint::test {

bool built_with_asan() {
#ifdef STACKLINT_TEST_ASAN
    return true;
#else
    return false;
#endif
}

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void limit(int resource, rlim_t value) {
    const rlimit r{value, value};
    ::setrlimit(resource, &r);
}

}  // namespace

RunResult run_limited(const std::vector<std::string>& args, const RunLimits& limits) {
    static int counter = 0;
    const std::string base =
        temp_dir() + "/run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const std::string out_path = base + ".out", err_path = base + ".err";

    std::vector<std::string> argv_store{STACKLINT_BINARY};
    argv_store.insert(argv_store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_store)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        // Child: only async-signal-safe calls from here to exec.
        const int in =
            ::open(limits.stdin_file.empty() ? "/dev/null" : limits.stdin_file.c_str(), O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0) ::_exit(126);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (!limits.cwd.empty() && ::chdir(limits.cwd.c_str()) != 0) ::_exit(126);
        if (!built_with_asan()) limit(RLIMIT_AS, rlim_t{limits.address_space_mb} << 20);
        limit(RLIMIT_CPU, limits.cpu_seconds);
        limit(RLIMIT_CORE, 0);
        if (limits.as_nobody && ::geteuid() == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(126);
        }
        ::setenv("NO_COLOR", "1", 1);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }

    RunResult result;
    rusage usage{};
    int status = 0;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(limits.wall_seconds);
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            result.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    result.peak_rss_kb = usage.ru_maxrss;
    result.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    std::remove(out_path.c_str());
    std::remove(err_path.c_str());
    return result;
}

}  // namespace stacklint::test
