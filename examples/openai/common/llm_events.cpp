#include "llm_events.hpp"

#include <nlohmann/json.hpp>

#include "backend_failure.hpp"

namespace seam_examples {

void LlmEvents::delta(std::string_view text) {
  if (text.empty()) return;
  pending_.append(text);
  if (!sent_text_) flush();
}

void LlmEvents::flush() {
  if (pending_.empty()) return;
  std::string event = R"({"type":"delta","text":)";
  event += nlohmann::json(pending_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  event += '}';
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
