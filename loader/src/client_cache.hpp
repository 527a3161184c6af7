// One plugin's client cache behind seam_host.get_or_create: one client per key, built once even
// under concurrent first calls, destroyed in reverse creation order when the cache goes.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <seam/seam.h>

namespace seam::detail {

class ClientCache {
 public:
  ClientCache() = default;
  ClientCache(const ClientCache&) = delete;
  ClientCache& operator=(const ClientCache&) = delete;
  ~ClientCache();

  // See seam_host.get_or_create. A build that fails caches nothing, so a later call tries again;
  // a build must not ask for its own key.
  std::int32_t get_or_create(const std::string& key, seam_client_build_fn build,
                             seam_client_destroy_fn destroy, void* build_ctx, void** out_client,
                             seam_error* error);

 private:
  struct Entry {
    bool ready = false;
    void* client = nullptr;
    seam_client_destroy_fn destroy = nullptr;
  };

  std::mutex mutex_;
  std::condition_variable built_;
  std::map<std::string, Entry> entries_;  // an entry that is not ready is being built
  std::vector<std::string> creation_order_;
};

}  // namespace seam::detail
