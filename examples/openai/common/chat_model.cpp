#include "chat_model.hpp"

#include <seam/seam.h>

#include "backend_failure.hpp"

namespace seam_examples {

ModelSpec read_model(std::string_view model_json, std::string_view sdk,
                     std::string_view example_id) {
  const nlohmann::json json = nlohmann::json::parse(model_json, nullptr, false);
  ModelSpec model;
  if (json.is_object()) {
    model.model_id = json.value("model_id", json.value("name", std::string()));
    if (auto options = json.find("options"); options != json.end() && options->is_object()) {
      model.options = *options;
    }
  }
  if (model.model_id.empty()) {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                         std::string(sdk) +
                             ": the model has no model_id; set model_id in its [models.NAME], "
                             "e.g. model_id = \"" +
                             std::string(example_id) + "\"");
  }
  return model;
}

nlohmann::json merged_request(std::string_view request_json, const ModelSpec& model,
                              const BackendSettings& settings) {
  const nlohmann::json request = nlohmann::json::parse(request_json, nullptr, false);
  if (!request.is_object() || !request.contains("messages") || !request["messages"].is_array()) {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "request",
                         "backend " + settings.backend_name +
                             ": the request needs a messages array, e.g. "
                             "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }
  nlohmann::json merged = model.options;
  merged.update(request);
  return merged;
}

}  // namespace seam_examples
