// The benchmark's streaming server: OpenAI chat completions over server-sent events on 127.0.0.1,
// written so that it is never what limits a run (bench/README.md measures its ceiling). One epoll
// loop per thread (--threads, default 1), non-blocking sockets, keep-alive, responses generated
// in slices as the socket takes them, so 256 streams of any length cost little memory.
//
//   seam-bench-sse-server [--threads K]
//
// Prints "PORT <n>" and serves POST .../chat/completions whose body names the model
// "numbered-S-N" or "tokens-N" (numbered_stream.hpp), and GET /stats: {"connections": n,
// "requests": m} so far (as the Python loopback server does); anything else gets a 404 or 400.
// Stops when its stdin closes, so it never outlives the benchmark that started it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "numbered_stream.hpp"

namespace {

using seam::bench::StreamSpec;
using seam::bench::StreamWriter;

constexpr std::size_t kSlice = 64 * 1024;             // generated ahead of the socket
constexpr std::size_t kMaxWritePerWake = 256 * 1024;  // then the next connection's turn
constexpr std::size_t kMaxRequest = 1 << 20;

std::atomic<long> connections_accepted{0};
std::atomic<long> requests_served{0};

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "sse_server: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

struct Connection {
  int fd = -1;
  std::string in;
  std::string out;
  std::size_t out_offset = 0;
  std::optional<StreamWriter> writer;  // while a stream is being written
  bool want_write = false;
};

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The value of header NAME (lower case) in HEAD, or empty.
std::string_view header(std::string_view head, std::string_view name) {
  std::size_t line = head.find("\r\n");
  while (line != std::string_view::npos && line + 2 < head.size()) {
    const std::size_t start = line + 2;
    const std::size_t end = head.find("\r\n", start);
    const std::string_view text = head.substr(start, end - start);
    line = end;
    if (text.size() <= name.size() || text[name.size()] != ':') continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) same = lower(text[i]) == name[i];
    if (!same) continue;
    std::string_view value = text.substr(name.size() + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
  }
  return {};
}

// The string value of "model" in a JSON body, found by a scan: the bench's clients send
// nlohmann's compact output, where it always appears as "model":"...".
std::string_view model_of(std::string_view body) {
  const std::size_t key = body.find("\"model\"");
  if (key == std::string_view::npos) return {};
  std::size_t at = body.find('"', body.find(':', key + 7));
  if (at == std::string_view::npos) return {};
  const std::size_t end = body.find('"', at + 1);
  if (end == std::string_view::npos) return {};
  return body.substr(at + 1, end - at - 1);
}

std::string json_response(int status, const char* reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

std::string error_response(int status, const char* reason, std::string_view message) {
  return json_response(status, reason,
                       std::string(R"({"error": {"message": ")") + std::string(message) + "\"}}");
}

class Loop {
 public:
  explicit Loop(int listener) : listener_(listener) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) die("epoll_create1");
    watch(listener_, EPOLLIN);
  }

  // Also watches stdin, whose end stops the process.
  void watch_stdin() { watch(STDIN_FILENO, EPOLLIN); }

  void run() {
    std::vector<epoll_event> events(512);
    while (true) {
      const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), -1);
      if (n < 0) {
        if (errno == EINTR) continue;
        die("epoll_wait");
      }
      for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<std::size_t>(i)].data.fd;
        const std::uint32_t what = events[static_cast<std::size_t>(i)].events;
        if (fd == listener_) {
          accept_all();
        } else if (fd == STDIN_FILENO) {
          char buffer[256];
          if (read(STDIN_FILENO, buffer, sizeof buffer) <= 0) std::_Exit(0);
        } else if (auto found = connections_.find(fd); found != connections_.end()) {
          Connection& c = *found->second;
          bool open = true;
          if (what & (EPOLLIN | EPOLLHUP | EPOLLERR)) open = on_readable(c);
          if (open && (what & EPOLLOUT)) open = flush(c);
          if (!open) close_connection(fd);
        }
      }
    }
  }

 private:
  void watch(int fd, std::uint32_t events) {
    epoll_event e{};
    e.events = events;
    e.data.fd = fd;
    if (epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &e) != 0) die("epoll_ctl");
  }

  void set_writing(Connection& c, bool on) {
    if (c.want_write == on) return;
    c.want_write = on;
    epoll_event e{};
    e.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    e.data.fd = c.fd;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &e);
  }

  void accept_all() {
    while (true) {
      const int fd = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;  // EAGAIN, or another thread took it
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      connections_accepted.fetch_add(1, std::memory_order_relaxed);
      auto c = std::make_unique<Connection>();
      c->fd = fd;
      watch(fd, EPOLLIN);
      connections_.emplace(fd, std::move(c));
    }
  }

  void close_connection(int fd) {
    epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    close(fd);
    connections_.erase(fd);
  }

  // Reads what arrived and starts the next response when a whole request is in. False when the
  // peer closed or the request cannot be served.
  bool on_readable(Connection& c) {
    char buffer[16 * 1024];
    while (true) {
      const ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
      if (n > 0) {
        c.in.append(buffer, static_cast<std::size_t>(n));
        if (c.in.size() > kMaxRequest) return false;
        continue;
      }
      if (n == 0) return false;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      if (errno == EINTR) continue;
      return false;
    }
    return start_next(c);
  }

  // When no response is being written and a whole request has arrived, starts its response.
  bool start_next(Connection& c) {
    if (c.writer || c.out_offset < c.out.size()) return true;
    const std::size_t head_end = c.in.find("\r\n\r\n");
    if (head_end == std::string::npos) return true;
    const std::string_view head(c.in.data(), head_end + 2);
    const std::string length_text(header(head, "content-length"));
    const std::size_t length =
        length_text.empty() ? 0 : std::strtoul(length_text.c_str(), nullptr, 10);
    if (length > kMaxRequest) return false;
    if (c.in.size() < head_end + 4 + length) return true;
    const std::string_view request_line = head.substr(0, head.find("\r\n"));
    const std::string_view body(c.in.data() + head_end + 4, length);
    const std::string model(model_of(body));
    const std::size_t path_end = request_line.rfind(' ');
    const std::string_view target = request_line.substr(0, path_end);
    c.out.clear();
    c.out_offset = 0;
    std::optional<StreamSpec> spec;
    requests_served.fetch_add(1, std::memory_order_relaxed);
    if (request_line == "GET /stats HTTP/1.1") {
      c.out = json_response(200, "OK",
                            "{\"connections\": " + std::to_string(connections_accepted.load()) +
                                ", \"requests\": " + std::to_string(requests_served.load()) + "}");
    } else if (request_line.substr(0, 5) != "POST " || target.size() < 17 ||
               target.substr(target.size() - 17) != "/chat/completions") {
      c.out = error_response(404, "Not Found", "only POST .../chat/completions is served");
    } else if (!(spec = seam::bench::parse_model_id(model))) {
      c.out = error_response(400, "Bad Request", "the model must be numbered-S-N or tokens-N");
    } else {
      c.out.append(seam::bench::stream_response_head());
      c.writer.emplace(*spec);
    }
    c.in.erase(0, head_end + 4 + length);
    return flush(c);
  }

  // Writes until the socket is full, the response is done, or this connection had its share of
  // this wake-up. False when the peer is gone.
  bool flush(Connection& c) {
    std::size_t written = 0;
    while (written < kMaxWritePerWake) {
      if (c.out_offset == c.out.size()) {
        c.out.clear();
        c.out_offset = 0;
        if (!c.writer || !c.writer->next(c.out, kSlice)) {
          c.writer.reset();
          set_writing(c, false);
          return start_next(c);  // a request that came in meanwhile
        }
      }
      const ssize_t n =
          send(c.fd, c.out.data() + c.out_offset, c.out.size() - c.out_offset, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_offset += static_cast<std::size_t>(n);
        written += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
    set_writing(c, true);
    return true;
  }

  int listener_;
  int epoll_ = -1;
  std::unordered_map<int, std::unique_ptr<Connection>> connections_;
};

int listen_on(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket");
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) die("bind");
  if (listen(fd, 4096) != 0) die("listen");
  return fd;
}

int port_of(int fd) {
  sockaddr_in address{};
  socklen_t size = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) die("getsockname");
  return ntohs(address.sin_port);
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      threads = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--threads K]\n", argv[0]);
      return 2;
    }
  }
  // Each thread has a listening socket of its own on the same port (SO_REUSEPORT): the kernel
  // spreads connections over them and no two loops share a connection.
  const int first = listen_on(0);
  const int port = port_of(first);
  std::vector<std::unique_ptr<Loop>> loops;
  loops.push_back(std::make_unique<Loop>(first));
  for (int i = 1; i < threads; ++i) loops.push_back(std::make_unique<Loop>(listen_on(port)));
  loops.front()->watch_stdin();
  std::printf("PORT %d\n", port);
  std::fflush(stdout);
  std::vector<std::thread> running;
  for (std::size_t i = 1; i < loops.size(); ++i) running.emplace_back([&, i] { loops[i]->run(); });
  loops.front()->run();
}
