// One running seam-plugin-scanner, seen from the loader: started in a process group of its own
// with its channel, its stdout and stderr captured, stdin from /dev/null and default signal
// handling; ended by killing its whole group, so no child a plugin left behind outlives the scan
// or holds a pipe of the host's open. It never blocks: the scanner client waits on many at once
// with one poll (watch), then takes what each has (next).
#pragma once

#if !defined(_WIN32)

#include <poll.h>
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seam::detail {

class ScannerProcess {
 public:
  // Starts SCANNER with ARGS (after argv[0]; the channel's descriptor and the parent pid are
  // added), with REQUESTS already waiting on its channel when it starts. Throws
  // ScannerUnavailable when it cannot be started.
  ScannerProcess(const std::filesystem::path& scanner, std::vector<std::string> args,
                 const std::vector<std::string>& requests = {});
  ~ScannerProcess();
  ScannerProcess(const ScannerProcess&) = delete;
  ScannerProcess& operator=(const ScannerProcess&) = delete;

  struct Message {
    pid_t sender = 0;
    std::string text;
  };
  enum class Event { message, end_of_answers, exited };

  // Sends one request to the scanner; false when it cannot take it (it ended).
  bool send(std::string_view request);

  // Appends what tells of this scanner's end to FDS, for one poll over all scanners with a
  // timeout. Its answers and output are not waited on: a message sent to a loader that waits for
  // it costs the scanner a wakeup of the loader, and next() reads them after the poll anyway.
  void watch(std::vector<pollfd>& fds);
  // After that poll returned (FDS as it filled them): the next message, the end of the answers or
  // the scanner's exit, without waiting; nullopt when nothing more is there. Output the scanner
  // wrote is captured meanwhile. After `exited`, messages still queued are returned first.
  std::optional<Event> next(const std::vector<pollfd>& fds, Message& message);

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
  // Where watch() put the pidfd in the poll set (-1: not there), and what is still to be read
  // after that poll.
  int pid_slot_ = -1;
  bool answers_ready_ = false, output_ready_ = false, end_ready_ = false;
  std::string output_;
  std::string pending_marker_;
};

}  // namespace seam::detail

#endif
