#include "http_handle_pool.hpp"

namespace seam::host {

EasyHandlePool::EasyHandlePool(bool reuse, std::size_t max_idle)
    : reuse_(reuse), max_idle_(max_idle) {}

EasyHandlePool::~EasyHandlePool() {
  for (CURL* handle : idle_) curl_easy_cleanup(handle);
}

CURL* EasyHandlePool::acquire() {
  if (reuse_) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      CURL* handle = idle_.back();
      idle_.pop_back();
      // Options go back to their defaults; live connections and the DNS cache stay.
      curl_easy_reset(handle);
      return handle;
    }
  }
  return curl_easy_init();
}

void EasyHandlePool::release(CURL* handle) {
  if (reuse_) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(handle);
}

}  // namespace seam::host
