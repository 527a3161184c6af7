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
  // Kept between snapshots: a scanner takes two for every file.
  static std::vector<int> fds;
  open_descriptors(fds);
  s.descriptors_.reserve(fds.size());
  for (const int fd : fds) {
    struct stat st;
    if (::fstat(fd, &st) == 0)
      s.descriptors_.push_back({fd, Descriptor{st.st_dev, st.st_ino, st.st_mode}});
  }
  if (!read_status(s.threads_, s.blocked_, s.ignored_, s.caught_)) {
    // No /proc: every signal is asked, and the mask comes from the process itself.
    s.threads_ = 0;
    s.caught_ = ~std::uint64_t{0};
    sigset_t mask;
    ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
      if (sigismember(&mask, sig) == 1) s.blocked_ |= bit(sig);
    }
  }
  for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
    struct sigaction action;
    if ((s.caught_ & bit(sig)) && ::sigaction(sig, nullptr, &action) == 0) {
      s.handlers_[static_cast<std::size_t>(sig - 1)] =
          (action.sa_flags & SA_SIGINFO) ? reinterpret_cast<void*>(action.sa_sigaction)
                                         : reinterpret_cast<void*>(action.sa_handler);
    }
  }
  return s;
}

std::string ProcessState::difference(const ProcessState& now) const {
  if (now.threads_ > threads_) {
    return "left " + std::to_string(now.threads_ - threads_) + " thread(s) running";
  }
  if (now.cwd_ != cwd_) return "changed the working directory to '" + now.cwd_ + "'";
  if (now.environment_ != environment_) return "changed the environment";
  // Both sorted: one merge walk finds the first descriptor closed, replaced or left open.
  auto was = descriptors_.begin();
  auto is = now.descriptors_.begin();
  while (was != descriptors_.end() || is != now.descriptors_.end()) {
    if (is == now.descriptors_.end() || (was != descriptors_.end() && was->first < is->first))
      return "closed descriptor " + std::to_string(was->first);
    if (was == descriptors_.end() || is->first < was->first)
      return "left descriptor " + std::to_string(is->first) + " open";
    if (!(is->second == was->second)) return "replaced descriptor " + std::to_string(was->first);
    ++was;
    ++is;
  }
  for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
    const auto k = static_cast<std::size_t>(sig - 1);
    const bool same = ((now.ignored_ ^ ignored_) & bit(sig)) == 0 &&
                      ((now.caught_ ^ caught_) & bit(sig)) == 0 && now.handlers_[k] == handlers_[k];
    if (!same) return "changed the handler of signal " + std::to_string(sig);
  }
  if (now.blocked_ != blocked_) return "changed the signal mask";
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
