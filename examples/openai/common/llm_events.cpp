#include "llm_events.hpp"

#include <nlohmann/json.hpp>

#include "backend_failure.hpp"

namespace seam_examples {

namespace {

// Appends TEXT to OUT escaped as the inside of a JSON string. TEXT is valid UTF-8 (it was decoded
// from the server's JSON), so only quotes, backslashes and control characters need escaping; runs
// of other bytes are copied whole.
void append_json_string(std::string_view text, std::string& out) {
  static const char hex[] = "0123456789abcdef";
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(text, run, std::string_view::npos);
}

}  // namespace

void LlmEvents::delta(std::string_view text) {
  if (text.empty()) return;
  pending_.append(text);
  if (!sent_text_) flush();
}

void LlmEvents::flush() {
  if (pending_.empty()) return;
  std::string event = R"({"type":"delta","text":")";
  append_json_string(pending_, event);
  event += "\"}";
  pending_.clear();
  sent_text_ = true;
  events_.emit(event);
}

void LlmEvents::usage(std::int64_t input_tokens, std::int64_t output_tokens) {
  flush();
  nlohmann::json counts = {{"input_tokens", input_tokens}, {"output_tokens", output_tokens}};
  nlohmann::json report = counts;
  report["backend"] = backend_;
  report["model"] = model_id_;
  host_.report_usage(report.dump());
  counts["type"] = "usage";
  events_.emit(counts.dump());
}

void LlmEvents::done(std::string_view finish_reason) {
  flush();
  events_.emit(nlohmann::json{{"type", "done"}, {"finish_reason", finish_reason}}.dump());
}

void LlmEvents::error(const std::exception& failure) noexcept {
  try {
    flush();
  } catch (...) {
    // The text before the failure is lost; the failure itself still goes out below.
  }
  try {
    const auto* backend_failure = dynamic_cast<const BackendFailure*>(&failure);
    nlohmann::json event = {{"type", "error"},
                            {"message", failure.what()},
                            {"kind", backend_failure ? backend_failure->kind() : "plugin"}};
    events_.emit(event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (...) {
    // The host may have stopped listening; the failure itself still reaches it as a status.
  }
}

}  // namespace seam_examples
