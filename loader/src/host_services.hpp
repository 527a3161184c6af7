// The host side of seam_host: one instance per loaded plugin, so logs and cached clients are
// attributed to it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <seam/seam.h>
#include <seam/loader/options.hpp>

#include "activations.hpp"
#include "client_cache.hpp"
#include "dependency_resolver.hpp"

namespace seam::detail {

// What every plugin of one loader shares.
struct SharedServices {
  std::string host_version;
  // How messages name the host's options (LoaderOptions::names).
  OptionNames names;
  std::map<std::string, const void*> services;
  std::function<void(const std::string&, const std::string&)> usage_sink;
  DependencyResolver dependencies;
  Activations activations;
};

class HostServices {
 public:
  HostServices(std::string plugin_name, std::shared_ptr<SharedServices> shared);
  HostServices(const HostServices&) = delete;
  HostServices& operator=(const HostServices&) = delete;

  const seam_host* get() const noexcept { return &c_; }

 private:
  static void SEAM_CALL log(const seam_host* self, std::int32_t level, const char* message);
  static const void* SEAM_CALL get_service(const seam_host* self, const char* service_id);
  static std::int32_t SEAM_CALL require(const seam_host* self, const seam_dependency* dependency,
                                        seam_library** out_library, seam_error* error);
  static seam_proc SEAM_CALL symbol(const seam_host* self, seam_library* library, const char* name);
  static std::int32_t SEAM_CALL get_or_create(const seam_host* self, const char* key,
                                              seam_client_build_fn build,
                                              seam_client_destroy_fn destroy, void* build_ctx,
                                              void** out_client, seam_error* error);
  static void SEAM_CALL report_usage(const seam_host* self, const char* usage_json);

  static HostServices* from(const seam_host* self) noexcept;

  std::string plugin_name_;
  std::shared_ptr<SharedServices> shared_;
  ClientCache clients_;
  seam_host c_{};
};

}  // namespace seam::detail
