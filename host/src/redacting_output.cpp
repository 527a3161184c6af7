#include "redacting_output.hpp"

#include <cstdio>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "logging.hpp"

namespace seam::host {

RedactingLines::int_type RedactingLines::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  pending_ += traits_type::to_char_type(ch);
  if (ch == '\n') emit_lines(false);
  return ch;
}

std::streamsize RedactingLines::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  emit_lines(false);
  return n;
}

int RedactingLines::sync() {
  emit_lines(true);
  target_.flush();
  return target_ ? 0 : -1;
}

void RedactingLines::emit_lines(bool everything) {
  const std::size_t end = everything ? pending_.size() : pending_.rfind('\n') + 1;
  if (end == 0 || end > pending_.size()) return;  // no complete line yet
  target_ << redactor_.redact(std::string_view(pending_).substr(0, end));
  pending_.erase(0, end);
  target_.flush();
}

namespace {

// Formats a log line as the logger's pattern says, hides the secrets, writes it to stderr.
class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(std::shared_ptr<const http::Redactor> redactor)
      : redactor_(std::move(redactor)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    const std::string line =
        redactor_->redact(std::string_view(formatted.data(), formatted.size()));
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  std::shared_ptr<const http::Redactor> redactor_;
};

}  // namespace

void redact_log_lines(std::shared_ptr<const http::Redactor> redactor) {
  auto logger = spdlog::get("seam");
  if (!logger || redactor->empty()) return;
  auto sink = on_own_lines({std::make_shared<RedactingSink>(std::move(redactor))});
  sink->set_pattern("%l: %v");
  logger->sinks().clear();
  logger->sinks().push_back(std::move(sink));
}

}  // namespace seam::host
