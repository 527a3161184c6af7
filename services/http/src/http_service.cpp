#include <seam/http_service.hpp>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>

#include "http_capture.hpp"
#include "http_request.hpp"
#include "http_session_pool.hpp"
#include "http_transfer.hpp"

namespace seam::http {

namespace {

// curl_global_init is not safe to race with other libcurl calls: do it once, first, and never
// undo it (other code in the process may use libcurl too).
bool start_libcurl() {
  static const bool started = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return started;
}

}  // namespace

struct HttpService::Impl {
  explicit Impl(HttpServiceOptions opts)
      : options(std::move(opts)), redactor(options.secrets), pool(options.reuse_connections) {
    if (options.capture_file) {
      capture = std::make_unique<CaptureFile>(*options.capture_file, redactor);
    }
    settings.ca_bundle = options.ca_bundle;
    settings.user_agent = options.user_agent;
    settings.cancel = options.cancel;
    settings.default_connect_timeout_ms = options.default_connect_timeout_ms;
    settings.environment_proxies = !options.secure;
    table.struct_size = sizeof(table);
    table.host_ctx = this;
    table.perform = &Impl::perform;
  }

  static std::int32_t SEAM_CALL perform(const seam_http_service* self,
                                        const seam_http_request* request,
                                        const seam_http_handler* handler, seam_error* error) {
    if (self == nullptr || self->host_ctx == nullptr) {
      return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "perform: self is not the service");
    }
    // Called from plugin code: nothing may throw out of here.
    try {
      return static_cast<Impl*>(self->host_ctx)->run(request, handler, error);
    } catch (const std::bad_alloc&) {
      return seam_error_set(error, SEAM_E_NO_MEMORY, "perform: out of memory");
    } catch (const std::exception& e) {
      return seam_error_set(error, SEAM_E_INTERNAL, e.what());
    } catch (...) {
      return seam_error_set(error, SEAM_E_INTERNAL, "perform: unknown failure");
    }
  }

  std::int32_t run(const seam_http_request* request, const seam_http_handler* handler,
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
    CurlSessionLease lease(pool);
    if (lease.get().easy == nullptr) {
      return seam_error_set(error, SEAM_E_NO_MEMORY, "perform: libcurl is out of memory");
    }
    CapturedExchange exchange;
    exchange.started = std::chrono::system_clock::now();
    TransferResult result =
        run_transfer(lease.get(), parsed, *handler, settings, capture ? &exchange : nullptr);
    if (capture) capture->append(exchange);
    if (result.status != SEAM_OK) {
      // The message may quote the URL, which may carry a key in its query.
      const std::string message = redactor.redact(result.message, parsed.secret_values);
      return seam_error_set(error, result.status, message.c_str());
    }
    return SEAM_OK;
  }

  HttpServiceOptions options;
  Redactor redactor;
  CurlSessionPool pool;
  std::unique_ptr<CaptureFile> capture;
  TransferSettings settings;
  seam_http_service table{};
};

HttpService::HttpService(HttpServiceOptions options) {
  // libcurl's TLS backend reads SSLKEYLOGFILE when it starts and would then write every session's
  // keys where the caller chose: in secure mode the variable is gone before libcurl starts.
  if (options.secure) ::unsetenv("SSLKEYLOGFILE");
  if (!start_libcurl()) throw std::runtime_error("libcurl could not be initialised");
  impl_ = std::make_unique<Impl>(std::move(options));
}

HttpService::~HttpService() = default;

const seam_http_service* HttpService::table() const noexcept {
  return &impl_->table;
}

}  // namespace seam::http
