// Runs a program the way a user's shell would, capturing stdout, stderr and the exit code.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seam::test {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when the child was killed by a signal
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string stdin_text;
  // Runs the child here; a temp dir keeps a stray ./seam.toml from leaking in.
  std::optional<std::filesystem::path> cwd;
  // Variables to set (value) or remove (nullopt) on top of this process's environment.
  std::map<std::string, std::optional<std::string>> env;
  // stderr into stdout's pipe, as a shell's `2>&1`: everything lands in `out`, in order.
  bool merge_stderr = false;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// How a process ended after run_interrupted sent it SIGINT.
struct InterruptedRun {
  ProcessResult result;
  std::chrono::milliseconds after_signal{0};  // how long it took to exit after the signal
};

// Starts ARGV with stdin from /dev/null and stdout/stderr in files under DIR, sends SIGINT once
// READY(stdout so far) is true (asked every 5 ms, for at most 10 s) and waits for the end; a
// process that ignores the signal is killed after 10 s (exit code 128 + 9), so the test fails.
InterruptedRun run_interrupted(const std::vector<std::string>& argv,
                               const std::filesystem::path& dir,
                               const std::function<bool(const std::string& out)>& ready);

}  // namespace seam::test
