// The host's "seam.http/1" service as the example backends use it: one call streams a response to
// two C++ callbacks, adds the API key from the configured variable (and marks it secret for the
// capture), and turns every transport failure or HTTP error status into a BackendFailure whose
// message names the backend and what to do.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <seam/seam_http.h>
#include <nlohmann/json.hpp>

#include "backend_failure.hpp"
#include "backend_settings.hpp"

namespace seam_examples {

struct HttpHead {
  int status = 0;
  std::vector<std::string> headers;  // "Name: value"
  // The value of header NAME (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

struct HttpCall {
  std::string method = "GET";
  std::string path;  // appended to the backend's base_url, e.g. "/chat/completions"
  std::string body;
  std::vector<std::string>
      headers;  // beyond Content-Type/Accept, Authorization and options.headers
  std::string accept = "application/json";
  // Called once with a successful (2xx) response's head; return false to cancel.
  std::function<bool(const HttpHead&)> on_head;
  // Called with each piece of a successful response's body; return false to cancel.
  std::function<bool(std::string_view)> on_data;
  // Added to the message of a 404, e.g. "pull the model with `ollama pull NAME`".
  std::string not_found_hint;
  // Polled whenever the transfer calls back; true stops it with seam::plugin::Cancelled. Hosts
  // whose HTTP service knows of the cancellation stop a transfer that is still waiting too.
  std::function<bool()> cancelled;
};

class HttpClient {
 public:
  // Throws BackendFailure(SEAM_E_UNSUPPORTED) when HOST offers no "seam.http/1".
  HttpClient(const seam_host* host, BackendSettings settings);

  // Runs CALL. An exception thrown by a callback (e.g. Cancelled from an event sink) stops the
  // transfer and is rethrown here. A non-2xx status throws BackendFailure after the error body
  // was read, with the API's own message in it.
  void perform(const HttpCall& call) const;

  // GETs PATH (the body capped at 64 MiB) and returns the array under KEY of the JSON object it
  // answers. Any other answer is a BackendFailure naming the backend and saying that base_url
  // should point at SERVER ("an Ollama server").
  nlohmann::json get_listing(const std::string& path, const std::string& key,
                             const std::string& server) const;

  const BackendSettings& settings() const noexcept { return settings_; }
  std::string url(const std::string& path) const { return settings_.base_url + path; }

 private:
  const seam_http_service* http_;
  BackendSettings settings_;
};

// The message a JSON error body carries ({"error":{"message":...}}, {"error":"..."} or
// {"message":...}); otherwise the start of the body itself.
std::string error_body_message(std::string_view body);

// The BackendFailure for an HTTP error STATUS of the request WHAT ("POST https://..."), with the
// message from BODY and advice that fits the status (401/403 name the API key variable).
BackendFailure http_status_failure(const BackendSettings& settings, const std::string& what,
                                   int status, std::string_view body,
                                   const std::string& not_found_hint = {});

}  // namespace seam_examples
