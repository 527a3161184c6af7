// From a Seam llm request to the body of POST {base_url}/chat/completions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/chat_model.hpp"

namespace seam_openai {

using seam_examples::ChatBody;
using seam_examples::ModelSpec;

// The model a worker serves (read_model with openai's wording).
ModelSpec read_model(std::string_view model_json);

// The request's fields (messages, max_tokens, temperature ...) over the model's options
// (merged_request) pass through as OpenAI parameters; "model" is the model_id, "stream"
// defaults to true, and a stream asks for a closing usage chunk unless the backend's option
// stream_usage is false (for servers that reject stream_options). Throws Failure when the request
// is not a JSON object with a messages array.
ChatBody chat_body(std::string_view request_json, const ModelSpec& model,
                   const seam_examples::BackendSettings& settings);

}  // namespace seam_openai
