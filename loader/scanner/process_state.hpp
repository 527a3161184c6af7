// What a plugin's register could leave behind in the scanner and that would change what the next
// plugin sees: children, threads, the working directory, the environment, descriptors, signal
// dispositions and mask. The scanner compares a snapshot taken before scanning with the state after
// each file; any difference makes it stop so that the loader starts a fresh scanner.
//
// A snapshot is taken after every file, so it is cheap: thread count, signal mask and which signals
// are ignored or caught come from one read of /proc/self/status, and only the few caught signals
// are asked for their handler (asking all 64 cost more than loading and registering a plugin).
// It also allocates next to nothing (the environment as one text, the descriptors as one sorted
// array, the handlers in a fixed table): a copy of every variable and a map node per descriptor
// cost more than the dlopen of a small plugin.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace seam::scanner {

class ProcessState {
 public:
  static ProcessState capture();

  // How the process differs now from this snapshot ("" when it does not), in words for a log
  // line. It compares as it reads, building no second snapshot.
  std::string difference_from_now() const;

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
  std::string environment_;                              // every NAME=VALUE, each ended by '\0'
  std::vector<std::pair<int, Descriptor>> descriptors_;  // sorted by descriptor
  std::size_t threads_ = 0;
  // Bit N-1 stands for signal N.
  std::uint64_t blocked_ = 0;
  std::uint64_t ignored_ = 0;
  std::uint64_t caught_ = 0;
  std::array<void*, 64> handlers_{};  // of the caught signals; index N-1 for signal N
};

// Counts forks made in this process (pthread_atfork), and true when some child process exists
// (living or not yet reaped; the scanner is a subreaper, so orphaned grandchildren count too).
unsigned long forks_so_far() noexcept;
bool has_children() noexcept;
// Installs the fork counter; CHILD runs in every child a plugin forks.
void watch_forks(void (*child)());

}  // namespace seam::scanner
