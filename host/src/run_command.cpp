#include "run_command.hpp"

#include <atomic>
#include <csignal>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <seam/loader/errors.hpp>

#include "model_catalog.hpp"

namespace seam::host {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
  interrupted.store(true);
  // A second Ctrl-C kills as usual.
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void cancel_on_interrupt() {
  std::signal(SIGINT, on_interrupt);
}

std::string llm_request_json(const RunRequest& request, const std::string& model_options_json) {
  nlohmann::json json = nlohmann::json::parse(model_options_json);
  nlohmann::json messages = nlohmann::json::array();
  if (request.system) messages.push_back({{"role", "system"}, {"content", *request.system}});
  messages.push_back({{"role", "user"}, {"content", request.prompt}});
  json["messages"] = messages;
  if (request.max_tokens) json["max_tokens"] = *request.max_tokens;
  if (request.temperature) json["temperature"] = *request.temperature;
  return json.dump();
}

bool run_model(const Loader& loader, const Config& config, const RunRequest& request,
               std::ostream& out) {
  ResolvedModel resolved = resolve_model(config, request.model);
  const Backend& backend = loader.registry().lookup(resolved.model.family, resolved.backend.sdk);
  WorkerSpec spec{resolved.backend.name, model_json(resolved.model), resolved.backend.config_json};
  Worker worker = backend.make_worker(spec);

  bool wrote_text = false;
  InvokeOutcome outcome = worker.invoke(
      llm_request_json(request, resolved.model.options_json), [&](std::string_view event) {
        if (request.json_events) {
          out << event << '\n' << std::flush;
        } else {
          nlohmann::json parsed = nlohmann::json::parse(event, nullptr, false);
          if (parsed.is_object() && parsed.value("type", "") == "delta") {
            out << parsed.value("text", "") << std::flush;
            wrote_text = true;
          }
        }
        return !interrupted.load();
      });
  if (wrote_text) out << '\n';
  return outcome == InvokeOutcome::completed;
}

}  // namespace seam::host
