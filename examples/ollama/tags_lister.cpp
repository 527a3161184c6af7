#include "tags_lister.hpp"

#include <nlohmann/json.hpp>

#include "chat_worker.hpp"
#include "common/http_client.hpp"

namespace seam_ollama {

using seam_examples::BackendSettings;

void list_models(const seam::plugin::ListArgs& args, const seam::plugin::Models& models) {
  BackendSettings settings = BackendSettings::read(args.backend_name(), args.backend_config_json(),
                                                   kDefaultBaseUrl, known_options());
  seam_examples::HttpClient http(args.host().get(), settings);
  const nlohmann::json listing = http.get_listing("/api/tags", "models", "an Ollama server");
  for (const nlohmann::json& entry : listing) {
    if (!entry.is_object()) continue;
    const std::string id = entry.value("name", entry.value("model", std::string()));
    if (id.empty()) continue;
    nlohmann::json extra = entry;
    extra.erase("name");
    models.emit(id, "llm", id, extra.dump());
  }
}

}  // namespace seam_ollama
