#include "chat_request.hpp"

#include <nlohmann/json.hpp>
#include <seam/seam.hpp>

#include "common/backend_failure.hpp"

namespace seam_openai {

using seam_examples::BackendFailure;

ModelSpec read_model(std::string_view model_json) {
  return seam_examples::read_model(model_json, "openai", "gpt-4o-mini");
}

ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings) {
  nlohmann::json body = seam_examples::merged_request(request_json, model, settings);
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
