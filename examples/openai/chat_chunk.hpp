// The few fields the worker needs from a chat completion chunk (or a whole non-streaming reply),
// read in one pass without building a JSON document: the stream carries one such object per token,
// and a document per token would cost more than everything else the plugin does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seam_openai {

struct ChunkFields {
  // choices[0].delta.content (streaming) or choices[0].message.content (a whole reply).
  std::optional<std::string> content;
  // choices[0].finish_reason, when it is a string.
  std::optional<std::string> finish_reason;
  // usage.prompt_tokens and usage.completion_tokens, when usage is an object.
  std::optional<std::int64_t> prompt_tokens;
  std::optional<std::int64_t> completion_tokens;
  // A non-null top-level "error": its "message" (or the string itself, or "" when neither).
  std::optional<std::string> error;
  bool has_choices = false;  // a top-level "choices" array, even an empty one
};

// Reads TEXT into OUT. False when TEXT is not a JSON object.
bool read_chunk(std::string_view text, ChunkFields& out);

}  // namespace seam_openai
