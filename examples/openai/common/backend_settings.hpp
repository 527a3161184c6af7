// What an HTTP backend reads from its [backends.NAME] table (handed over as backend_config_json):
// base_url, api_key_env, connect_timeout and timeout in seconds, and the plugin's own options.
// Shared by the openai and ollama example plugins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace seam_examples {

struct BackendSettings {
  std::string backend_name;
  std::string base_url;     // without a trailing '/'
  std::string api_key_env;  // empty: the backend sends no key
  std::uint32_t connect_timeout_ms = 10'000;
  std::uint32_t timeout_ms = 600'000;
  nlohmann::json options = nlohmann::json::object();

  // Reads CONFIG_JSON. DEFAULT_BASE_URL applies when base_url is absent; KNOWN_OPTIONS lists the
  // keys the plugin understands in the options table. Throws seam::plugin::Failure
  // (SEAM_E_INVALID_ARGUMENT) naming the table and the key when something is wrong.
  static BackendSettings read(std::string_view backend_name, std::string_view config_json,
                              std::string_view default_base_url,
                              const std::vector<std::string>& known_options);

  // "[backends.NAME]", for messages.
  std::string table() const { return "[backends." + backend_name + "]"; }

  // The API key from the variable named by api_key_env, read now (never stored in the config).
  // nullopt when the backend has no api_key_env; throws Failure naming the variable when it is
  // named but not set.
  std::optional<std::string> api_key() const;

  // The "headers" option (a table of strings) as "Name: value" lines.
  std::vector<std::string> extra_headers() const;
};

}  // namespace seam_examples
