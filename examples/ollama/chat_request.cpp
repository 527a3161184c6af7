#include "chat_request.hpp"

#include <nlohmann/json.hpp>

#include "common/backend_failure.hpp"

namespace seam_ollama {

ModelSpec read_model(std::string_view model_json) {
  return seam_examples::read_model(model_json, "ollama", "llama3.2");
}

ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings) {
  const nlohmann::json request = seam_examples::merged_request(request_json, model, settings);
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
