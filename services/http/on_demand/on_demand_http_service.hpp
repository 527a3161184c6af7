// "seam.http/1" as the seam command and libseam-loader's C API offer it: the same options and table
// as HttpService, but libcurl and its TLS stack are mapped only at the first request, from
// MODULE (the installation's seam-http-curl.so, seam::http_module_file()). A process that makes no
// request (`seam --version`, `seam plugins list`, a host whose plugins never call out) never loads
// them, whether or not its plugins asked for the service.
#pragma once

#include <filesystem>
#include <memory>

#include <seam/seam_http.h>
#include <seam/http_service.hpp>

namespace seam::http {

class OnDemandHttpService {
 public:
  // Opens OPTIONS.capture_file now (throws std::runtime_error naming it, as HttpService does), so a
  // path that cannot be written fails before any plugin runs; nothing else happens until a request.
  OnDemandHttpService(std::filesystem::path module, HttpServiceOptions options);
  ~OnDemandHttpService();
  OnDemandHttpService(const OnDemandHttpService&) = delete;
  OnDemandHttpService& operator=(const OnDemandHttpService&) = delete;

  // The table to offer as "seam.http/1". Its first perform loads MODULE and starts libcurl; when
  // that fails, that perform and every later one return the same error (SEAM_E_MISSING_DEPENDENCY
  // when MODULE cannot be loaded or is not the module) with a message naming the file and what to
  // do.
  const seam_http_service* table() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seam::http
