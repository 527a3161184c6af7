// Driving the host's seam.http/1 table the way a plugin does, and keeping everything that came
// back, so each test states the request and checks the outcome.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <seam/seam_http.h>

namespace seam::test {

struct HttpRequestSpec {
  HttpRequestSpec(std::string method_, std::string url_)
      : method(std::move(method_)), url(std::move(url_)) {}

  std::string method;
  std::string url;
  std::vector<std::string> headers;
  std::string body;
  std::uint32_t connect_timeout_ms = 0;
  std::uint32_t timeout_ms = 10'000;
  std::vector<std::string> secret_values;
  // Cancel from on_data after this many pieces; from on_response when 0.
  std::optional<int> stop_after_pieces;
};

struct HttpExchange {
  std::int32_t status = -1;  // what perform returned
  std::string error;         // the seam_error message
  int head_calls = 0;
  int http_status = 0;
  std::vector<std::string> headers;
  int pieces = 0;
  std::string body;
  std::chrono::milliseconds first_piece_after{-1};
  std::chrono::milliseconds took{0};

  // The value of response header NAME (case-insensitive), or "".
  std::string header(const std::string& name) const;
};

HttpExchange perform(const seam_http_service* http, const HttpRequestSpec& spec);

}  // namespace seam::test
