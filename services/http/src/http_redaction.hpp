// What a capture must never record: the credential headers and every secret value, wherever it
// shows up (a header, the URL's query, a body).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seam::http {

inline constexpr std::string_view kRedacted = "[REDACTED]";

class Redactor {
 public:
  // SECRETS are values to hide everywhere (e.g. the API keys read from the configured variables);
  // empty ones are ignored.
  explicit Redactor(std::vector<std::string> secrets = {});

  // True for Authorization, Proxy-Authorization and x-api-key, in any case.
  static bool is_credential_header(std::string_view name);

  // TEXT with every secret, and every value in EXTRA, replaced by [REDACTED].
  std::string redact(std::string_view text, const std::vector<std::string>& extra = {}) const;

  // A "Name: value" header line with its value replaced when the header carries credentials, and
  // secrets replaced otherwise.
  std::string redact_header(std::string_view line,
                            const std::vector<std::string>& extra = {}) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace seam::http
