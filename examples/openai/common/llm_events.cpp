#include "llm_events.hpp"

#include <nlohmann/json.hpp>

#include "backend_failure.hpp"

namespace seam_examples {

void LlmEvents::delta(std::string_view text) const {
  if (text.empty()) return;
  // Built by hand: this runs once per token, and the text is the only part that needs escaping.
  std::string event = R"({"type":"delta","text":)";
  event += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  event += '}';
  events_.emit(event);
}

void LlmEvents::usage(std::int64_t input_tokens, std::int64_t output_tokens) const {
  nlohmann::json counts = {{"input_tokens", input_tokens}, {"output_tokens", output_tokens}};
  nlohmann::json report = counts;
  report["backend"] = backend_;
  report["model"] = model_id_;
  host_.report_usage(report.dump());
  counts["type"] = "usage";
  events_.emit(counts.dump());
}

void LlmEvents::done(std::string_view finish_reason) const {
  events_.emit(nlohmann::json{{"type", "done"}, {"finish_reason", finish_reason}}.dump());
}

void LlmEvents::error(const std::exception& failure) const noexcept {
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
