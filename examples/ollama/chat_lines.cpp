#include "chat_lines.hpp"

#include <nlohmann/json.hpp>

#include "common/backend_failure.hpp"

namespace seam_ollama {

namespace {

using seam_examples::BackendFailure;

[[noreturn]] void fail(const seam_examples::BackendSettings& s, const std::string& what) {
  throw BackendFailure(SEAM_E_BACKEND, "stream", "backend " + s.backend_name + " " + what);
}

}  // namespace

ChatLines::ChatLines(seam_examples::LlmEvents& events,
                     const seam_examples::BackendSettings& settings)
    : events_(events),
      settings_(settings),
      lines_([this](std::string_view line) { on_line(line); }) {}

void ChatLines::on_line(std::string_view line) {
  if (done_) return;
  const nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
  if (!json.is_object()) {
    fail(settings_, "sent a line that is not a JSON object: '" + std::string(line.substr(0, 120)) +
                        "'; check that base_url points at an Ollama server");
  }
  if (auto error = json.find("error"); error != json.end() && !error->is_null()) {
    const std::string message = error->is_string() ? error->get<std::string>() : error->dump();
    fail(settings_,
         std::string(any_content_ ? "reported an error mid-stream: " : "reported an error: ") +
             message + "; retry the request");
  }
  if (auto message = json.find("message"); message != json.end() && message->is_object()) {
    if (auto content = message->find("content");
        content != message->end() && content->is_string()) {
      const std::string& text = content->get_ref<const std::string&>();
      any_content_ = any_content_ || !text.empty();
      events_.delta(text);
    }
  }
  if (json.value("done", false)) {
    done_ = true;
    if (json.contains("prompt_eval_count") || json.contains("eval_count")) {
      events_.usage(json.value("prompt_eval_count", std::int64_t{0}),
                    json.value("eval_count", std::int64_t{0}));
    }
    events_.done(json.value("done_reason", std::string("stop")));
  }
}

void ChatLines::finish() {
  lines_.finish();
  if (!done_) {
    fail(settings_,
         "ended its reply before a line with \"done\": true: the answer is incomplete; "
         "retry the request");
  }
}

}  // namespace seam_ollama
