#include "ndjson_lines.hpp"

#include <stdexcept>

namespace seam_ollama {

void NdjsonLines::emit(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") != std::string_view::npos) on_line_(line);
}

void NdjsonLines::feed(std::string_view piece) {
  std::size_t start = 0;
  for (std::size_t newline = piece.find('\n'); newline != std::string_view::npos;
       newline = piece.find('\n', start)) {
    std::string_view tail = piece.substr(start, newline - start);
    if (partial_.empty()) {
      emit(tail);
    } else {
      partial_.append(tail);
      std::string line = std::move(partial_);
      partial_.clear();
      emit(line);
    }
    start = newline + 1;
  }
  if (start < piece.size()) {
    if (partial_.size() + (piece.size() - start) > max_line_) {
      throw std::length_error("an NDJSON line longer than " + std::to_string(max_line_) + " bytes");
    }
    partial_.append(piece.substr(start));
  }
}

void NdjsonLines::finish() {
  if (partial_.empty()) return;
  std::string line = std::move(partial_);
  partial_.clear();
  emit(line);
}

}  // namespace seam_ollama
