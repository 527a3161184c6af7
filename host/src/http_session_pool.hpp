// libcurl easy handles for the HTTP service. Reusing a handle keeps its open connections, so the
// next request to the same server skips the TCP (and TLS) handshake; bench/README.md has the
// measurements behind offering both modes.
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

#include <curl/curl.h>

namespace seam::host {

class EasyHandlePool {
 public:
  // With REUSE, released handles are kept (at most MAX_IDLE of them) and handed out again, reset
  // but with their connections; without it every request gets a fresh handle and a new connection.
  explicit EasyHandlePool(bool reuse, std::size_t max_idle = 8);
  ~EasyHandlePool();
  EasyHandlePool(const EasyHandlePool&) = delete;
  EasyHandlePool& operator=(const EasyHandlePool&) = delete;

  // A handle with default options; nullptr when libcurl is out of memory.
  CURL* acquire();
  // Gives HANDLE back (or cleans it up).
  void release(CURL* handle);

 private:
  bool reuse_;
  std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<CURL*> idle_;
};

// Holds one handle for the duration of a request.
class EasyHandleLease {
 public:
  explicit EasyHandleLease(EasyHandlePool& pool) : pool_(pool), handle_(pool.acquire()) {}
  ~EasyHandleLease() {
    if (handle_ != nullptr) pool_.release(handle_);
  }
  EasyHandleLease(const EasyHandleLease&) = delete;
  EasyHandleLease& operator=(const EasyHandleLease&) = delete;
  CURL* get() const noexcept { return handle_; }

 private:
  EasyHandlePool& pool_;
  CURL* handle_;
};

}  // namespace seam::host
