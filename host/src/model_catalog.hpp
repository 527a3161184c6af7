// Resolving a model name to the backend instance and (family, sdk) that serve it.
#pragma once

#include <string>

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

// The JSON handed to make_worker as model_json: {"name","model_id","options"}.
std::string model_json(const ModelConfig& model);

}  // namespace seam::host
