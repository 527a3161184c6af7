// Turns Ollama's chat reply — NDJSON lines when streaming, one object otherwise — into the llm
// family's events: delta per message piece, usage from the closing line's counts, done; an
// {"error": ...} line fails the run naming the backend.
#pragma once

#include <string_view>

#include "common/backend_settings.hpp"
#include "common/llm_events.hpp"
#include "ndjson_lines.hpp"

namespace seam_ollama {

class ChatLines {
 public:
  ChatLines(seam_examples::LlmEvents& events, const seam_examples::BackendSettings& settings);

  // One piece of the body, cut anywhere; its text goes out as one delta.
  void feed(std::string_view piece) {
    lines_.feed(piece);
    events_.flush();
  }
  // The body ended: throws a BackendFailure when no line said done:true.
  void finish();

 private:
  void on_line(std::string_view line);

  seam_examples::LlmEvents& events_;
  const seam_examples::BackendSettings& settings_;
  NdjsonLines lines_;
  bool done_ = false;
  bool any_content_ = false;
};

}  // namespace seam_ollama
