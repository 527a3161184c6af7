// From a Seam llm request to the body of Ollama's POST {base_url}/api/chat.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/chat_model.hpp"

namespace seam_ollama {

// Ollama's top-level chat parameters; every other field of the request (besides messages) is a
// model parameter and goes into "options".
inline constexpr const char* kTopLevelKeys[] = {"format", "keep_alive", "think", "tools"};

using seam_examples::ChatBody;
using seam_examples::ModelSpec;

// The model a worker serves (read_model with ollama's wording).
ModelSpec read_model(std::string_view model_json);

// The request's fields over the model's options (merged_request): messages pass through; max_tokens
// becomes options.num_predict; temperature and the model's other options (num_ctx, top_k, seed ...)
// go into options; "stream" defaults to true; the backend's keep_alive option applies unless the
// model sets its own. Throws Failure when the request is not a JSON object with a messages array.
ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings);

}  // namespace seam_ollama
