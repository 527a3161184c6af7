#include "on_demand_http_service.hpp"

#include <dlfcn.h>

#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>

#include "http_capture.hpp"
#include "http_module.hpp"

namespace seam::http {

struct OnDemandHttpService::Impl {
  Impl(std::filesystem::path module_file, HttpServiceOptions opts)
      : module(std::move(module_file)), options(std::move(opts)), capture(open_capture(options)) {
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
    Impl& me = *static_cast<Impl*>(self->host_ctx);
    // Once, whichever request comes first; the others wait for it.
    std::call_once(me.once, [&me] { me.start(); });
    if (me.started == nullptr) return seam_error_set(error, me.failure, me.why.c_str());
    const seam_http_service* curl = me.started->table();
    return curl->perform(curl, request, handler, error);
  }

  // Never throws: a failure is kept in FAILURE and WHY for every request to report.
  void start() noexcept try {
    const std::string file = module.string();
    const std::string remedy =
        "; that file holds the HTTP service's libcurl implementation and is installed with Seam, "
        "beside seam-plugin-scanner: reinstall Seam (and libcurl, Debian's libcurl4, if the "
        "message names it)";
    if (module.empty()) {
      failure = SEAM_E_MISSING_DEPENDENCY;
      why =
          "the HTTP service's module seam-http-curl.so cannot be found: the loader cannot tell "
          "where its own file is" +
          remedy;
      return;
    }
    // Never closed: libcurl and its TLS library do not expect to be unloaded. Bound lazily, as
    // libraries linked at start-up are: binding every symbol of libcurl's thirty-odd libraries up
    // front would cost milliseconds.
    void* handle = ::dlopen(file.c_str(), RTLD_LAZY | RTLD_LOCAL);
    if (handle == nullptr) {
      // dlerror() starts with the file's name when the file itself is the problem.
      const char* raw = ::dlerror();
      std::string detail = raw ? raw : "unknown error";
      if (detail.rfind(file + ": ", 0) == 0) detail.erase(0, file.size() + 2);
      failure = SEAM_E_MISSING_DEPENDENCY;
      why = "cannot load " + file + " (" + detail + ")" + remedy;
      return;
    }
    void* symbol = ::dlsym(handle, kModuleEntry);
    if (symbol == nullptr) {
      failure = SEAM_E_MISSING_DEPENDENCY;
      why = file + " is not Seam's HTTP service module: it does not export " +
            std::string(kModuleEntry) + remedy;
      return;
    }
    ModuleEntry entry = nullptr;
    static_assert(sizeof(entry) == sizeof(symbol), "function and data pointers differ in size");
    std::memcpy(&entry, &symbol, sizeof(entry));
    std::string error;
    started.reset(entry(options, std::move(capture), error));
    if (started == nullptr) {
      failure = SEAM_E_INTERNAL;
      why = "the HTTP service could not start: " + error;
    }
  } catch (...) {
    failure = SEAM_E_NO_MEMORY;
    why = "the HTTP service could not start: out of memory";
  }

  std::filesystem::path module;
  HttpServiceOptions options;
  std::unique_ptr<CaptureFile> capture;
  std::once_flag once;
  std::unique_ptr<StartedHttpService> started;
  std::int32_t failure = SEAM_OK;
  std::string why;
  seam_http_service table{};
};

OnDemandHttpService::OnDemandHttpService(std::filesystem::path module, HttpServiceOptions options)
    : impl_(std::make_unique<Impl>(std::move(module), std::move(options))) {}

OnDemandHttpService::~OnDemandHttpService() = default;

const seam_http_service* OnDemandHttpService::table() const noexcept {
  return &impl_->table;
}

}  // namespace seam::http
