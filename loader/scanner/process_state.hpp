// What a plugin's register could leave behind in the scanner and that would change what the next
// plugin sees: children, threads, the working directory, the environment, descriptors, signal
// dispositions and mask. The scanner compares a snapshot taken before scanning with the state after
// each file; any difference makes it stop so that the loader starts a fresh scanner.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace seam::scanner {

class ProcessState {
 public:
  static ProcessState capture();

  // How NOW differs from this snapshot ("" when it does not), in words for a log line.
  std::string difference(const ProcessState& now) const;

 private:
  struct Descriptor {
    dev_t dev;
    ino_t ino;
    mode_t mode;
    bool operator==(const Descriptor& o) const {
      return dev == o.dev && ino == o.ino && mode == o.mode;
    }
  };

  std::string cwd_;
  std::vector<std::string> environment_;
  std::map<int, Descriptor> descriptors_;
  std::size_t threads_ = 0;
  std::vector<void*> handlers_;  // per signal number
  sigset_t mask_{};
};

// Counts forks made in this process (pthread_atfork), and true when some child process exists
// (living or not yet reaped; the scanner is a subreaper, so orphaned grandchildren count too).
unsigned long forks_so_far() noexcept;
bool has_children() noexcept;
// Installs the fork counter; CHILD runs in every child a plugin forks.
void watch_forks(void (*child)());

}  // namespace seam::scanner
