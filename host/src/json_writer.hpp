// A streaming pretty JSON writer, for documents too big to be worth building as a DOM first (the
// plugin report of `seam plugins list --json`). Its text is byte for byte what nlohmann::json's
// dump(2) prints for the same values, so output does not change when a caller moves to it. Members
// come out in call order: to match a default nlohmann::json object, whose keys are sorted, the
// caller writes them sorted. No null or floating-point values: the report has none, and nlohmann's
// shortest-round-trip double format is not worth copying until something needs it.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace seam::host {

class JsonWriter {
 public:
  // Appends to OUT, which must outlive the writer.
  explicit JsonWriter(std::string& out) : out_(out) {}
  // Appends to OUT and, whenever it holds CHUNK bytes or more at the start of an object, writes it
  // to SINK and empties it. A report of thousands of plugins is then written through one buffer
  // that is reused, instead of a text of megabytes that a fresh process pays a page fault for every
  // 4 KiB of, twice over as it grows. The caller writes what is left after the last value.
  JsonWriter(std::string& out, std::ostream& sink, std::size_t chunk)
      : out_(out), sink_(&sink), chunk_(chunk) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // Names the object member whose value is written next.
  void key(std::string_view name);

  // Distinct names rather than value() overloads: a string literal would pick value(bool).
  void string(std::string_view text);
  void boolean(bool value);
  template <class Int,
            std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
  void number(Int value) {
    if constexpr (std::is_signed_v<Int>) {
      signed_number(value);
    } else {
      unsigned_number(value);
    }
  }

 private:
  void before_value();
  void line_break(bool comma);
  void open(char bracket);
  void close(char bracket);
  void signed_number(std::int64_t value);
  void unsigned_number(std::uint64_t value);

  std::string& out_;
  std::ostream* sink_ = nullptr;
  std::size_t chunk_ = 0;
  // One entry per open container: true while it has no element yet.
  std::vector<bool> empty_;
  // A key was just written, so the value goes on the same line.
  bool after_key_ = false;
};

// Appends TEXT as a JSON string literal, quotes included, escaped as nlohmann does without
// ensure_ascii. Each invalid UTF-8 sequence becomes U+FFFD, as with nlohmann's
// error_handler_t::replace, because report strings come from third-party plugin binaries and must
// neither throw nor produce invalid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace seam::host
