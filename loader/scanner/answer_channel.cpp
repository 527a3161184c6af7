#include "answer_channel.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "scanner_protocol.hpp"

namespace seam::scanner {

namespace {

int answer_fd = -1;
dev_t answer_dev = 0;
ino_t answer_ino = 0;
volatile sig_atomic_t forked_child = 0;

// A descriptor number far above what a plugin opens or loops over when it touches "its" files.
int high_descriptor_floor() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur < 64) return 10;
  const rlim_t floor = limit.rlim_cur > 1024 ? 1000 : limit.rlim_cur - 24;
  return static_cast<int>(floor);
}

void on_stop_signal(int sig, siginfo_t* info, void*) {
  // Raised by the plugin itself (raise, kill(getpid())): die of it, so the plugin is blamed.
  if (info == nullptr || info->si_pid == ::getpid()) {
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  char message[32] = "interrupted ";
  std::size_t n = std::strlen(message);
  if (sig >= 10) message[n++] = static_cast<char>('0' + sig / 10);
  message[n++] = static_cast<char>('0' + sig % 10);
  if (answer_fd >= 0) (void)::send(answer_fd, message, n, MSG_NOSIGNAL);
  ::_exit(128 + sig);
}

}  // namespace

bool open_answer_channel(int fd, std::string& why) {
  const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, high_descriptor_floor());
  if (high < 0) {
    why = std::string("cannot move the answer descriptor: ") + std::strerror(errno);
    return false;
  }
  ::close(fd);
  struct stat st;
  if (::fstat(high, &st) != 0 || !S_ISSOCK(st.st_mode)) {
    why = "the answer descriptor is not a socket";
    ::close(high);
    return false;
  }
  answer_fd = high;
  answer_dev = st.st_dev;
  answer_ino = st.st_ino;
  return true;
}

bool answer_channel_intact() noexcept {
  struct stat st;
  return answer_fd >= 0 && ::fstat(answer_fd, &st) == 0 && st.st_dev == answer_dev &&
         st.st_ino == answer_ino;
}

bool send_answer(std::string_view message) noexcept {
  for (;;) {
    ssize_t n = ::send(answer_fd, message.data(), message.size(), MSG_NOSIGNAL);
    if (n == static_cast<ssize_t>(message.size())) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

bool receive_request(std::string& request) {
  static char buffer[seam::detail::scanner_protocol::kMaxMessage];
  for (;;) {
    const ssize_t n = ::recv(answer_fd, buffer, sizeof buffer, MSG_TRUNC);
    if (n < 0 && errno == EINTR) continue;
    // A request longer than any the loader sends is none of its own.
    if (n <= 0 || static_cast<std::size_t>(n) > sizeof buffer) return false;
    request.assign(buffer, static_cast<std::size_t>(n));
    return true;
  }
}

void forget_answer_channel_in_child() noexcept {
  forked_child = 1;
  if (answer_fd >= 0) ::close(answer_fd);
  answer_fd = -1;
}

bool in_forked_child() noexcept {
  return forked_child != 0;
}

void answer_stop_signals() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_sigaction = on_stop_signal;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) ::sigaction(sig, &action, nullptr);
}

}  // namespace seam::scanner
