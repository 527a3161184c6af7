// What must never leave a host: the credential headers and every secret value, wherever it shows
// up (a header, a URL's query, a body, an error message, a log line, a JSON event). One Redactor
// serves the HTTP capture, the `seam` command's error messages, log lines and --json output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seam::http {

inline constexpr std::string_view kRedacted = "[REDACTED]";

class Redactor {
 public:
  // SECRETS are values to hide everywhere (e.g. the API keys read from the configured variables);
  // empty ones are ignored, and each is also hidden without the white space around it (a key read
  // from a file often ends in a newline).
  explicit Redactor(std::vector<std::string> secrets = {});

  // True for Authorization, Proxy-Authorization, x-api-key, api-key, x-goog-api-key, Cookie and
  // Set-Cookie, in any case.
  static bool is_credential_header(std::string_view name);

  // TEXT with every secret, and every value in EXTRA, replaced by [REDACTED].
  std::string redact(std::string_view text, const std::vector<std::string>& extra = {}) const;

  // A "Name: value" header line with its value replaced when the header carries credentials, and
  // secrets replaced otherwise.
  std::string redact_header(std::string_view line,
                            const std::vector<std::string>& extra = {}) const;

  // Whether there is anything to hide at all (so hot paths can skip the copy).
  bool empty() const noexcept { return secrets_.empty(); }

 private:
  std::vector<std::string> secrets_;
};

}  // namespace seam::http
