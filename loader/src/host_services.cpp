#include "host_services.hpp"

#include <cstring>

#include "log.hpp"

namespace seam::detail {

HostServices::HostServices(std::string plugin_name, std::shared_ptr<SharedServices> shared)
    : plugin_name_(std::move(plugin_name)), shared_(std::move(shared)) {
  c_.struct_size = sizeof(seam_host);
  c_.api_version = SEAM_API_VERSION;
  c_.host_ctx = this;
  c_.host_version = shared_->host_version.c_str();
  c_.log = &HostServices::log;
  c_.get_service = &HostServices::get_service;
  c_.require = &HostServices::require;
  c_.symbol = &HostServices::symbol;
  c_.get_or_create = &HostServices::get_or_create;
  c_.report_usage = &HostServices::report_usage;
}

HostServices* HostServices::from(const seam_host* self) noexcept {
  return self ? static_cast<HostServices*>(self->host_ctx) : nullptr;
}

// Every entry point below is called from plugin code: nothing may throw out of it.

void SEAM_CALL HostServices::log(const seam_host* self, std::int32_t level, const char* message) {
  HostServices* host = from(self);
  if (!host || !message) return;
  try {
    detail::log().log(to_spdlog_level(level), "[{}] {}", host->plugin_name_, message);
  } catch (...) {
  }
}

const void* SEAM_CALL HostServices::get_service(const seam_host* self, const char* service_id) {
  HostServices* host = from(self);
  if (!host || !service_id) return nullptr;
  try {
    auto it = host->shared_->services.find(service_id);
    return it == host->shared_->services.end() ? nullptr : it->second;
  } catch (...) {
    return nullptr;
  }
}

std::int32_t SEAM_CALL HostServices::require(const seam_host* self,
                                             const seam_dependency* dependency,
                                             seam_library** out_library, seam_error* error) {
  HostServices* host = from(self);
  if (!host || !dependency || !dependency->name || !out_library) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "require: dependency (with a name) and out_library are required");
  }
  try {
    DependencyInfo info = copy_dependency(*dependency);
    std::string why;
    DynLib* library = host->shared_->dependencies.require(info, why);
    if (!library) {
      std::string message =
          missing_dependency_message("Plugin '" + host->plugin_name_ + "'", info, why);
      return seam_error_set(error, SEAM_E_MISSING_DEPENDENCY, message.c_str());
    }
    *out_library = reinterpret_cast<seam_library*>(library);
    return SEAM_OK;
  } catch (...) {
    return seam_error_set(error, SEAM_E_NO_MEMORY, "require: out of memory");
  }
}

seam_proc SEAM_CALL HostServices::symbol(const seam_host*, seam_library* library,
                                         const char* name) {
  if (!library || !name) return nullptr;
  void* address = reinterpret_cast<DynLib*>(library)->symbol(name);
  // Data and function pointers have the same size on every platform Seam supports.
  seam_proc proc = nullptr;
  static_assert(sizeof(proc) == sizeof(address), "function and data pointers differ in size");
  std::memcpy(&proc, &address, sizeof(proc));
  return proc;
}

std::int32_t SEAM_CALL HostServices::get_or_create(const seam_host* self, const char* key,
                                                   seam_client_build_fn build,
                                                   seam_client_destroy_fn destroy, void* build_ctx,
                                                   void** out_client, seam_error* error) {
  HostServices* host = from(self);
  if (!host || !key)
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "get_or_create: key is required");
  try {
    return host->clients_.get_or_create(key, build, destroy, build_ctx, out_client, error);
  } catch (...) {
    return seam_error_set(error, SEAM_E_NO_MEMORY, "get_or_create: out of memory");
  }
}

void SEAM_CALL HostServices::report_usage(const seam_host* self, const char* usage_json) {
  HostServices* host = from(self);
  if (!host || !usage_json) return;
  try {
    if (host->shared_->usage_sink) {
      host->shared_->usage_sink(host->plugin_name_, usage_json);
    } else {
      detail::log().debug("[{}] usage {}", host->plugin_name_, usage_json);
    }
  } catch (...) {
  }
}

}  // namespace seam::detail
