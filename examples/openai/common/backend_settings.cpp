#include "backend_settings.hpp"

#include <cmath>
#include <cstdlib>

#include <seam/seam.hpp>

#include "backend_failure.hpp"

namespace seam_examples {

namespace {

using seam::plugin::Failure;

std::uint32_t milliseconds(const nlohmann::json& config, const char* key, std::uint32_t fallback,
                           const std::string& table) {
  auto it = config.find(key);
  if (it == config.end()) return fallback;
  if (!it->is_number() || !(it->get<double>() > 0) || it->get<double>() > 4'000'000) {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                         table + " " + key + " must be a positive number of seconds, e.g. 30");
  }
  return static_cast<std::uint32_t>(std::ceil(it->get<double>() * 1000.0));
}

}  // namespace

BackendSettings BackendSettings::read(std::string_view backend_name, std::string_view config_json,
                                      std::string_view default_base_url,
                                      const std::vector<std::string>& known_options) {
  BackendSettings settings;
  settings.backend_name = backend_name;
  const std::string table = settings.table();
  nlohmann::json config = nlohmann::json::parse(config_json, nullptr, false);
  if (!config.is_object()) {
    throw BackendFailure(
        SEAM_E_INVALID_ARGUMENT, "configuration",
        "backend " + settings.backend_name + ": its configuration is not a JSON object");
  }
  settings.base_url = config.value("base_url", std::string(default_base_url));
  while (!settings.base_url.empty() && settings.base_url.back() == '/')
    settings.base_url.pop_back();
  if (settings.base_url.rfind("http://", 0) != 0 && settings.base_url.rfind("https://", 0) != 0) {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                         table + " base_url must start with http:// or https://");
  }
  if (auto env = config.find("api_key_env"); env != config.end()) {
    if (!env->is_string())
      throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                           table + " api_key_env must be a string");
    settings.api_key_env = env->get<std::string>();
  }
  settings.connect_timeout_ms =
      milliseconds(config, "connect_timeout", settings.connect_timeout_ms, table);
  settings.timeout_ms = milliseconds(config, "timeout", settings.timeout_ms, table);
  if (auto options = config.find("options"); options != config.end()) {
    if (!options->is_object())
      throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                           table + " options must be a table");
    settings.options = *options;
  }
  for (auto it = settings.options.begin(); it != settings.options.end(); ++it) {
    bool known = false;
    std::string list;
    for (const std::string& option : known_options) {
      known = known || option == it.key();
      list += (list.empty() ? "" : ", ") + option;
    }
    if (!known) {
      throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                           "backend " + settings.backend_name + ": unknown option '" + it.key() +
                               "' in " + table + " options (known: " + list + ")");
    }
  }
  if (auto headers = settings.options.find("headers"); headers != settings.options.end()) {
    bool strings = headers->is_object();
    for (const auto& value : *headers) strings = strings && value.is_string();
    if (!strings) {
      throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                           table +
                               " options.headers must be a table of strings, e.g. headers = { "
                               "\"OpenAI-Organization\" = \"org-123\" }");
    }
  }
  return settings;
}

std::optional<std::string> BackendSettings::api_key() const {
  if (api_key_env.empty()) return std::nullopt;
  const char* value = std::getenv(api_key_env.c_str());
  if (value == nullptr || *value == '\0') {
    throw BackendFailure(SEAM_E_INVALID_ARGUMENT, "configuration",
                         "backend " + backend_name +
                             " needs an API key in the environment variable " + api_key_env +
                             ", which is not set; export " + api_key_env +
                             "=... before running seam (the key never goes into seam.toml)");
  }
  return std::string(value);
}

std::vector<std::string> BackendSettings::extra_headers() const {
  std::vector<std::string> lines;
  if (auto headers = options.find("headers"); headers != options.end()) {
    for (auto it = headers->begin(); it != headers->end(); ++it) {
      lines.push_back(it.key() + ": " + it->get<std::string>());
    }
  }
  return lines;
}

}  // namespace seam_examples
