// The HTTP service ("seam.http/1") through the C API: seam_loader_http_*, a thin layer over
// seam::http::OnDemandHttpService, so a C or Python host maps libcurl only when a plugin first
// makes a request. It travels with the HTTP service's library, not the loader's.
#include <atomic>
#include <exception>
#include <memory>
#include <new>

#include <seam/seam_loader.h>
#include <seam/loader/options.hpp>

#include <on_demand_http_service.hpp>

struct seam_loader_http {
  std::atomic<bool> cancel{false};
  std::unique_ptr<seam::http::OnDemandHttpService> service;
};

namespace {

seam::http::HttpServiceOptions options_of(const seam_loader_http_options* in,
                                          const std::atomic<bool>* cancel) {
  using O = seam_loader_http_options;
  seam::http::HttpServiceOptions out;
  out.cancel = cancel;
  if (in == nullptr) return out;
  out.reuse_connections = !(SEAM_HAS_FIELD(in, O, no_connection_reuse) && in->no_connection_reuse);
  if (SEAM_HAS_FIELD(in, O, capture_file) && in->capture_file && *in->capture_file) {
    out.capture_file = in->capture_file;
  }
  if (SEAM_HAS_FIELD(in, O, secrets)) {
    for (const char* const* s = in->secrets; s != nullptr && *s != nullptr; ++s) {
      out.secrets.emplace_back(*s);
    }
  }
  if (SEAM_HAS_FIELD(in, O, ca_bundle) && in->ca_bundle) out.ca_bundle = in->ca_bundle;
  if (SEAM_HAS_FIELD(in, O, user_agent) && in->user_agent && *in->user_agent) {
    out.user_agent = in->user_agent;
  }
  if (SEAM_HAS_FIELD(in, O, default_connect_timeout_ms) && in->default_connect_timeout_ms != 0) {
    out.default_connect_timeout_ms = in->default_connect_timeout_ms;
  }
  return out;
}

}  // namespace

extern "C" {

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_http_create(const seam_loader_http_options* options,
                                                          seam_loader_http** out_http,
                                                          seam_loader_error* error) {
  if (out_http == nullptr) {
    return seam_loader_error_set(error, SEAM_E_INVALID_ARGUMENT, "InvalidArgumentError",
                                 "seam_loader_http_create: out_http is NULL");
  }
  *out_http = nullptr;
  try {
    auto http = std::make_unique<seam_loader_http>();
    http->service = std::make_unique<seam::http::OnDemandHttpService>(
        seam::http_module_file(), options_of(options, &http->cancel));
    *out_http = http.release();
    return seam_loader_error_set(error, SEAM_OK, "", "");
  } catch (const std::bad_alloc&) {
    return seam_loader_error_set(error, SEAM_E_NO_MEMORY, "OutOfMemoryError", "out of memory");
  } catch (const std::exception& e) {
    return seam_loader_error_set(error, SEAM_E_INTERNAL, "HttpServiceError", e.what());
  }
}

SEAM_LOADER_API const void* SEAM_CALL seam_loader_http_table(const seam_loader_http* http) {
  return http != nullptr ? static_cast<const void*>(http->service->table()) : nullptr;
}

SEAM_LOADER_API void SEAM_CALL seam_loader_http_cancel_all(seam_loader_http* http, uint32_t on) {
  if (http != nullptr) http->cancel = on != 0;
}

SEAM_LOADER_API void SEAM_CALL seam_loader_http_destroy(seam_loader_http* http) {
  delete http;
}

}  // extern "C"
