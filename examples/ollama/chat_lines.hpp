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
  ChatLines(const seam_examples::LlmEvents& events, const seam_examples::BackendSettings& settings);

  void feed(std::string_view piece) { lines_.feed(piece); }
  // The body ended: throws a BackendFailure when no line said done:true.
  void finish();

 private:
  void on_line(std::string_view line);

  const seam_examples::LlmEvents& events_;
  const seam_examples::BackendSettings& settings_;
  NdjsonLines lines_;
  bool done_ = false;
  bool any_content_ = false;
};

}  // namespace seam_ollama
