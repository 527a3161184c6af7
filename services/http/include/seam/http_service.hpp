// The host's HTTP service, "seam.http/1" (sdk/include/seam/seam_http.h), on libcurl. One object
// serves every plugin; put table() into LoaderOptions::services and keep the object alive for as
// long as the loader and its workers.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <seam/seam_http.h>

namespace seam::http {

struct HttpServiceOptions {
  // Reuse easy handles (and so connections) between requests; false opens a new connection for
  // every request. See bench/README.md.
  bool reuse_connections = true;
  // Append one JSON line per exchange here (`seam run --capture FILE`).
  std::optional<std::filesystem::path> capture_file;
  // Values to redact from captures and error messages, e.g. the configured API keys.
  std::vector<std::string> secrets;
  // Set to true to cancel every running request (Ctrl-C); polled at least once a second.
  const std::atomic<bool>* cancel = nullptr;
  // A CA bundle that replaces the system's for server verification (SEAM_CA_BUNDLE); empty for the
  // system's. Verification itself is always on.
  std::string ca_bundle;
  std::string user_agent = "seam";
  // Used when a request leaves connect_timeout_ms at 0.
  std::uint32_t default_connect_timeout_ms = 10000;
  // Secure mode (seam/loader/security.hpp): libcurl's environment-driven behaviour that could
  // leak or redirect is off: SSLKEYLOGFILE is removed from the environment before libcurl starts,
  // and proxies from http_proxy/HTTPS_PROXY/ALL_PROXY are not used.
  bool secure = false;
};

class HttpService {
 public:
  // Throws std::runtime_error when libcurl cannot start or the capture file cannot be opened.
  explicit HttpService(HttpServiceOptions options = {});
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  // The C table handed to plugins.
  const seam_http_service* table() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seam::http
