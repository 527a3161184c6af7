// Resolving a model name to the backend instance and (family, sdk) that serve it, and finding the
// plugin that serves a configured backend.
#pragma once

#include <string>
#include <vector>

#include <seam/loader/registry.hpp>

#include "config.hpp"

namespace seam::host {

struct ResolvedModel {
  ModelConfig model;
  BackendConfig backend;
};

// Finds MODEL_NAME among the configured models, with the builtin `echo` backend and model as
// defaults that a configuration may override. Throws seam::ConfigError-free plain errors as
// std::runtime_error naming what is missing and where to declare it.
ResolvedModel resolve_model(const Config& config, const std::string& model_name);

// The model names `seam run --model` accepts: the configured ones and the builtin echo.
std::vector<std::string> model_names(const Config& config);

// The sdk of every backend in REGISTRY (for did-you-mean).
std::vector<std::string> served_sdks(const Registry& registry);

// The JSON handed to make_worker as model_json: {"name","model_id","options"}.
std::string model_json(const ModelConfig& model);

// Every backend instance `seam models list` covers, sorted by name: the configured ones plus the
// builtin `echo` unless the configuration declares its own backend of that name.
std::vector<BackendConfig> all_backends(const Config& config);

// The backend instance named NAME (configured, or the builtin echo). Throws std::runtime_error
// listing the known names when there is none.
BackendConfig find_backend(const Config& config, const std::string& name);

// The registry's backend for FAMILY and BACKEND's sdk. Throws InferenceBackendNotFoundError naming
// the backend, its sdk and, for the sdks of Seam's example plugins, what to install.
const Backend& backend_for(const Registry& registry, const std::string& family,
                           const BackendConfig& backend);

// True when some plugin registered a backend (in any family) or a lister for SDK.
bool sdk_is_served(const Registry& registry, const std::string& sdk);

// The error for a backend whose sdk no plugin serves, with an install hint where one is known.
std::string unserved_sdk_message(const BackendConfig& backend);

}  // namespace seam::host
