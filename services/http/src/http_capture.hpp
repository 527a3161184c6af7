// `seam run --capture FILE`: one JSON line per HTTP exchange, appended, with credentials redacted
// before anything reaches the file.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <seam/http_service.hpp>
#include <seam/redactor.hpp>

namespace seam::http {

// One request and what came back, as the transfer saw it (nothing redacted yet).
struct CapturedExchange {
  std::chrono::system_clock::time_point started;
  std::string method;
  std::string url;
  std::vector<std::string> request_headers;  // "Name: value"
  std::string request_body;
  int status = 0;  // 0 when no response arrived
  std::vector<std::string> response_headers;
  std::string response_body;
  // "ok", "cancelled", "timeout" or "error", and the error's message for the last three.
  std::string outcome = "ok";
  std::string error;
  double first_byte_ms = 0;
  double total_ms = 0;
  // The request's own secret_values, redacted like the configured secrets.
  std::vector<std::string> secret_values;
};

class CaptureFile {
 public:
  // Opens FILE for appending (created when missing). Throws std::runtime_error naming the file
  // when it cannot be opened.
  CaptureFile(const std::filesystem::path& file, Redactor redactor);
  ~CaptureFile();
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;

  // Appends EXCHANGE, redacted, as one line. Safe from many threads; a line is never interleaved.
  void append(const CapturedExchange& exchange);

  // The JSON line APPEND writes, without the newline (exposed for tests).
  std::string to_line(const CapturedExchange& exchange) const;

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  Redactor redactor_;
};

// The capture file OPTIONS names (OPTIONS.capture_file, redacting OPTIONS.secrets), opened; null
// when it names none. Throws std::runtime_error naming the file when it cannot be opened.
std::unique_ptr<CaptureFile> open_capture(const HttpServiceOptions& options);

}  // namespace seam::http
