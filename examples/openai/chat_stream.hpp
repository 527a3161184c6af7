// Turns an OpenAI chat completion — a server-sent event stream of chunks, or one JSON body — into
// the llm family's events: delta per piece of content, usage, done; an error payload (before or
// in the middle of the stream) becomes a failure that names the backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/backend_settings.hpp"
#include "common/llm_events.hpp"
#include "sse_parser.hpp"

namespace seam_openai {

class ChatStream {
 public:
  ChatStream(seam_examples::LlmEvents& events, const seam_examples::BackendSettings& settings);

  // One piece of an SSE body, cut anywhere; its text goes out as one delta.
  void feed(std::string_view piece);
  // The body ended. Emits usage and done if [DONE] never came but a finish_reason did; throws a
  // BackendFailure when the stream stopped before either.
  void finish();

 private:
  bool on_event(const seam_examples::SseEvent& event);
  void complete();

  seam_examples::LlmEvents& events_;
  const seam_examples::BackendSettings& settings_;
  seam_examples::SseParser parser_;
  std::string finish_reason_;
  std::optional<std::pair<std::int64_t, std::int64_t>> usage_;
  bool completed_ = false;
};

// A non-streaming chat completion BODY: one delta with the whole content, usage, done.
void emit_completion(std::string_view body, seam_examples::LlmEvents& events,
                     const seam_examples::BackendSettings& settings);

}  // namespace seam_openai
