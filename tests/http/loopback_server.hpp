// The loopback server (loopback_server.py) as a test sees it: started on an ephemeral port of
// 127.0.0.1 for the test's lifetime, stopped (stdin closed, then SIGTERM) when it goes out of
// scope.
#pragma once

#include <string>
#include <string_view>

#include <sys/types.h>

namespace seam::test {

class LoopbackServer {
 public:
  struct Options {
    bool tls = false;  // serve HTTPS with tls/loopback-cert.pem (for IP 127.0.0.1 only)
    std::string api_key = "sk-loopback-secret";  // what "/secure" prefixes require
    int lifetime_seconds = 300;
  };

  LoopbackServer();
  explicit LoopbackServer(const Options& options);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const noexcept { return port_; }
  // "http://127.0.0.1:PORT" + PATH (https with tls).
  std::string url(std::string_view path = "") const;

 private:
  void stop() noexcept;

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
  bool tls_ = false;
};

// A port on 127.0.0.1 that nothing listens on (bound, then closed), for "connection refused".
int unused_port();

// The test certificate, usable as a CA bundle.
std::string loopback_certificate();

}  // namespace seam::test
