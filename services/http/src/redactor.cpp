#include <seam/redactor.hpp>

#include <algorithm>
#include <cctype>

namespace seam::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void replace_all(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + kRedacted.size())) {
    text.replace(at, secret.size(), kRedacted);
  }
}

}  // namespace

Redactor::Redactor(std::vector<std::string> secrets) : secrets_(std::move(secrets)) {
  const std::size_t given = secrets_.size();
  for (std::size_t i = 0; i < given; ++i) {
    const std::string& s = secrets_[i];
    const std::size_t first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) continue;
    const std::size_t last = s.find_last_not_of(" \t\r\n");
    if (first != 0 || last + 1 != s.size()) secrets_.push_back(s.substr(first, last - first + 1));
  }
  secrets_.erase(std::remove(secrets_.begin(), secrets_.end(), std::string()), secrets_.end());
  // Longest first, so a secret that contains another is hidden whole rather than in pieces.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

bool Redactor::is_credential_header(std::string_view name) {
  for (std::string_view credential : {"authorization", "proxy-authorization", "x-api-key",
                                      "api-key", "x-goog-api-key", "cookie", "set-cookie"}) {
    if (iequals(name, credential)) return true;
  }
  return false;
}

std::string Redactor::redact(std::string_view text, const std::vector<std::string>& extra) const {
  std::string out(text);
  std::vector<std::string> all = extra;
  std::sort(all.begin(), all.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& secret : all) replace_all(out, secret);
  for (const std::string& secret : secrets_) replace_all(out, secret);
  return out;
}

std::string Redactor::redact_header(std::string_view line,
                                    const std::vector<std::string>& extra) const {
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos && is_credential_header(line.substr(0, colon))) {
    return std::string(line.substr(0, colon)) + ": " + std::string(kRedacted);
  }
  return redact(line, extra);
}

}  // namespace seam::http
