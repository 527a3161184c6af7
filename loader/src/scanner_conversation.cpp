#include "scanner_conversation.hpp"

#include "printable_text.hpp"
#include "record_codec.hpp"
#include "scanner_protocol.hpp"

namespace seam::detail {

namespace protocol = scanner_protocol;

std::string ScannerConversation::ask(std::string path) {
  std::string request = protocol::scan_request(asked_.size(), path);
  asked_.push_back(std::move(path));
  return request;
}

std::string ScannerConversation::finish() {
  finished_ = true;
  return protocol::end_request(asked_.size());
}

ScannerConversation::Step ScannerConversation::stop_with(std::string& why, std::string text) {
  why = std::move(text);
  stopped_ = true;
  return Step::stop;
}

ScannerConversation::Step ScannerConversation::on_message(std::string_view text) {
  if (stopped_) return Step::stop;
  if (!greeted_) {
    if (text != protocol::kHello) {
      return stop_with(refusal_, "the scanner answered '" + printable_text(text.substr(0, 40)) +
                                     "' instead of '" + protocol::kHello + "'");
    }
    greeted_ = true;
    return Step::greeted;
  }
  const std::size_t space = text.find(' ');
  const std::string_view kind = text.substr(0, space);
  std::string_view rest = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  const auto index = protocol::take_number(rest);
  if (kind == "interrupted" && index && rest.empty() && *index > 0 && *index < 128) {
    // Believed only once the scanner has exited the way its stop handler does (the caller).
    interrupted_by_ = static_cast<int>(*index);
    return Step::go_on;
  }
  if (interrupted_by_ != 0) return Step::go_on;  // nothing more counts
  const bool argued = index && !rest.empty() && rest[0] == ' ';
  if (!in_file_) {
    if (kind == "begin" && argued && *index == done_ && done_ < asked_.size() &&
        rest.substr(1) == asked_[done_]) {
      in_file_ = true;
      pieces_.clear();
      return Step::file_begun;
    }
    if (kind == "doubt" && argued && done_ > 0 && *index + 1 == done_) {
      return stop_with(doubt_, rest.size() > 1 ? std::string(rest.substr(1)) : "(no reason)");
    }
    // Nobody's file is open: no plugin to blame, but this scanner is not to be trusted.
    return stop_with(doubt_, "it answered out of turn between files");
  }
  if (kind == "record" && argued && *index == done_) {
    const Step step = on_record(rest.substr(1));
    if (step != Step::stop || !violation_.empty()) return step;
  }
  return stop_with(violation_, "wrote to the scanner's answer channel ('" +
                                   printable_text(text.substr(0, 40)) + "')");
}

// REST is "MORE US\n" and the piece's bytes. Returns stop with no violation when REST is no
// record piece at all.
ScannerConversation::Step ScannerConversation::on_record(std::string_view rest) {
  if (rest.size() < 2 || (rest[0] != '0' && rest[0] != '1') || rest[1] != ' ') return Step::stop;
  const bool more = rest[0] == '1';
  rest.remove_prefix(2);
  const auto micros = protocol::take_number(rest);
  if (!micros || rest.empty() || rest[0] != '\n') return Step::stop;
  rest.remove_prefix(1);
  if (pieces_.size() + rest.size() > kMaxRecordBytes) {
    return stop_with(violation_, "sent a scan result larger than " +
                                     std::to_string(kMaxRecordBytes >> 20) + " MiB");
  }
  pieces_.append(rest);
  if (more) return Step::go_on;
  auto decoded = decode_records(pieces_);
  pieces_.clear();
  if (pieces_.capacity() > (std::size_t{1} << 20)) pieces_.shrink_to_fit();
  if (!decoded || decoded->size() != 1) {
    return stop_with(violation_, "sent a scan result the loader cannot read");
  }
  if (decoded->front().path() != asked_[done_]) {
    return stop_with(violation_, "sent a scan result for another file ('" +
                                     printable_text(decoded->front().path()) + "')");
  }
  record_ = std::move(decoded->front());
  // The scanner's clock: a value beyond any budget is a plugin speaking, and says nothing.
  scan_time_ = std::chrono::microseconds(*micros <= 86'400'000'000ull ? *micros : 0);
  ++done_;
  in_file_ = false;
  return Step::file_done;
}

}  // namespace seam::detail
