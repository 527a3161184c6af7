#include "http_capture.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace seam::http {

namespace {

// UTC with milliseconds, e.g. 2024-05-01T12:00:00.123Z.
std::string iso8601(std::chrono::system_clock::time_point when) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", text, static_cast<int>(ms.count() % 1000));
  return out;
}

}  // namespace

CaptureFile::CaptureFile(const std::filesystem::path& file, Redactor redactor)
    : redactor_(std::move(redactor)) {
  // Private (0600) and never through a symbolic link: a capture holds requests and answers.
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  file_ = fd < 0 ? nullptr : ::fdopen(fd, "a");
  if (file_ == nullptr) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot open the capture file " + file.string() + ": " +
                             (err == ELOOP
                                  ? std::string("it is a symbolic link, which is never followed")
                                  : std::string(std::strerror(err))) +
                             "; check that its folder exists and is writable");
  }
}

CaptureFile::~CaptureFile() {
  if (file_ != nullptr) std::fclose(file_);
}

std::string CaptureFile::to_line(const CapturedExchange& exchange) const {
  const std::vector<std::string>& extra = exchange.secret_values;
  auto headers = [&](const std::vector<std::string>& lines) {
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& line : lines) out.push_back(redactor_.redact_header(line, extra));
    return out;
  };
  nlohmann::json line = {
      {"started", iso8601(exchange.started)},
      {"method", exchange.method},
      {"url", redactor_.redact(exchange.url, extra)},
      {"status", exchange.status},
      {"outcome", exchange.outcome},
      {"timing", {{"first_byte_ms", exchange.first_byte_ms}, {"total_ms", exchange.total_ms}}},
      {"request",
       {{"headers", headers(exchange.request_headers)},
        {"body", redactor_.redact(exchange.request_body, extra)}}},
      {"response",
       {{"headers", headers(exchange.response_headers)},
        {"body", redactor_.redact(exchange.response_body, extra)}}},
  };
  if (!exchange.error.empty()) line["error"] = redactor_.redact(exchange.error, extra);
  // Bodies are bytes from the network: anything that is not UTF-8 is replaced, not fatal.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void CaptureFile::append(const CapturedExchange& exchange) {
  std::string text = to_line(exchange);
  text += '\n';
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

std::unique_ptr<CaptureFile> open_capture(const HttpServiceOptions& options) {
  if (!options.capture_file) return nullptr;
  return std::make_unique<CaptureFile>(*options.capture_file, Redactor(options.secrets));
}

}  // namespace seam::http
