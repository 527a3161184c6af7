#include "chat_stream.hpp"

#include "chat_chunk.hpp"
#include "common/backend_failure.hpp"

namespace seam_openai {

namespace {

using seam_examples::BackendFailure;
using seam_examples::BackendSettings;

[[noreturn]] void fail_stream(const BackendSettings& s, const std::string& what) {
  throw BackendFailure(SEAM_E_BACKEND, "stream", "backend " + s.backend_name + " " + what);
}

// Reads one chunk (or a whole reply), failing on anything but a JSON object and on an error
// payload, which may replace the whole answer or arrive in the middle of a stream.
ChunkFields read_payload(std::string_view text, const BackendSettings& s, bool in_stream) {
  ChunkFields fields;
  if (!read_chunk(text, fields)) {
    fail_stream(s, "sent something that is not a JSON object: '" +
                       std::string(text.substr(0, 120)) +
                       "'; check that base_url points at an OpenAI-compatible API");
  }
  if (fields.error) {
    const std::string message = fields.error->empty() ? "(no message)" : *fields.error;
    fail_stream(s,
                std::string(in_stream ? "reported an error mid-stream: " : "reported an error: ") +
                    message + "; retry the request");
  }
  return fields;
}

std::optional<std::pair<std::int64_t, std::int64_t>> usage_of(const ChunkFields& fields) {
  if (!fields.prompt_tokens && !fields.completion_tokens) return std::nullopt;
  return std::make_pair(fields.prompt_tokens.value_or(0), fields.completion_tokens.value_or(0));
}

}  // namespace

ChatStream::ChatStream(seam_examples::LlmEvents& events, const BackendSettings& settings)
    : events_(events),
      settings_(settings),
      parser_([this](const seam_examples::SseEvent& event) { return on_event(event); }) {}

void ChatStream::feed(std::string_view piece) {
  if (completed_) return;
  parser_.feed(piece);
  events_.flush();  // one delta per network read (see LlmEvents)
}

bool ChatStream::on_event(const seam_examples::SseEvent& event) {
  if (event.data == "[DONE]") {
    complete();
    return false;  // anything after [DONE] is ignored
  }
  const ChunkFields chunk = read_payload(event.data, settings_, true);
  if (auto usage = usage_of(chunk)) usage_ = usage;
  if (chunk.content) events_.delta(*chunk.content);
  if (chunk.finish_reason) finish_reason_ = *chunk.finish_reason;
  return true;
}

void ChatStream::complete() {
  completed_ = true;
  if (usage_) events_.usage(usage_->first, usage_->second);
  events_.done(finish_reason_.empty() ? "stop" : finish_reason_);
}

void ChatStream::finish() {
  if (completed_) return;
  // Some OpenAI-compatible servers close after the last chunk without [DONE]; a finish_reason
  // shows the answer is whole.
  if (!finish_reason_.empty()) {
    complete();
    return;
  }
  fail_stream(settings_,
              "ended the stream before [DONE]: the answer is incomplete; retry the request");
}

void emit_completion(std::string_view body, seam_examples::LlmEvents& events,
                     const BackendSettings& settings) {
  const ChunkFields reply = read_payload(body, settings, false);
  if (!reply.has_choices) {
    fail_stream(settings,
                "answered without choices; check that base_url points at an OpenAI-compatible API");
  }
  if (reply.content) events.delta(*reply.content);
  if (auto usage = usage_of(reply)) events.usage(usage->first, usage->second);
  events.done(reply.finish_reason.value_or("stop"));
}

}  // namespace seam_openai
