// From a Seam llm request to the body of POST {base_url}/chat/completions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/backend_settings.hpp"

namespace seam_openai {

// The model a worker serves, from make_worker's model_json.
struct ModelSpec {
  std::string name;
  std::string model_id;
  nlohmann::json options = nlohmann::json::object();  // the model's default request options
};
ModelSpec read_model(std::string_view model_json);

struct ChatBody {
  std::string json;
  bool stream = true;
};

// The request's fields (messages, max_tokens, temperature ...) over the model's options pass
// through as OpenAI parameters (the seam command merges the options in already; other hosts may
// not, and the request's own fields win either way); "model" is the model_id, "stream"
// defaults to true, and a stream asks for a closing usage chunk unless the backend's option
// stream_usage is false (for servers that reject stream_options). Throws Failure when the request
// is not a JSON object with a messages array.
ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings);

}  // namespace seam_openai
