#include "client_cache.hpp"

namespace seam::detail {

ClientCache::~ClientCache() {
  for (auto it = creation_order_.rbegin(); it != creation_order_.rend(); ++it) {
    Entry& entry = entries_[*it];
    if (entry.destroy) entry.destroy(entry.client);
  }
}

std::int32_t ClientCache::get_or_create(const std::string& key, seam_client_build_fn build,
                                        seam_client_destroy_fn destroy, void* build_ctx,
                                        void** out_client, seam_error* error) {
  if (build == nullptr || out_client == nullptr) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "get_or_create: build and out_client are required");
  }
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    auto it = entries_.find(key);
    if (it == entries_.end()) break;
    if (it->second.ready) {
      *out_client = it->second.client;
      return SEAM_OK;
    }
    // Another thread is building this key: wait for it to succeed or give up.
    built_.wait(lock);
  }
  entries_.emplace(key, Entry{});
  lock.unlock();

  void* client = nullptr;
  std::int32_t status = build(build_ctx, &client, error);

  lock.lock();
  if (status == SEAM_OK) {
    Entry& entry = entries_[key];
    entry = Entry{true, client, destroy};
    creation_order_.push_back(key);
    *out_client = client;
  } else {
    entries_.erase(key);
  }
  lock.unlock();
  built_.notify_all();
  return status;
}

}  // namespace seam::detail
