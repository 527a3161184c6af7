#include "model_lister.hpp"

#include <nlohmann/json.hpp>

#include "chat_worker.hpp"
#include "common/backend_failure.hpp"
#include "common/http_client.hpp"

namespace seam_openai {

using seam_examples::BackendFailure;
using seam_examples::BackendSettings;

void list_models(const seam::plugin::ListArgs& args, const seam::plugin::Models& models) {
  BackendSettings settings = BackendSettings::read(args.backend_name(), args.backend_config_json(),
                                                   kDefaultBaseUrl, known_options());
  seam_examples::HttpClient http(args.host().get(), settings);
  nlohmann::json listing;
  try {
    listing = http.get_listing("/models", "data", "an OpenAI-compatible API");
  } catch (const BackendFailure& failure) {
    if (failure.kind() != "not_found" && failure.kind() != "request") throw;
    throw seam::plugin::Unsupported("backend " + settings.backend_name +
                                    "'s server does not offer GET /models (" + failure.what() +
                                    "); name its models by id in [models.NAME] model_id");
  }
  for (const nlohmann::json& entry : listing) {
    if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) continue;
    const std::string id = entry["id"];
    nlohmann::json extra = entry;
    extra.erase("id");
    extra.erase("object");
    models.emit(id, "llm", id, extra.dump());
  }
}

}  // namespace seam_openai
