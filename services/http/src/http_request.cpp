#include "http_request.hpp"

#include <array>
#include <cstddef>

namespace seam::http {

namespace {

constexpr std::array<std::string_view, 6> kMethods = {"GET",    "POST",  "PUT",
                                                      "DELETE", "PATCH", "HEAD"};

// Copies a NULL-terminated string list; a NULL list is empty.
std::vector<std::string> copy_list(const char* const* list) {
  std::vector<std::string> out;
  for (; list != nullptr && *list != nullptr; ++list) out.emplace_back(*list);
  return out;
}

}  // namespace

std::optional<std::string> read_request(const seam_http_request* request, HttpRequest& out) {
  if (request == nullptr) return "perform: request is NULL";
  if (!SEAM_HAS_FIELD(request, seam_http_request, url)) {
    return "perform: request->struct_size (" + std::to_string(request->struct_size) +
           ") is too small to hold method and url; set it to sizeof(seam_http_request)";
  }
  if (request->method == nullptr) return "perform: request->method is NULL";
  out.method = request->method;
  bool known = false;
  for (std::string_view method : kMethods) known = known || method == out.method;
  if (!known)
    return "perform: unknown method '" + out.method +
           "' (use GET, POST, PUT, DELETE, "
           "PATCH or HEAD)";
  if (request->url == nullptr || *request->url == '\0') return "perform: request->url is empty";
  out.url = request->url;
  if (out.url.rfind("http://", 0) != 0 && out.url.rfind("https://", 0) != 0) {
    return "perform: the url '" + out.url + "' must start with http:// or https://";
  }

  if (SEAM_HAS_FIELD(request, seam_http_request, headers)) {
    out.headers = copy_list(request->headers);
    for (const std::string& line : out.headers) {
      if (line.find_first_of("\r\n") != std::string::npos || line.find(':') == std::string::npos) {
        return "perform: the header line '" + line + "' must be \"Name: value\" without CR or LF";
      }
    }
  }
  if (SEAM_HAS_FIELD(request, seam_http_request, body_size) && request->body_size > 0) {
    if (request->body == nullptr) return "perform: request->body is NULL but body_size is not 0";
    out.body = std::string_view(request->body, request->body_size);
  }
  if (SEAM_HAS_FIELD(request, seam_http_request, connect_timeout_ms)) {
    out.connect_timeout_ms = request->connect_timeout_ms;
  }
  if (SEAM_HAS_FIELD(request, seam_http_request, timeout_ms)) out.timeout_ms = request->timeout_ms;
  if (SEAM_HAS_FIELD(request, seam_http_request, secret_values)) {
    out.secret_values = copy_list(request->secret_values);
  }
  return std::nullopt;
}

}  // namespace seam::http
