// A plugin's seam_http_request, read within the size the plugin declared and checked, so the
// transfer code works with plain C++ values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <seam/seam_http.h>

namespace seam::http {

struct HttpRequest {
  std::string method;
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string_view body;             // borrowed from the plugin for the duration of perform
  std::uint32_t connect_timeout_ms = 0;
  std::uint32_t timeout_ms = 0;
  std::vector<std::string> secret_values;
};

// Copies REQUEST into an HttpRequest, or returns why it is malformed (the message is for the
// plugin's author: which field, what was expected).
std::optional<std::string> read_request(const seam_http_request* request, HttpRequest& out);

}  // namespace seam::http
