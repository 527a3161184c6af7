#include "chat_request.hpp"

#include <nlohmann/json.hpp>

#include "common/backend_failure.hpp"

namespace seam_ollama {

ModelSpec read_model(std::string_view model_json) {
  const nlohmann::json json = nlohmann::json::parse(model_json, nullptr, false);
  ModelSpec model;
  if (json.is_object()) {
    model.model_id = json.value("model_id", json.value("name", std::string()));
    if (auto options = json.find("options"); options != json.end() && options->is_object()) {
      model.options = *options;
    }
  }
  if (model.model_id.empty()) {
    throw seam_examples::BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                                        "ollama: the model has no model_id; set model_id in its "
                                        "[models.NAME], e.g. model_id = \"llama3.2\"");
  }
  return model;
}

ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings) {
  const nlohmann::json parsed = nlohmann::json::parse(request_json, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("messages") || !parsed["messages"].is_array()) {
    throw seam_examples::BackendFailure(
        SEAM_E_INVALID_ARGUMENT, "request",
        "backend " + settings.backend_name +
            ": the request needs a messages array, e.g. "
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }
  nlohmann::json request = model.options;
  request.update(parsed);
  ChatBody chat;
  chat.stream = request.value("stream", true);
  nlohmann::json body = {
      {"model", model.model_id}, {"messages", request["messages"]}, {"stream", chat.stream}};
  nlohmann::json options = nlohmann::json::object();
  if (auto it = settings.options.find("keep_alive"); it != settings.options.end()) {
    body["keep_alive"] = *it;
  }
  for (auto it = request.begin(); it != request.end(); ++it) {
    const std::string& key = it.key();
    if (key == "messages" || key == "stream" || key == "model") continue;
    bool top_level = false;
    for (const char* name : kTopLevelKeys) top_level = top_level || key == name;
    if (top_level) {
      body[key] = it.value();
    } else if (key == "max_tokens") {
      options["num_predict"] = it.value();
    } else if (key == "options" && it->is_object()) {
      options.update(it.value());
    } else {
      options[key] = it.value();
    }
  }
  if (!options.empty()) body["options"] = options;
  chat.json = body.dump();
  return chat;
}

}  // namespace seam_ollama
