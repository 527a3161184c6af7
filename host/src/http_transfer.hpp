// One HTTP exchange on one libcurl easy handle: options, the streaming callbacks, and the mapping
// of libcurl's outcome to a Seam status with a message a user can act on.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include <curl/curl.h>
#include <seam/seam_http.h>

#include "http_capture.hpp"
#include "http_request.hpp"

namespace seam::host {

struct TransferSettings {
  // A CA bundle to verify servers with instead of the system's; empty for the system's.
  std::string ca_bundle;
  std::string user_agent;
  // Polled while the transfer runs; true cancels it (Ctrl-C).
  const std::atomic<bool>* cancel = nullptr;
  // Used when the request's connect_timeout_ms is 0.
  std::uint32_t default_connect_timeout_ms = 10000;
};

struct TransferResult {
  std::int32_t status = SEAM_OK;
  std::string message;  // empty on SEAM_OK
};

// Runs REQUEST on HANDLE (which must be fresh or reset), streaming the response to HANDLER. When
// CAPTURE is not null it is filled with everything the exchange carried.
TransferResult run_transfer(CURL* handle, const HttpRequest& request,
                            const seam_http_handler& handler, const TransferSettings& settings,
                            CapturedExchange* capture);

}  // namespace seam::host
