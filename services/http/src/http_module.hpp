// Between "seam.http/1" as the seam command and libseam-loader's C API offer it
// (OnDemandHttpService, no libcurl) and the module that holds its libcurl implementation
// (seam-http-curl.so), opened at the first request. Both sides are built from these sources in one
// build and installed together, so this is a C++ interface, not an ABI: a module from another build
// is not supported.
#pragma once

#include <memory>
#include <string>

#include <seam/seam_http.h>
#include <seam/http_service.hpp>

#include "http_capture.hpp"

namespace seam::http {

// The running service; deleting it stops it (the module itself stays loaded).
class StartedHttpService {
 public:
  virtual ~StartedHttpService() = default;
  virtual const seam_http_service* table() const noexcept = 0;
};

// The module's one export: starts libcurl and the service for OPTIONS, with CAPTURE (already open,
// or null) receiving every exchange. On failure returns null with ERROR said.
using ModuleEntry = StartedHttpService* (*)(const HttpServiceOptions& options,
                                            std::unique_ptr<CaptureFile> capture,
                                            std::string& error) noexcept;
inline constexpr char kModuleEntry[] = "seam_http_module_start";

}  // namespace seam::http
