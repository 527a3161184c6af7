#include "chat_request.hpp"

#include <nlohmann/json.hpp>
#include <seam/seam.hpp>

#include "common/backend_failure.hpp"

namespace seam_openai {

using seam_examples::BackendFailure;

ModelSpec read_model(std::string_view model_json) {
  nlohmann::json json = nlohmann::json::parse(model_json, nullptr, false);
  ModelSpec model;
  if (json.is_object()) {
    model.name = json.value("name", std::string());
    model.model_id = json.value("model_id", model.name);
    if (auto options = json.find("options"); options != json.end() && options->is_object()) {
      model.options = *options;
    }
  }
  if (model.model_id.empty()) {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                         "openai: the model has no model_id; set model_id in its [models.NAME]");
  }
  return model;
}

ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings) {
  const nlohmann::json request = nlohmann::json::parse(request_json, nullptr, false);
  if (!request.is_object() || !request.contains("messages") || !request["messages"].is_array()) {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "request",
                         "backend " + settings.backend_name +
                             ": the request needs a messages array, e.g. "
                             "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }
  nlohmann::json body = model.options;
  body.update(request);
  ChatBody chat;
  chat.stream = body.value("stream", true);
  body["model"] = model.model_id;
  body["stream"] = chat.stream;
  if (chat.stream && settings.options.value("stream_usage", true) &&
      !body.contains("stream_options")) {
    body["stream_options"] = {{"include_usage", true}};
  }
  chat.json = body.dump();
  return chat;
}

}  // namespace seam_openai
