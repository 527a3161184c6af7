#include "process_state.hpp"

#include <dirent.h>
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
  s.threads_ = entries("/proc/self/task").size();
  s.handlers_.resize(NSIG);
  for (int sig = 1; sig < NSIG; ++sig) {
    struct sigaction action;
    if (::sigaction(sig, nullptr, &action) == 0) {
      s.handlers_[sig] = (action.sa_flags & SA_SIGINFO)
                             ? reinterpret_cast<void*>(action.sa_sigaction)
                             : reinterpret_cast<void*>(action.sa_handler);
    }
  }
  ::pthread_sigmask(SIG_SETMASK, nullptr, &s.mask_);
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
  for (int sig = 1; sig < NSIG; ++sig) {
    if (now.handlers_[sig] != handlers_[sig]) {
      return "changed the handler of signal " + std::to_string(sig);
    }
  }
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sigismember(&now.mask_, sig) != sigismember(&mask_, sig)) return "changed the signal mask";
  }
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
