#include "model_catalog.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace seam::host {

namespace {

// The default backend and model: the builtin echo plugin makes `seam run` work with no config.
const BackendConfig kEchoBackend{"echo", "echo", R"({"sdk":"echo"})"};
const ModelConfig kEchoModel{"echo", "echo", "llm", "echo", "{}"};

std::string known_names(const Config& config) {
  std::string names = config.models.count("echo") ? "" : "echo";
  for (const auto& [name, model] : config.models) names += (names.empty() ? "" : ", ") + name;
  return names;
}

}  // namespace

ResolvedModel resolve_model(const Config& config, const std::string& model_name) {
  ResolvedModel resolved;
  if (auto it = config.models.find(model_name); it != config.models.end()) {
    resolved.model = it->second;
  } else if (model_name == kEchoModel.name) {
    resolved.model = kEchoModel;
  } else {
    throw std::runtime_error(
        "Unknown model '" + model_name + "'. Known models: " + known_names(config) +
        ". Declare it in seam.toml as [models." + model_name + "] with backend = \"...\".");
  }
  const std::string& backend = resolved.model.backend;
  if (auto it = config.backends.find(backend); it != config.backends.end()) {
    resolved.backend = it->second;
  } else if (backend == kEchoBackend.name) {
    resolved.backend = kEchoBackend;
  } else {
    throw std::runtime_error("Model '" + model_name + "' names backend '" + backend +
                             "', which is not configured. Declare it in seam.toml as [backends." +
                             backend + "] with sdk = \"...\".");
  }
  return resolved;
}

std::string model_json(const ModelConfig& model) {
  nlohmann::json json{{"name", model.name},
                      {"model_id", model.model_id},
                      {"options", nlohmann::json::parse(model.options_json)}};
  return json.dump();
}

}  // namespace seam::host
