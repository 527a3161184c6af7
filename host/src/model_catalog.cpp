#include "model_catalog.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <seam/loader/errors.hpp>

#include "did_you_mean.hpp"

namespace seam::host {

namespace {

// The default backend and model: the builtin echo plugin makes `seam run` work with no config.
const BackendConfig kEchoBackend{"echo", "echo", "", R"({"sdk":"echo"})"};
const ModelConfig kEchoModel{"echo", "echo", "llm", "echo", "{}"};

// What to install for the sdks of the plugins this repository ships. The loader never names an
// sdk; the command may, to turn "not found" into a next step.
struct SdkHint {
  const char* sdk;
  const char* hint;
};
constexpr SdkHint kSdkHints[] = {
    {"openai",
     "install the openai plugin (seam-openai.so, built from examples/openai into "
     "plugins/openai/) and add its folder to [plugins] paths or SEAM_PLUGIN_PATH"},
    {"ollama",
     "install the ollama plugin (seam-ollama.so, built from examples/ollama into "
     "plugins/ollama/) and add its folder to [plugins] paths or SEAM_PLUGIN_PATH"},
    {"sqlite-fts",
     "install the sqlite-search plugin (seam-sqlite-search.so, built from examples/sqlite-search "
     "into plugins/sqlite-search/) and add its folder to [plugins] paths or SEAM_PLUGIN_PATH"},
};

std::string known_names(const Config& config) {
  std::string names;
  for (const auto& name : model_names(config)) names += (names.empty() ? "" : ", ") + name;
  return names;
}

std::vector<std::string> backend_names(const Config& config) {
  std::vector<std::string> names;
  for (const BackendConfig& backend : all_backends(config)) names.push_back(backend.name);
  return names;
}

}  // namespace

std::vector<std::string> model_names(const Config& config) {
  std::vector<std::string> names;
  if (config.models.count(kEchoModel.name) == 0) names.push_back(kEchoModel.name);
  for (const auto& [name, model] : config.models) names.push_back(name);
  return names;
}

std::vector<std::string> served_sdks(const Registry& registry) {
  std::vector<std::string> sdks;
  for (const Backend& backend : registry.backends()) sdks.push_back(backend.sdk());
  return sdks;
}

ResolvedModel resolve_model(const Config& config, const std::string& model_name) {
  ResolvedModel resolved;
  if (auto it = config.models.find(model_name); it != config.models.end()) {
    resolved.model = it->second;
  } else if (model_name == kEchoModel.name) {
    resolved.model = kEchoModel;
  } else {
    throw std::runtime_error(
        "Unknown model '" + model_name + "'." + did_you_mean(model_name, model_names(config)) +
        " Known models: " + known_names(config) + ". Declare it in seam.toml as [models." +
        model_name + "] with backend = \"...\".");
  }
  const std::string& backend = resolved.model.backend;
  if (auto it = config.backends.find(backend); it != config.backends.end()) {
    resolved.backend = it->second;
  } else if (backend == kEchoBackend.name) {
    resolved.backend = kEchoBackend;
  } else {
    throw std::runtime_error(
        "Model '" + model_name + "' names backend '" + backend + "', which is not configured." +
        did_you_mean(backend, backend_names(config)) + " Declare it in seam.toml as [backends." +
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

std::vector<BackendConfig> all_backends(const Config& config) {
  std::vector<BackendConfig> backends;
  for (const auto& [name, backend] : config.backends) backends.push_back(backend);
  if (config.backends.count(kEchoBackend.name) == 0) backends.push_back(kEchoBackend);
  std::sort(backends.begin(), backends.end(),
            [](const BackendConfig& a, const BackendConfig& b) { return a.name < b.name; });
  return backends;
}

BackendConfig find_backend(const Config& config, const std::string& name) {
  std::string names;
  for (const BackendConfig& backend : all_backends(config)) {
    if (backend.name == name) return backend;
    names += (names.empty() ? "" : ", ") + backend.name;
  }
  throw std::runtime_error("Unknown backend '" + name + "'." +
                           did_you_mean(name, backend_names(config)) + " Known backends: " + names +
                           ". Declare it in seam.toml as [backends." + name +
                           "] with sdk = \"...\".");
}

bool sdk_is_served(const Registry& registry, const std::string& sdk) {
  if (registry.find_lister(sdk) != nullptr) return true;
  return std::any_of(registry.backends().begin(), registry.backends().end(),
                     [&](const Backend& backend) { return backend.sdk() == sdk; });
}

std::string unserved_sdk_message(const BackendConfig& backend) {
  std::string message = "Backend '" + backend.name + "' uses sdk '" + backend.sdk +
                        "', which no installed plugin serves. ";
  for (const SdkHint& known : kSdkHints) {
    if (backend.sdk == known.sdk) return message + "To fix it, " + known.hint + ".";
  }
  return message + "Install a plugin that registers sdk '" + backend.sdk +
         "' (see `seam plugins list` for what is installed), or fix the sdk in [backends." +
         backend.name + "].";
}

const Backend& backend_for(const Registry& registry, const std::string& family,
                           const BackendConfig& backend) {
  if (const Backend* found = registry.find(family, backend.sdk)) return *found;
  if (!sdk_is_served(registry, backend.sdk)) {
    throw InferenceBackendNotFoundError(unserved_sdk_message(backend) +
                                        did_you_mean(backend.sdk, served_sdks(registry)));
  }
  throw InferenceBackendNotFoundError("Backend '" + backend.name + "' uses sdk '" + backend.sdk +
                                      "', whose plugin serves no " + family +
                                      " models. Check the model's family, or the sdk in "
                                      "[backends." +
                                      backend.name + "].");
}

}  // namespace seam::host
