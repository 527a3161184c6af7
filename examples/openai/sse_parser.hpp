// A server-sent events parser that follows the WHATWG HTML "event stream interpretation" rules:
// lines end in LF, CR or CRLF; a line starting with ':' is a comment; "field:value" loses one
// optional space after the colon; a line without a colon is a field with an empty value; "data"
// lines of one event are joined with '\n'; a blank line dispatches; an event whose data buffer is
// empty is not dispatched; "id" (without NUL) and "retry" (digits only) are kept; unknown fields
// are ignored; a leading UTF-8 byte order mark is dropped; an event cut off by the end of the
// stream is discarded.
//
// Feed it the body in whatever pieces the network delivered: a piece may end in the middle of a
// line, between a CR and its LF, or inside a multi-byte UTF-8 character. Bytes are kept as they
// are and only ever split at CR or LF, which never occur inside a UTF-8 sequence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace seam_examples {

struct SseEvent {
  std::string_view type;  // the "event" field, or "message" when there was none
  std::string_view data;  // the data lines joined with '\n'
  std::string_view id;    // the last event id seen so far in the stream
};

class SseParser {
 public:
  // Called for each dispatched event; the views are valid during the call only. Return false to
  // stop: feed() then returns false and ignores everything after.
  using Handler = std::function<bool(const SseEvent& event)>;

  // MAX_BUFFER bounds one line and one event's data; a stream that exceeds it makes feed() throw
  // std::length_error rather than grow without end.
  explicit SseParser(Handler on_event, std::size_t max_buffer = 16u << 20);

  // Parses the next piece of the stream. Returns false once a handler returned false.
  bool feed(std::string_view chunk);

  // The reconnection time from the last valid "retry" field, in milliseconds.
  std::optional<std::uint64_t> retry_ms() const noexcept { return retry_ms_; }
  std::string_view last_event_id() const noexcept { return last_event_id_; }

 private:
  bool feed_lines(std::string_view chunk);
  bool process_line(std::string_view line);
  bool dispatch();
  void check_size(std::size_t size) const;

  Handler on_event_;
  std::size_t max_buffer_;
  std::string line_;  // an unfinished line carried over from the previous piece
  std::string data_;
  std::string event_type_;
  std::string last_event_id_;
  std::optional<std::uint64_t> retry_ms_;
  bool after_cr_ = false;  // the previous byte was a CR: a following LF belongs to it
  std::size_t bom_matched_ = 0;
  bool bom_checked_ = false;
  bool stopped_ = false;
};

}  // namespace seam_examples
