#include "process_state.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace seam::scanner {

namespace {

std::atomic<unsigned long> forks{0};

void count_fork() {
  forks.fetch_add(1);
}

std::string current_directory() {
  std::vector<char> buffer(4096);
  while (::getcwd(buffer.data(), buffer.size()) == nullptr) {
    if (errno != ERANGE) return "(unknown: " + std::string(std::strerror(errno)) + ")";
    buffer.resize(buffer.size() * 2);
  }
  return buffer.data();
}

// Entries of a /proc folder, without "." and "..".
std::vector<std::string> entries(const char* folder) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(folder);
  if (dir == nullptr) return names;
  while (const dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
      names.emplace_back(e->d_name);
  }
  ::closedir(dir);
  return names;
}

std::uint64_t bit(int sig) {
  return std::uint64_t{1} << (sig - 1);
}

// The thread count and the blocked, ignored and caught signals from /proc/self/status (one read
// instead of a system call per signal); false when it cannot be read.
bool read_status(std::size_t& threads, std::uint64_t& blocked, std::uint64_t& ignored,
                 std::uint64_t& caught) {
  const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    // The file comes whole in one read; a short one that was not is caught below (a field is
    // missing, and every signal is asked instead).
    if (static_cast<std::size_t>(n) < sizeof buffer) break;
  }
  ::close(fd);
  int found = 0;
  auto field = [&](const char* name, int base) -> unsigned long long {
    const std::string key = std::string("\n") + name + ":";
    const std::size_t at = text.find(key);
    if (at == std::string::npos) return 0;
    ++found;
    return std::strtoull(text.c_str() + at + key.size(), nullptr, base);
  };
  threads = static_cast<std::size_t>(field("Threads", 10));
  blocked = field("SigBlk", 16);
  ignored = field("SigIgn", 16);
  caught = field("SigCgt", 16);
  return found == 4;
}

void* handler_of(const std::map<int, void*>& handlers, int sig) {
  const auto it = handlers.find(sig);
  return it == handlers.end() ? nullptr : it->second;
}

}  // namespace

ProcessState ProcessState::capture() {
  ProcessState s;
  s.cwd_ = current_directory();
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) s.environment_.emplace_back(*e);
  // The listing's own descriptor shows up in it and is closed again: every snapshot skips it the
  // same way by fstat'ing only what is still open afterwards.
  for (const std::string& name : entries("/proc/self/fd")) {
    const int fd = std::atoi(name.c_str());
    struct stat st;
    if (::fstat(fd, &st) == 0) s.descriptors_[fd] = Descriptor{st.st_dev, st.st_ino, st.st_mode};
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
      s.handlers_[sig] = (action.sa_flags & SA_SIGINFO)
                             ? reinterpret_cast<void*>(action.sa_sigaction)
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
  for (const auto& [fd, d] : descriptors_) {
    auto it = now.descriptors_.find(fd);
    if (it == now.descriptors_.end()) return "closed descriptor " + std::to_string(fd);
    if (!(it->second == d)) return "replaced descriptor " + std::to_string(fd);
  }
  for (const auto& [fd, d] : now.descriptors_) {
    if (!descriptors_.count(fd)) return "left descriptor " + std::to_string(fd) + " open";
  }
  for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
    const bool same = ((now.ignored_ ^ ignored_) & bit(sig)) == 0 &&
                      ((now.caught_ ^ caught_) & bit(sig)) == 0 &&
                      handler_of(now.handlers_, sig) == handler_of(handlers_, sig);
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
