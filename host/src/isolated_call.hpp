// Running a piece of work in a forked child, so that a crash or a hang in plugin code is reported
// instead of suffered. POSIX only.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace seam::host {

struct IsolatedOutcome {
  bool finished = false;   // the child exited normally
  int exit_code = 0;       // when finished
  int signal = 0;          // when killed by a signal (not by our timeout)
  bool timed_out = false;  // we killed it after the timeout
  std::string output;      // what BODY returned, as far as it got

  // "crashed with SIGSEGV (Segmentation fault)", "exited with code 3", "timed out after 2 s".
  std::string describe(std::chrono::milliseconds timeout) const;
};

// Runs BODY in a child process and returns its result string through a pipe. The child exits with
// 0 after BODY returns and with 70 if BODY throws.
IsolatedOutcome run_isolated(const std::function<std::string()>& body,
                             std::chrono::milliseconds timeout);

}  // namespace seam::host
