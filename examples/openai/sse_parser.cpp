#include "sse_parser.hpp"

#include <stdexcept>

namespace seam_examples {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

SseParser::SseParser(Handler on_event, std::size_t max_buffer)
    : on_event_(std::move(on_event)), max_buffer_(max_buffer) {}

void SseParser::check_size(std::size_t size) const {
  if (size > max_buffer_) {
    throw std::length_error("server-sent event line or data longer than " +
                            std::to_string(max_buffer_) + " bytes");
  }
}

bool SseParser::feed(std::string_view chunk) {
  if (stopped_) return false;
  // The byte order mark may itself arrive split across pieces.
  while (!bom_checked_ && !chunk.empty()) {
    if (chunk.front() == kBom[bom_matched_]) {
      chunk.remove_prefix(1);
      if (++bom_matched_ == kBom.size()) bom_checked_ = true;
    } else {
      bom_checked_ = true;
      // What looked like the start of a BOM was text after all.
      if (bom_matched_ > 0 && !feed_lines(kBom.substr(0, bom_matched_))) return false;
    }
  }
  return feed_lines(chunk);
}

bool SseParser::feed_lines(std::string_view chunk) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c != '\r' && c != '\n') {
      after_cr_ = false;
      continue;
    }
    if (c == '\n' && after_cr_) {
      // The LF of a CRLF whose CR ended the line already (possibly in the previous piece).
      after_cr_ = false;
      start = i + 1;
      continue;
    }
    after_cr_ = c == '\r';
    std::string_view piece = chunk.substr(start, i - start);
    bool go_on;
    if (line_.empty()) {
      go_on = process_line(piece);
    } else {
      check_size(line_.size() + piece.size());
      line_.append(piece);
      go_on = process_line(line_);
      line_.clear();
    }
    start = i + 1;
    if (!go_on) {
      stopped_ = true;
      return false;
    }
  }
  if (start < chunk.size()) {
    check_size(line_.size() + (chunk.size() - start));
    line_.append(chunk.substr(start));
  }
  return true;
}

bool SseParser::process_line(std::string_view line) {
  if (line.empty()) return dispatch();
  if (line.front() == ':') return true;  // a comment
  std::string_view field = line;
  std::string_view value;
  if (std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    check_size(data_.size() + value.size() + 1);
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "event") {
    event_type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_event_id_.assign(value);
  } else if (field == "retry") {
    if (all_digits(value) && value.size() < 19) retry_ms_ = std::stoull(std::string(value));
  }
  return true;
}

bool SseParser::dispatch() {
  if (data_.empty()) {
    event_type_.clear();
    return true;
  }
  data_.pop_back();  // the '\n' after the last data line
  SseEvent event;
  event.type = event_type_.empty() ? std::string_view("message") : std::string_view(event_type_);
  event.data = data_;
  event.id = last_event_id_;
  const bool go_on = on_event_(event);
  data_.clear();
  event_type_.clear();
  return go_on;
}

}  // namespace seam_examples
