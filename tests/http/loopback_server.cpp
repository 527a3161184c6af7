#include "loopback_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace seam::test {

namespace {

constexpr const char* kScript = SEAM_HTTP_TEST_DIR "/loopback_server.py";

// Reads one line from FD, waiting at most TIMEOUT in total.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string line;
  char c = 0;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("the loopback server did not print its port");
    pollfd p{fd, POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t n = read(fd, &c, 1);
    if (n <= 0) throw std::runtime_error("the loopback server exited before printing its port");
    if (c == '\n') return line;
    line += c;
  }
}

}  // namespace

LoopbackServer::LoopbackServer() : LoopbackServer(Options{}) {}

LoopbackServer::LoopbackServer(const Options& options) : tls_(options.tls) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
  std::vector<std::string> args = {SEAM_PYTHON,  kScript,
                                   "--lifetime", std::to_string(options.lifetime_seconds),
                                   "--api-key",  options.api_key};
  if (options.tls) {
    args.insert(args.end(), {"--tls", SEAM_HTTP_TEST_DIR "/tls/loopback-cert.pem",
                             SEAM_HTTP_TEST_DIR "/tls/loopback-key.pem"});
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  if (error != 0) {
    close(out[0]);
    close(stdin_fd_);
    throw std::runtime_error(std::string("cannot start the loopback server: ") +
                             std::strerror(error));
  }
  std::string line;
  try {
    line = read_line(out[0], std::chrono::seconds(20));
  } catch (...) {
    close(out[0]);
    stop();
    throw;
  }
  close(out[0]);
  if (line.rfind("PORT ", 0) != 0) throw std::runtime_error("loopback server said: " + line);
  port_ = std::stoi(line.substr(5));
}

LoopbackServer::~LoopbackServer() {
  stop();
}

void LoopbackServer::stop() noexcept {
  if (stdin_fd_ >= 0) close(stdin_fd_);  // the server stops when its stdin closes
  stdin_fd_ = -1;
  if (pid_ <= 0) return;
  for (int i = 0; i < 50; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string LoopbackServer::url(std::string_view path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) +
         std::string(path);
}

int unused_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot find an unused port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

std::string loopback_certificate() {
  return SEAM_HTTP_TEST_DIR "/tls/loopback-cert.pem";
}

}  // namespace seam::test
