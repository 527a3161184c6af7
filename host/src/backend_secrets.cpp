#include "backend_secrets.hpp"

#include <cstdlib>

namespace seam::host {

std::vector<std::string> configured_secrets(const Config& config) {
  std::vector<std::string> secrets;
  for (const auto& [name, backend] : config.backends) {
    if (backend.api_key_env.empty()) continue;
    if (const char* value = std::getenv(backend.api_key_env.c_str()); value && *value) {
      secrets.emplace_back(value);
    }
  }
  return secrets;
}

}  // namespace seam::host
