// What a plugin's register could leave behind in the scanner and that would change what the next
// plugin sees: children, threads, the working directory, the environment, descriptors, signal
// dispositions and mask. The scanner compares a snapshot taken before scanning with the state after
// each file; any difference makes it stop so that the loader starts a fresh scanner.
//
// A snapshot is taken after every file, so it is cheap: thread count, signal mask and which signals
// are ignored or caught come from one read of /proc/self/status, and only the few caught signals
// are asked for their handler (asking all 64 cost more than loading and registering a plugin).
#pragma once

#include <sys/types.h>

#include <cstdint>
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
  // Bit N-1 stands for signal N.
  std::uint64_t blocked_ = 0;
  std::uint64_t ignored_ = 0;
  std::uint64_t caught_ = 0;
  std::map<int, void*> handlers_;  // of the caught signals
};

// Counts forks made in this process (pthread_atfork), and true when some child process exists
// (living or not yet reaped; the scanner is a subreaper, so orphaned grandchildren count too).
unsigned long forks_so_far() noexcept;
bool has_children() noexcept;
// Installs the fork counter; CHILD runs in every child a plugin forks.
void watch_forks(void (*child)());

}  // namespace seam::scanner
