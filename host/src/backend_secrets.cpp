#include "backend_secrets.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace seam::host {

std::vector<std::string> configured_secrets(const Config& config) {
  std::vector<std::string> secrets;
  for (const auto& [name, backend] : config.backends) {
    if (!backend.api_key_env.empty()) {
      // The key's variable is named by the configuration, so it is read even in secure mode: the
      // key is the caller's own and hiding it is the point.
      if (const char* value = std::getenv(backend.api_key_env.c_str()); value && *value) {
        secrets.emplace_back(value);
      }
    }
    // Values of headers a backend sends (options.headers) are credentials as often as not.
    const auto table = nlohmann::json::parse(backend.config_json, nullptr, false);
    if (table.is_object() && table.contains("options") && table["options"].is_object()) {
      const auto& options = table["options"];
      if (auto headers = options.find("headers");
          headers != options.end() && headers->is_object()) {
        for (const auto& value : *headers) {
          if (value.is_string()) secrets.push_back(value.get<std::string>());
        }
      }
    }
  }
  return secrets;
}

}  // namespace seam::host
