#include "isolated_call.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "write_all.hpp"

namespace seam::host {

std::string IsolatedOutcome::describe(std::chrono::milliseconds timeout) const {
  if (timed_out) {
    return "did not finish within " + std::to_string(timeout.count()) + " ms and was killed";
  }
  if (signal != 0) {
    const char* abbrev = sigabbrev_np(signal);
    return std::string("crashed with SIG") + (abbrev ? abbrev : std::to_string(signal)) + " (" +
           strsignal(signal) + ")";
  }
  return "exited with code " + std::to_string(exit_code);
}

IsolatedOutcome run_isolated(const std::function<std::string()>& body,
                             std::chrono::milliseconds timeout) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    int code = 0;
    try {
      const std::string text = body();
      write_all(fds[1], text.data(), text.size());
    } catch (...) {
      code = 70;
    }
    ::close(fds[1]);
    // _exit: the child must not run the parent's atexit handlers or flush its stdio buffers twice.
    ::_exit(code);
  }
  ::close(fds[1]);

  IsolatedOutcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      outcome.timed_out = true;
      break;
    }
    pollfd pfd{fds[0], POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // the loop head notices the deadline
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child closed its end (exited or crashed)
    outcome.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (outcome.timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!outcome.timed_out) {
    if (WIFEXITED(status)) {
      outcome.finished = true;
      outcome.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      outcome.signal = WTERMSIG(status);
    }
  }
  return outcome;
}

}  // namespace seam::host
