#include "chat_stream.hpp"

#include "common/backend_failure.hpp"

namespace seam_openai {

namespace {

using seam_examples::BackendFailure;
using seam_examples::BackendSettings;

[[noreturn]] void fail_stream(const BackendSettings& s, const std::string& what) {
  throw BackendFailure(SEAM_E_BACKEND, "stream", "backend " + s.backend_name + " " + what);
}

nlohmann::json parse_payload(std::string_view text, const BackendSettings& s, bool in_stream) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) {
    fail_stream(s, "sent something that is not a JSON object: '" +
                       std::string(text.substr(0, 120)) +
                       "'; check that base_url points at an OpenAI-compatible API");
  }
  // An error may replace the whole answer, or arrive in the middle of a stream.
  if (auto error = json.find("error"); error != json.end() && !error->is_null()) {
    std::string message = error->is_object()   ? error->value("message", error->dump())
                          : error->is_string() ? error->get<std::string>()
                                               : error->dump();
    fail_stream(s,
                std::string(in_stream ? "reported an error mid-stream: " : "reported an error: ") +
                    message + "; retry the request");
  }
  return json;
}

std::optional<std::pair<std::int64_t, std::int64_t>> usage_of(const nlohmann::json& chunk) {
  auto usage = chunk.find("usage");
  if (usage == chunk.end() || !usage->is_object()) return std::nullopt;
  return std::make_pair(usage->value("prompt_tokens", std::int64_t{0}),
                        usage->value("completion_tokens", std::int64_t{0}));
}

}  // namespace

ChatStream::ChatStream(const seam_examples::LlmEvents& events, const BackendSettings& settings)
    : events_(events),
      settings_(settings),
      parser_([this](const seam_examples::SseEvent& event) { return on_event(event); }) {}

void ChatStream::feed(std::string_view piece) {
  if (!completed_) parser_.feed(piece);
}

bool ChatStream::on_event(const seam_examples::SseEvent& event) {
  if (event.data == "[DONE]") {
    complete();
    return false;  // anything after [DONE] is ignored
  }
  const nlohmann::json chunk = parse_payload(event.data, settings_, true);
  if (auto usage = usage_of(chunk)) usage_ = usage;
  auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array() || choices->empty()) return true;
  const nlohmann::json& choice = (*choices)[0];
  if (auto delta = choice.find("delta"); delta != choice.end() && delta->is_object()) {
    if (auto content = delta->find("content"); content != delta->end() && content->is_string()) {
      events_.delta(content->get_ref<const std::string&>());
    }
  }
  if (auto reason = choice.find("finish_reason"); reason != choice.end() && reason->is_string()) {
    finish_reason_ = reason->get<std::string>();
  }
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

void emit_completion(std::string_view body, const seam_examples::LlmEvents& events,
                     const BackendSettings& settings) {
  const nlohmann::json json = parse_payload(body, settings, false);
  auto choices = json.find("choices");
  if (choices == json.end() || !choices->is_array() || choices->empty() ||
      !(*choices)[0].is_object()) {
    fail_stream(settings,
                "answered without choices; check that base_url points at an "
                "OpenAI-compatible API");
  }
  const nlohmann::json& choice = (*choices)[0];
  if (auto message = choice.find("message"); message != choice.end() && message->is_object()) {
    if (auto content = message->find("content");
        content != message->end() && content->is_string()) {
      events.delta(content->get_ref<const std::string&>());
    }
  }
  if (auto usage = usage_of(json)) events.usage(usage->first, usage->second);
  std::string reason = "stop";
  if (auto r = choice.find("finish_reason"); r != choice.end() && r->is_string()) reason = *r;
  events.done(reason);
}

}  // namespace seam_openai
