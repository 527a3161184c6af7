// The API keys the configured backends will use, read from the variables named by api_key_env, so
// the HTTP service can redact them from captures and messages. They are kept in memory only.
#pragma once

#include <string>
#include <vector>

#include "config.hpp"

namespace seam::host {

// The non-empty values of every configured backend's api_key_env variable.
std::vector<std::string> configured_secrets(const Config& config);

}  // namespace seam::host
