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
  std::string body;
  seam_examples::HttpCall call;
  call.path = "/models";
  call.on_data = [&](std::string_view piece) {
    body.append(piece);
    return body.size() < (64u << 20);
  };
  try {
    http.perform(call);
  } catch (const BackendFailure& failure) {
    if (failure.kind() != "not_found" && failure.kind() != "request") throw;
    throw seam::plugin::Unsupported("backend " + settings.backend_name +
                                    "'s server does not offer GET /models (" + failure.what() +
                                    "); name its models by id in [models.NAME] model_id");
  }
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("data") || !json["data"].is_array()) {
    throw BackendFailure(SEAM_E_BACKEND, "stream",
                         "backend " + settings.backend_name +
                             " answered GET /models without a data array; check that base_url "
                             "points at an OpenAI-compatible API");
  }
  for (const nlohmann::json& entry : json["data"]) {
    if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) continue;
    const std::string id = entry["id"];
    nlohmann::json extra = entry;
    extra.erase("id");
    extra.erase("object");
    models.emit(id, "llm", id, extra.dump());
  }
}

}  // namespace seam_openai
