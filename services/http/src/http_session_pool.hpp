// libcurl handles for the HTTP service, one session (a multi handle driving one easy handle) per
// request at a time. The multi handle owns the connection cache, so reusing a session lets the next
// request to the same server skip the TCP (and TLS) handshake; bench/README.md has the
// measurements behind offering both modes.
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

#include <curl/curl.h>

namespace seam::http {

struct CurlSession {
  CURLM* multi = nullptr;
  CURL* easy = nullptr;
};

class CurlSessionPool {
 public:
  // With REUSE, released sessions are kept (at most MAX_IDLE of them) and handed out again, their
  // easy handle reset but their connections open; without it every request gets a fresh session
  // and a new connection. A session is only made when none is idle, so the pool never holds more
  // than the host once had in use at the same time: a host that streams 256 answers at once
  // finds its 256 connections open for the next 256 instead of opening all but a few again
  // (bench/README.md, concurrent streams).
  explicit CurlSessionPool(bool reuse, std::size_t max_idle = 256);
  ~CurlSessionPool();
  CurlSessionPool(const CurlSessionPool&) = delete;
  CurlSessionPool& operator=(const CurlSessionPool&) = delete;

  // A session whose easy handle has default options; {nullptr, nullptr} when libcurl is out of
  // memory.
  CurlSession acquire();
  // Gives SESSION back (or cleans it up).
  void release(CurlSession session);

 private:
  bool reuse_;
  std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<CurlSession> idle_;
};

// Holds one session for the duration of a request.
class CurlSessionLease {
 public:
  explicit CurlSessionLease(CurlSessionPool& pool) : pool_(pool), session_(pool.acquire()) {}
  ~CurlSessionLease() {
    if (session_.easy != nullptr) pool_.release(session_);
  }
  CurlSessionLease(const CurlSessionLease&) = delete;
  CurlSessionLease& operator=(const CurlSessionLease&) = delete;
  CurlSession& get() noexcept { return session_; }

 private:
  CurlSessionPool& pool_;
  CurlSession session_;
};

}  // namespace seam::http
