// What the openai and ollama chat workers share about a request: the model a worker serves, and
// the request merged over that model's default options.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "backend_settings.hpp"

namespace seam_examples {

// The model a worker serves, from make_worker's model_json.
struct ModelSpec {
  std::string model_id;
  nlohmann::json options = nlohmann::json::object();  // the model's default request options
};

// model_id (default: the model's name) and options from MODEL_JSON. Throws BackendFailure naming
// SDK, with EXAMPLE_ID as a model_id to copy, when there is none.
ModelSpec read_model(std::string_view model_json, std::string_view sdk,
                     std::string_view example_id);

// A request body for the server, and whether its answer streams.
struct ChatBody {
  std::string json;
  bool stream = true;
};

// REQUEST_JSON's fields over MODEL's options (the seam command merges them already; other hosts
// may not, and the request's own fields win either way). Throws BackendFailure naming the backend
// when the request is not a JSON object with a messages array.
nlohmann::json merged_request(std::string_view request_json, const ModelSpec& model,
                              const BackendSettings& settings);

}  // namespace seam_examples
