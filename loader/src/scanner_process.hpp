// One running seam-plugin-scanner, seen from the loader: started in a process group of its own
// with its answer channel, its stdout and stderr captured, stdin from /dev/null and default signal
// handling; ended by killing its whole group, so no child a plugin left behind outlives the scan
// or holds a pipe of the host's open.
#pragma once

#if !defined(_WIN32)

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seam::detail {

class ScannerProcess {
 public:
  // Starts SCANNER with ARGS (after argv[0]; the answer descriptor and the parent pid are added).
  // Throws ScannerUnavailable when it cannot be started.
  ScannerProcess(const std::filesystem::path& scanner, std::vector<std::string> args);
  ~ScannerProcess();
  ScannerProcess(const ScannerProcess&) = delete;
  ScannerProcess& operator=(const ScannerProcess&) = delete;

  struct Message {
    pid_t sender = 0;
    std::string text;
  };
  enum class Event { message, end_of_answers, exited, deadline };

  // Waits until DEADLINE for the next message, the scanner's end or the deadline itself; output the
  // scanner writes meanwhile is captured. After `exited`, messages still queued are returned first.
  Event wait(std::chrono::steady_clock::time_point deadline, Message& message);

  pid_t pid() const noexcept { return pid_; }
  // How the scanner ended, once `exited` was returned or after kill_group().
  int status() const noexcept { return status_; }
  // Kills the scanner's group (the scanner and everything a plugin started) and reaps the scanner.
  void kill_group();

  // The captured output after the last MARKER given to forget_output_until() (all of it while that
  // marker has not arrived), after reading what is pending.
  const std::string& output();
  void forget_output_until(std::string marker);

 private:
  bool reap(bool block);
  void read_output();
  bool receive(Message& message, bool block);

  pid_t pid_ = -1;
  int answers_ = -1;
  int output_fd_ = -1;
  int pidfd_ = -1;
  bool answers_open_ = true;
  bool reaped_ = false;
  bool group_killed_ = false;
  int status_ = 0;
  std::string output_;
  std::string pending_marker_;
};

}  // namespace seam::detail

#endif
