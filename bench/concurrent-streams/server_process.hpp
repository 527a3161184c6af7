// A streaming server started as a child process for the benchmark's lifetime: the C++ epoll
// server (sse_server.cpp) or the tests' Python loopback server, both of which print "PORT <n>"
// and stop when their stdin closes.
#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

namespace seam::bench {

class ServerProcess {
 public:
  // ARGV[0] is the program to run.
  explicit ServerProcess(std::vector<std::string> argv);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const noexcept { return port_; }
  // "http://127.0.0.1:PORT" + PATH.
  std::string url(const std::string& path) const;
  // CPU time (user + system, all threads) the server has used so far, in milliseconds.
  double cpu_ms() const;
  // The connections the server has accepted so far, from its GET /stats (which comes on a
  // connection of its own, counted).
  long connections() const;

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
};

}  // namespace seam::bench
