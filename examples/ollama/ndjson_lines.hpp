// Splits a body of newline-delimited JSON into lines, whatever pieces it arrives in. A line may
// end in LF or CRLF; blank lines are skipped; a last line without a newline counts at finish().
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace seam_ollama {

class NdjsonLines {
 public:
  using Handler = std::function<void(std::string_view line)>;

  // MAX_LINE bounds one line; a longer one makes feed() throw std::length_error.
  explicit NdjsonLines(Handler on_line, std::size_t max_line = 16u << 20)
      : on_line_(std::move(on_line)), max_line_(max_line) {}

  void feed(std::string_view piece);
  void finish();

 private:
  void emit(std::string_view line);

  Handler on_line_;
  std::size_t max_line_;
  std::string partial_;
};

}  // namespace seam_ollama
