#include "http_session_pool.hpp"

namespace seam::http {

namespace {

void destroy(CurlSession session) {
  if (session.easy != nullptr) curl_easy_cleanup(session.easy);
  if (session.multi != nullptr) curl_multi_cleanup(session.multi);
}

}  // namespace

CurlSessionPool::CurlSessionPool(bool reuse, std::size_t max_idle)
    : reuse_(reuse), max_idle_(max_idle) {}

CurlSessionPool::~CurlSessionPool() {
  for (CurlSession session : idle_) destroy(session);
}

CurlSession CurlSessionPool::acquire() {
  if (reuse_) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      CurlSession session = idle_.back();
      idle_.pop_back();
      // Options go back to their defaults; the multi handle keeps its open connections.
      curl_easy_reset(session.easy);
      return session;
    }
  }
  CurlSession session{curl_multi_init(), curl_easy_init()};
  if (session.multi == nullptr || session.easy == nullptr) {
    destroy(session);
    return {};
  }
  return session;
}

void CurlSessionPool::release(CurlSession session) {
  if (reuse_) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(session);
      return;
    }
  }
  destroy(session);
}

}  // namespace seam::http
