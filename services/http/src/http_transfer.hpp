// One HTTP exchange on one libcurl session: options, the streaming to the plugin's handler, and the
// mapping of libcurl's outcome to a Seam status with a message a user can act on.
//
// The transfer runs on a multi handle rather than curl_easy_perform so that the body reaches the
// plugin once per network wake-up: libcurl calls its write callback once per HTTP chunk, and a
// server that streams one chunk per token would otherwise cost the plugin (and, through it, the
// host) one call and one event per token even when dozens arrived in one read. Everything that
// arrived by the time libcurl has processed the socket goes to on_data in one piece, at once (the
// first bytes of a body go on their own, and a long pass is cut every 16 KiB, so coalescing never
// delays the first token).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include <curl/curl.h>
#include <seam/seam_http.h>

#include "http_capture.hpp"
#include "http_request.hpp"
#include "http_session_pool.hpp"

namespace seam::http {

struct TransferSettings {
  // A CA bundle to verify servers with instead of the system's; empty for the system's.
  std::string ca_bundle;
  std::string user_agent;
  // Polled at least every 100 ms while the transfer runs; true cancels it (Ctrl-C).
  const std::atomic<bool>* cancel = nullptr;
  // Used when the request's connect_timeout_ms is 0.
  std::uint32_t default_connect_timeout_ms = 10000;
  // False: no proxy at all, whatever http_proxy, HTTPS_PROXY or ALL_PROXY say.
  bool environment_proxies = true;
};

struct TransferResult {
  std::int32_t status = SEAM_OK;
  std::string message;  // empty on SEAM_OK
};

// Runs REQUEST on SESSION (whose easy handle must be fresh or reset), streaming the response to
// HANDLER. When CAPTURE is not null it is filled with everything the exchange carried.
TransferResult run_transfer(CurlSession& session, const HttpRequest& request,
                            const seam_http_handler& handler, const TransferSettings& settings,
                            CapturedExchange* capture);

}  // namespace seam::http
