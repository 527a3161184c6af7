#include "curl_service.hpp"

#include <cstdlib>
#include <stdexcept>

#include <curl/curl.h>

#include "http_request.hpp"

namespace seam::http {

namespace {

// curl_global_init is not safe to race with other libcurl calls: do it once, first, and never
// undo it (other code in the process may use libcurl too).
bool start_libcurl() {
  static const bool started = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return started;
}

// Runs before the members are built: the pool's handles need libcurl started.
HttpServiceOptions started(HttpServiceOptions options) {
  // libcurl's TLS backend reads SSLKEYLOGFILE when it starts and would then write every session's
  // keys where the caller chose: in secure mode the variable is gone before libcurl starts.
  if (options.secure) ::unsetenv("SSLKEYLOGFILE");
  if (!start_libcurl()) throw std::runtime_error("libcurl could not be initialised");
  return options;
}

}  // namespace

CurlService::CurlService(HttpServiceOptions options, std::unique_ptr<CaptureFile> capture)
    : options_(started(std::move(options))),
      redactor_(options_.secrets),
      pool_(options_.reuse_connections),
      capture_(std::move(capture)) {
  settings_.ca_bundle = options_.ca_bundle;
  settings_.user_agent = options_.user_agent;
  settings_.cancel = options_.cancel;
  settings_.default_connect_timeout_ms = options_.default_connect_timeout_ms;
  settings_.environment_proxies = !options_.secure;
  table_.struct_size = sizeof(table_);
  table_.host_ctx = this;
  table_.perform = &CurlService::perform;
}

std::int32_t SEAM_CALL CurlService::perform(const seam_http_service* self,
                                            const seam_http_request* request,
                                            const seam_http_handler* handler, seam_error* error) {
  if (self == nullptr || self->host_ctx == nullptr) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "perform: self is not the service");
  }
  // Called from plugin code: nothing may throw out of here.
  try {
    return static_cast<CurlService*>(self->host_ctx)->run(request, handler, error);
  } catch (const std::bad_alloc&) {
    return seam_error_set(error, SEAM_E_NO_MEMORY, "perform: out of memory");
  } catch (const std::exception& e) {
    return seam_error_set(error, SEAM_E_INTERNAL, e.what());
  } catch (...) {
    return seam_error_set(error, SEAM_E_INTERNAL, "perform: unknown failure");
  }
}

std::int32_t CurlService::run(const seam_http_request* request, const seam_http_handler* handler,
                              seam_error* error) {
  HttpRequest parsed;
  if (auto problem = read_request(request, parsed)) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, problem->c_str());
  }
  if (handler == nullptr || handler->struct_size < offsetof(seam_http_handler, on_response)) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "perform: handler is NULL or its struct_size is too small; set it to "
                          "sizeof(seam_http_handler)");
  }
  CurlSessionLease lease(pool_);
  if (lease.get().easy == nullptr) {
    return seam_error_set(error, SEAM_E_NO_MEMORY, "perform: libcurl is out of memory");
  }
  CapturedExchange exchange;
  exchange.started = std::chrono::system_clock::now();
  TransferResult result =
      run_transfer(lease.get(), parsed, *handler, settings_, capture_ ? &exchange : nullptr);
  if (capture_) capture_->append(exchange);
  if (result.status != SEAM_OK) {
    // The message may quote the URL, which may carry a key in its query.
    const std::string message = redactor_.redact(result.message, parsed.secret_values);
    return seam_error_set(error, result.status, message.c_str());
  }
  return SEAM_OK;
}

}  // namespace seam::http
