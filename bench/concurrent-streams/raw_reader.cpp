#include "raw_reader.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace seam::bench {

namespace {

constexpr std::size_t kMaxHead = 4096;

int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error(std::string("raw reader: cannot connect: ") + std::strerror(errno));
  }
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Where a response is.
struct Progress {
  std::string head;  // until the blank line that ends the headers
  bool in_body = false;
  std::size_t body = 0;
  bool done = false;
};

}  // namespace

RawReader::RawReader(int port, const std::string& path, const std::vector<StreamSpec>& streams)
    : epoll_(epoll_create1(EPOLL_CLOEXEC)), buffer_(256 * 1024) {
  if (epoll_ < 0) throw std::runtime_error("epoll_create1 failed");
  for (std::size_t i = 0; i < streams.size(); ++i) {
    const std::string body = chat_body(streams[i].model_id());
    requests_.push_back("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body);
    body_sizes_.push_back(stream_body_size(streams[i]));
    sockets_.push_back(connect_to(port));
    epoll_event e{};
    e.events = EPOLLIN;
    e.data.u64 = i;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, sockets_.back(), &e);
  }
}

RawReader::~RawReader() {
  for (int fd : sockets_) close(fd);
  close(epoll_);
}

std::vector<StreamOutcome> RawReader::run_round() {
  const Clock::time_point start = Clock::now();
  std::vector<Progress> progress(sockets_.size());
  std::vector<StreamOutcome> outcomes(sockets_.size());
  for (std::size_t i = 0; i < sockets_.size(); ++i) {
    // A request of a few hundred bytes always fits an empty socket buffer.
    if (send(sockets_[i], requests_[i].data(), requests_[i].size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(requests_[i].size())) {
      throw std::runtime_error("raw reader: send failed");
    }
  }
  std::vector<epoll_event> events(512);
  std::size_t left = sockets_.size();
  while (left > 0) {
    const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 10000);
    if (n == 0) throw std::runtime_error("raw reader: the server went quiet");
    for (int k = 0; k < n; ++k) {
      const std::size_t i = events[static_cast<std::size_t>(k)].data.u64;
      Progress& p = progress[i];
      const ssize_t got = recv(sockets_[i], buffer_.data(), buffer_.size(), MSG_DONTWAIT);
      if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (got <= 0 || p.done) throw std::runtime_error("raw reader: the connection broke");
      std::size_t body = static_cast<std::size_t>(got);
      if (!p.in_body) {
        // Only the head is kept: copying the body would make this reader slower than it must be.
        const std::size_t kept = std::min(body, kMaxHead);
        p.head.append(buffer_.data(), kept);
        const std::size_t end = p.head.find("\r\n\r\n");
        if (end == std::string::npos) {
          if (p.head.size() >= kMaxHead) throw std::runtime_error("raw reader: no end of head");
          continue;
        }
        if (p.head.rfind("HTTP/1.1 200", 0) != 0) {
          throw std::runtime_error("raw reader: " + p.head.substr(0, p.head.find('\r')));
        }
        p.in_body = true;
        body = p.head.size() - end - 4 + (body - kept);
        outcomes[i].first_token_ms = ms_between(start, Clock::now());
      }
      p.body += body;
      if (p.body > body_sizes_[i]) throw std::runtime_error("raw reader: a body too long");
      if (p.body == body_sizes_[i]) {
        p.done = true;
        outcomes[i].end_ms = ms_between(start, Clock::now());
        --left;
      }
    }
  }
  return outcomes;
}

}  // namespace seam::bench
