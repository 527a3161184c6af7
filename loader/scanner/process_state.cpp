#include "process_state.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

extern char** environ;

namespace seam::scanner {

namespace {

std::atomic<unsigned long> forks{0};

void count_fork() {
  forks.fetch_add(1);
}

std::string current_directory() {
  char path[4096];
  if (::getcwd(path, sizeof path) != nullptr) return path;
  std::vector<char> buffer(sizeof path);
  while (::getcwd(buffer.data(), buffer.size()) == nullptr) {
    if (errno != ERANGE) return "(unknown: " + std::string(std::strerror(errno)) + ")";
    buffer.resize(buffer.size() * 2);
  }
  return buffer.data();
}

// /proc/self/fd and /proc/self/status, opened once and read again for every snapshot: opening a
// /proc file costs more than reading it. They are descriptors of the scanner like any other, so a
// plugin that closes or replaces them is noticed by the descriptor check.
int open_once(int& fd, const char* path, int flags) {
  if (fd < 0) fd = ::open(path, flags | O_RDONLY | O_CLOEXEC);
  return fd;
}
int fd_folder = -1;
int status_file = -1;

// Fills OUT with the descriptors listed in /proc/self/fd (its own among them), in ascending order.
void open_descriptors(std::vector<int>& out) {
  out.clear();
  const int dir = open_once(fd_folder, "/proc/self/fd", O_DIRECTORY);
  if (dir < 0 || ::lseek(dir, 0, SEEK_SET) != 0) return;
  alignas(8) char buffer[8192];
  for (;;) {
    const long n = ::syscall(SYS_getdents64, dir, buffer, sizeof buffer);
    if (n <= 0) break;
    for (long at = 0; at < n;) {
      const auto* entry = reinterpret_cast<const dirent64*>(buffer + at);
      if (entry->d_name[0] != '.') out.push_back(std::atoi(entry->d_name));
      at += entry->d_reclen;
    }
  }
  std::sort(out.begin(), out.end());
}

std::uint64_t bit(int sig) {
  return std::uint64_t{1} << (sig - 1);
}

// The thread count and the blocked, ignored and caught signals from /proc/self/status (one read
// instead of a system call per signal); false when it cannot be read.
bool read_status(std::size_t& threads, std::uint64_t& blocked, std::uint64_t& ignored,
                 std::uint64_t& caught) {
  const int fd = open_once(status_file, "/proc/self/status", 0);
  if (fd < 0) return false;
  char buffer[4096];
  // The file comes whole in one read from its start; one that did not is caught below (a field is
  // missing, and every signal is asked instead).
  ssize_t n;
  do {
    n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  buffer[n] = '\0';
  const std::string_view text(buffer, static_cast<std::size_t>(n));
  int found = 0;
  auto field = [&](std::string_view key, int base) -> unsigned long long {
    const std::size_t at = text.find(key);
    if (at == std::string_view::npos) return 0;
    ++found;
    return std::strtoull(buffer + at + key.size(), nullptr, base);
  };
  threads = static_cast<std::size_t>(field("\nThreads:", 10));
  blocked = field("\nSigBlk:", 16);
  ignored = field("\nSigIgn:", 16);
  caught = field("\nSigCgt:", 16);
  return found == 4;
}

// The thread count, blocked, ignored and caught signals, with every signal asked when /proc cannot
// be read (the mask then comes from the process itself).
void signal_state(std::size_t& threads, std::uint64_t& blocked, std::uint64_t& ignored,
                  std::uint64_t& caught) {
  if (read_status(threads, blocked, ignored, caught)) return;
  threads = 0;
  blocked = 0;
  ignored = 0;
  caught = ~std::uint64_t{0};
  sigset_t mask;
  ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
    if (sigismember(&mask, sig) == 1) blocked |= bit(sig);
  }
}

// The handler of SIG, or null when it cannot be asked.
void* handler_of(int sig) {
  struct sigaction action;
  if (::sigaction(sig, nullptr, &action) != 0) return nullptr;
  return (action.sa_flags & SA_SIGINFO) ? reinterpret_cast<void*>(action.sa_sigaction)
                                        : reinterpret_cast<void*>(action.sa_handler);
}

// The descriptors open now, listed again into a buffer kept between calls: the scanner asks after
// every file.
const std::vector<int>& descriptors_now() {
  static std::vector<int> fds;
  open_descriptors(fds);
  return fds;
}

}  // namespace

ProcessState ProcessState::capture() {
  // Both before the first listing, so that every snapshot lists them.
  open_once(fd_folder, "/proc/self/fd", O_DIRECTORY);
  open_once(status_file, "/proc/self/status", 0);
  ProcessState s;
  s.cwd_ = current_directory();
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    s.environment_ += *e;
    s.environment_ += '\0';
  }
  for (const int fd : descriptors_now()) {
    struct stat st;
    if (::fstat(fd, &st) == 0)
      s.descriptors_.push_back({fd, Descriptor{st.st_dev, st.st_ino, st.st_mode}});
  }
  signal_state(s.threads_, s.blocked_, s.ignored_, s.caught_);
  for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
    if (s.caught_ & bit(sig)) s.handlers_[static_cast<std::size_t>(sig - 1)] = handler_of(sig);
  }
  return s;
}

std::string ProcessState::difference_from_now() const {
  std::size_t threads = 0;
  std::uint64_t blocked = 0, ignored = 0, caught = 0;
  signal_state(threads, blocked, ignored, caught);
  if (threads > threads_) {
    return "left " + std::to_string(threads - threads_) + " thread(s) running";
  }
  if (const std::string now = current_directory(); now != cwd_) {
    return "changed the working directory to '" + now + "'";
  }
  // Entry by entry against the text the snapshot kept, without building a second copy.
  std::string_view kept = environment_;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (kept.size() <= entry.size() || kept.compare(0, entry.size(), entry) != 0 ||
        kept[entry.size()] != '\0') {
      return "changed the environment";
    }
    kept.remove_prefix(entry.size() + 1);
  }
  if (!kept.empty()) return "changed the environment";
  // Both sorted: one merge walk finds the first descriptor closed, replaced or left open.
  const std::vector<int>& fds = descriptors_now();
  auto was = descriptors_.begin();
  auto is = fds.begin();
  while (was != descriptors_.end() || is != fds.end()) {
    struct stat st;
    const bool open_now = is != fds.end() && ::fstat(*is, &st) == 0;
    if (is != fds.end() && !open_now) {
      ++is;  // listed, then closed: the listing's own descriptor, or one closed meanwhile
      continue;
    }
    if (is == fds.end() || (was != descriptors_.end() && was->first < *is))
      return "closed descriptor " + std::to_string(was->first);
    if (was == descriptors_.end() || *is < was->first)
      return "left descriptor " + std::to_string(*is) + " open";
    if (!(Descriptor{st.st_dev, st.st_ino, st.st_mode} == was->second))
      return "replaced descriptor " + std::to_string(was->first);
    ++was;
    ++is;
  }
  for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
    const auto k = static_cast<std::size_t>(sig - 1);
    const bool same = ((ignored ^ ignored_) & bit(sig)) == 0 &&
                      ((caught ^ caught_) & bit(sig)) == 0 &&
                      (!(caught & bit(sig)) || handler_of(sig) == handlers_[k]);
    if (!same) return "changed the handler of signal " + std::to_string(sig);
  }
  if (blocked != blocked_) return "changed the signal mask";
  return {};
}

unsigned long forks_so_far() noexcept {
  return forks.load();
}

bool has_children() noexcept {
  int status;
  // 0: children that have not ended; a pid: one that ended (now reaped); -1/ECHILD: none.
  return ::waitpid(-1, &status, WNOHANG) != -1 || errno != ECHILD;
}

void watch_forks(void (*child)()) {
  ::pthread_atfork(nullptr, count_fork, child);
}

}  // namespace seam::scanner
