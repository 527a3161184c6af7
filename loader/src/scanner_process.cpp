#include "scanner_process.hpp"

#if !defined(_WIN32)

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "scanner_client.hpp"
#include "scanner_protocol.hpp"

extern char** environ;

namespace seam::detail {

namespace {

// The descriptor the scanner finds its answer channel on; it moves it higher itself.
constexpr int kAnswerFdInChild = 3;
// How much of a scanner's output is kept: the end is what explains a crash.
constexpr std::size_t kOutputKept = 8192;

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

int open_pidfd(pid_t pid) {
#if defined(SYS_pidfd_open)
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

ScannerProcess::ScannerProcess(const std::filesystem::path& scanner,
                               std::vector<std::string> args,
                               const std::vector<std::string>& requests) {
  int answer[2], output[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, answer) != 0) {
    throw ScannerUnavailable(std::string("socketpair: ") + std::strerror(errno));
  }
  const int on = 1;
  ::setsockopt(answer[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
  for (const std::string& request : requests) {
    if (::send(answer[0], request.data(), request.size(), MSG_NOSIGNAL | MSG_DONTWAIT) !=
        static_cast<ssize_t>(request.size())) {
      const int error = errno;
      ::close(answer[0]);
      ::close(answer[1]);
      throw ScannerUnavailable(std::string("cannot queue a request for the scanner: ") +
                               std::strerror(error));
    }
  }
  if (::pipe2(output, O_CLOEXEC) != 0) {
    ::close(answer[0]);
    ::close(answer[1]);
    throw ScannerUnavailable(std::string("pipe: ") + std::strerror(errno));
  }
  args.insert(args.begin(), {scanner.string(), "--answer-fd", std::to_string(kAnswerFdInChild),
                             "--parent", std::to_string(::getpid())});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output[1], STDERR_FILENO);
  posix_spawn_file_actions_adddup2(&actions, answer[1], kAnswerFdInChild);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  const int rc = ::posix_spawn(&pid_, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(answer[1]);
  ::close(output[1]);
  answers_ = answer[0];
  output_fd_ = output[0];
  if (rc != 0) {
    close_fd(answers_);
    close_fd(output_fd_);
    reaped_ = true;
    throw ScannerUnavailable("cannot start " + scanner.string() + ": " + std::strerror(rc));
  }
  ::fcntl(output_fd_, F_SETFL, ::fcntl(output_fd_, F_GETFL) | O_NONBLOCK);
  pidfd_ = open_pidfd(pid_);
}

ScannerProcess::~ScannerProcess() {
  kill_group();
  close_fd(answers_);
  close_fd(output_fd_);
  close_fd(pidfd_);
}

void ScannerProcess::kill_group() {
  // The group's id stays taken while it has members, even after its leader was reaped.
  if (pid_ > 0 && !group_killed_) ::kill(-pid_, SIGKILL);
  group_killed_ = true;
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    reap(true);
  }
}

bool ScannerProcess::reap(bool block) {
  if (reaped_) return true;
  for (;;) {
    const pid_t r = ::waitpid(pid_, &status_, block ? 0 : WNOHANG);
    if (r == pid_) break;
    if (r == 0) return false;
    if (errno == EINTR) continue;
    status_ = 0;  // reaped by someone else (SIGCHLD ignored): how it ended is unknown
    break;
  }
  reaped_ = true;
  return true;
}

void ScannerProcess::read_output() {
  char buffer[16384];
  while (output_fd_ >= 0) {
    const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
    if (n > 0) {
      const std::size_t searched =
          output_.size() >= pending_marker_.size() ? output_.size() - pending_marker_.size() : 0;
      output_.append(buffer, static_cast<std::size_t>(n));
      if (!pending_marker_.empty()) {
        const std::size_t at = output_.find(pending_marker_, searched);
        if (at != std::string::npos) {
          output_.erase(0, at + pending_marker_.size());
          pending_marker_.clear();
        }
      }
      if (output_.size() > 2 * kOutputKept) output_.erase(0, output_.size() - kOutputKept);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) close_fd(output_fd_);
    return;  // EAGAIN: nothing more for now
  }
}

void ScannerProcess::forget_output_until(std::string marker) {
  read_output();
  const std::size_t at = output_.find(marker);
  if (at != std::string::npos) {
    output_.erase(0, at + marker.size());
  } else {
    pending_marker_ = std::move(marker);
  }
}

const std::string& ScannerProcess::output() {
  read_output();
  if (output_.size() > kOutputKept) output_.erase(0, output_.size() - kOutputKept);
  return output_;
}

bool ScannerProcess::receive(Message& message, bool block) {
  char data[scanner_protocol::kMaxMessage];
  char control[CMSG_SPACE(sizeof(ucred))];
  for (;;) {
    iovec io{data, sizeof data};
    msghdr header{};
    header.msg_iov = &io;
    header.msg_iovlen = 1;
    header.msg_control = control;
    header.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(answers_, &header, block ? 0 : MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {
      answers_open_ = false;
      return false;
    }
    message.sender = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&header); c != nullptr; c = CMSG_NXTHDR(&header, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
        ucred credentials;
        std::memcpy(&credentials, CMSG_DATA(c), sizeof credentials);
        message.sender = credentials.pid;
      }
    }
    // A message cut short by MSG_TRUNC keeps its first bytes; the protocol check refuses it.
    message.text.assign(data, static_cast<std::size_t>(n));
    if (header.msg_flags & MSG_TRUNC) message.text += "\n(truncated)";
    return true;
  }
}

bool ScannerProcess::send(std::string_view request) {
  for (;;) {
    const ssize_t n = ::send(answers_, request.data(), request.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n == static_cast<ssize_t>(request.size())) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

void ScannerProcess::watch(std::vector<pollfd>& fds) {
  pid_slot_ = -1;
  if (pidfd_ >= 0 && !reaped_) {
    pid_slot_ = static_cast<int>(fds.size());
    fds.push_back(pollfd{pidfd_, POLLIN, 0});
  }
  answers_ready_ = output_ready_ = true;
}

std::optional<ScannerProcess::Event> ScannerProcess::next(const std::vector<pollfd>& fds,
                                                          Message& message) {
  if (pid_slot_ >= 0 && static_cast<std::size_t>(pid_slot_) < fds.size() &&
      fds[pid_slot_].revents) {
    end_ready_ = true;
  }
  pid_slot_ = -1;
  if (reaped_) {
    // Whatever the scanner said before it ended is still queued: it comes first.
    if (answers_open_ && receive(message, false)) return Event::message;
    return Event::exited;
  }
  if (output_ready_) {
    read_output();
    output_ready_ = false;
  }
  if (answers_ready_ && answers_open_) {
    if (receive(message, false)) return Event::message;
    answers_ready_ = false;
    if (!answers_open_) return Event::end_of_answers;
  }
  // Without a pidfd (old kernels) the scanner's end is noticed by asking each time.
  if (end_ready_ || pidfd_ < 0) {
    end_ready_ = false;
    if (reap(false)) return next(fds, message);
  }
  return std::nullopt;
}

}  // namespace seam::detail

#endif
