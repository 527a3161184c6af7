// From a Seam llm request to the body of Ollama's POST {base_url}/api/chat.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/backend_settings.hpp"

namespace seam_ollama {

// Ollama's top-level chat parameters; every other field of the request (besides messages) is a
// model parameter and goes into "options".
inline constexpr const char* kTopLevelKeys[] = {"format", "keep_alive", "think", "tools"};

// The model a worker serves, from make_worker's model_json.
struct ModelSpec {
  std::string model_id;
  nlohmann::json options = nlohmann::json::object();  // the model's default request options
};
// Throws Failure when the model has no model_id.
ModelSpec read_model(std::string_view model_json);

struct ChatBody {
  std::string json;
  bool stream = true;
};

// The request's fields over the model's options (the seam command merges them already; other hosts
// may not): messages pass through; max_tokens becomes options.num_predict; temperature and the
// model's other options (num_ctx, top_k, seed ...) go into options; "stream" defaults to true; the
// backend's keep_alive option applies unless the model sets its own. Throws Failure when the
// request is not a JSON object with a messages array.
ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings);

}  // namespace seam_ollama
