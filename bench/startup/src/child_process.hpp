// Running other programs: the compilers that build the plugin set, the eager-floor child, the seam
// command and python3. POSIX only, like the benchmark.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "timing.hpp"

namespace seam::bench {

struct ChildOptions {
  std::filesystem::path cwd;  // empty: the driver's own
  // Variables to set (a value) or remove (nullopt) in the child's copy of the environment.
  std::map<std::string, std::optional<std::string>> env;
  bool capture_stdout = false;  // otherwise stdout goes to /dev/null
};

struct ChildResult {
  int exit_code = -1;   // -1 when it did not exit normally
  std::string out;      // stdout, when captured
  Sample time;          // wall: fork to reaping it; cpu: the child's own user + system time
  long max_rss_kb = 0;  // the child's peak resident set (getrusage's ru_maxrss), KiB
};

// Runs ARGV (argv[0] is looked up in PATH when it has no '/') and waits for it.
ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options = {});

// Runs COMMANDS with at most JOBS at a time; false when any failed (all are still waited for).
bool run_all(const std::vector<std::vector<std::string>>& commands, int jobs);

// The path of the running executable, to start it again in a child mode.
std::filesystem::path self_executable();

// The peak RSS (KiB) of ARGV run with OPTIONS, stdout to /dev/null. Linux keeps a process's peak
// across exec, so a child forked from this (large) driver would report the driver's size: this
// driver is started afresh as a small launcher (kPeakRssChildFlag) that runs ARGV and reports.
long peak_rss_kb(const std::vector<std::string>& argv, const ChildOptions& options);
// The launcher's side: runs argv[0..] and prints "<peak RSS KiB> <exit code>"; returns 0.
int peak_rss_child(char** argv);
inline constexpr const char* kPeakRssChildFlag = "--peak-rss-child";

}  // namespace seam::bench
