#include "tags_lister.hpp"

#include <nlohmann/json.hpp>

#include "chat_worker.hpp"
#include "common/backend_failure.hpp"
#include "common/http_client.hpp"

namespace seam_ollama {

using seam_examples::BackendFailure;
using seam_examples::BackendSettings;

void list_models(const seam::plugin::ListArgs& args, const seam::plugin::Models& models) {
  BackendSettings settings = BackendSettings::read(args.backend_name(), args.backend_config_json(),
                                                   kDefaultBaseUrl, known_options());
  seam_examples::HttpClient http(args.host().get(), settings);
  std::string body;
  seam_examples::HttpCall call;
  call.path = "/api/tags";
  call.on_data = [&](std::string_view piece) {
    body.append(piece);
    return body.size() < (64u << 20);
  };
  http.perform(call);
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("models") || !json["models"].is_array()) {
    throw BackendFailure(SEAM_E_BACKEND, "stream",
                         "backend " + settings.backend_name +
                             " answered GET /api/tags without a models array; check that "
                             "base_url points at an Ollama server");
  }
  for (const nlohmann::json& entry : json["models"]) {
    if (!entry.is_object()) continue;
    const std::string id = entry.value("name", entry.value("model", std::string()));
    if (id.empty()) continue;
    nlohmann::json extra = entry;
    extra.erase("name");
    models.emit(id, "llm", id, extra.dump());
  }
}

}  // namespace seam_ollama
