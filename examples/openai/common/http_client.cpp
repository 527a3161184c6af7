#include "http_client.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>

#include <nlohmann/json.hpp>

#include "backend_failure.hpp"

namespace seam_examples {

namespace {

// Enough of an error body to explain it; more is noise.
constexpr std::size_t kMaxErrorBody = 64 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// What the C callbacks share with perform(). Nothing may unwind through the host's frames, so an
// exception is parked here and rethrown after perform returns.
struct CallState {
  const HttpCall* call = nullptr;
  HttpHead head;
  bool success = false;
  std::string error_body;
  std::exception_ptr thrown;
};

std::int32_t SEAM_CALL on_response(void* ctx, const seam_http_response_head* raw) {
  auto* state = static_cast<CallState*>(ctx);
  try {
    if (state->call->cancelled && state->call->cancelled()) throw seam::plugin::Cancelled();
    state->head.status = raw->status;
    for (std::size_t i = 0; i < raw->header_count; ++i)
      state->head.headers.emplace_back(raw->headers[i]);
    state->success = raw->status >= 200 && raw->status < 300;
    if (state->success && state->call->on_head && !state->call->on_head(state->head)) return 1;
    return 0;
  } catch (...) {
    state->thrown = std::current_exception();
    return 1;
  }
}

std::int32_t SEAM_CALL on_data(void* ctx, const char* data, size_t size) {
  auto* state = static_cast<CallState*>(ctx);
  try {
    if (state->call->cancelled && state->call->cancelled()) throw seam::plugin::Cancelled();
    if (!state->success) {
      // An error status: keep the body to quote the server's explanation.
      const std::size_t room = kMaxErrorBody - std::min(kMaxErrorBody, state->error_body.size());
      state->error_body.append(data, std::min(size, room));
      return 0;
    }
    if (state->call->on_data && !state->call->on_data(std::string_view(data, size))) return 1;
    return 0;
  } catch (...) {
    state->thrown = std::current_exception();
    return 1;
  }
}

// The host's message for a failed transfer, turned into advice for this backend.
BackendFailure transport_failure(const BackendSettings& s, std::int32_t status,
                                 const std::string& message, bool got_response) {
  const std::string name = "backend " + s.backend_name;
  switch (status) {
    case SEAM_E_TIMEOUT:
      return BackendFailure(SEAM_E_TIMEOUT, "timeout",
                            name + " did not answer in time: " + message +
                                "; raise timeout (or "
                                "connect_timeout) in " +
                                s.table() + ", or check the server");
    case SEAM_E_CANCELLED:
      return BackendFailure(SEAM_E_CANCELLED, "cancelled", name + ": " + message);
    case SEAM_E_BACKEND:
      if (got_response) {
        return BackendFailure(
            SEAM_E_BACKEND, "connection",
            name + ": the response was cut short: " + message + "; retry the request");
      }
      return BackendFailure(SEAM_E_BACKEND, "connection",
                            name + " cannot reach its server: " + message + "; check base_url in " +
                                s.table() + " and that the server is running");
    default:
      return BackendFailure(status, "request", name + ": " + message);
  }
}

}  // namespace

std::string HttpHead::header(std::string_view name) const {
  for (const std::string& line : headers) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos || !iequals(std::string_view(line).substr(0, colon), name))
      continue;
    std::size_t start = colon + 1;
    while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
    return line.substr(start);
  }
  return {};
}

HttpClient::HttpClient(const seam_host* host, BackendSettings settings)
    : http_(nullptr), settings_(std::move(settings)) {
  if (host != nullptr && host->get_service != nullptr) {
    http_ = static_cast<const seam_http_service*>(host->get_service(host, SEAM_HTTP_SERVICE_ID));
  }
  if (http_ == nullptr || !SEAM_HAS_FIELD(http_, seam_http_service, perform)) {
    throw BackendFailure(SEAM_E_UNSUPPORTED, "configuration",
                         "backend " + settings_.backend_name + " needs the host's HTTP service " +
                             SEAM_HTTP_SERVICE_ID +
                             ", which this host does not offer; run it with the seam command or "
                             "a host that provides " SEAM_HTTP_SERVICE_ID);
  }
}

void HttpClient::perform(const HttpCall& call) const {
  const std::optional<std::string> key = settings_.api_key();
  std::vector<std::string> lines = {"Accept: " + call.accept};
  if (!call.body.empty()) lines.push_back("Content-Type: application/json");
  if (key) lines.push_back("Authorization: Bearer " + *key);
  for (const std::string& line : settings_.extra_headers()) lines.push_back(line);
  for (const std::string& line : call.headers) lines.push_back(line);
  std::vector<const char*> header_ptrs;
  for (const std::string& line : lines) header_ptrs.push_back(line.c_str());
  header_ptrs.push_back(nullptr);
  const char* secrets[] = {key ? key->c_str() : nullptr, nullptr};

  const std::string url = this->url(call.path);
  seam_http_request request{};
  request.struct_size = sizeof(request);
  request.method = call.method.c_str();
  request.url = url.c_str();
  request.headers = header_ptrs.data();
  request.body = call.body.data();
  request.body_size = call.body.size();
  request.connect_timeout_ms = settings_.connect_timeout_ms;
  request.timeout_ms = settings_.timeout_ms;
  request.secret_values = secrets;

  CallState state;
  state.call = &call;
  seam_http_handler handler{};
  handler.struct_size = sizeof(handler);
  handler.ctx = &state;
  handler.on_response = &on_response;
  handler.on_data = &on_data;

  struct Message {
    seam_error error{sizeof(seam_error), 0, this, &Message::set};
    std::string text;
    static void SEAM_CALL set(seam_error* self, std::int32_t, const char* message) {
      try {
        static_cast<Message*>(self->host_ctx)->text = message != nullptr ? message : "";
      } catch (...) {
      }
    }
  } message;

  const std::int32_t status = http_->perform(http_, &request, &handler, &message.error);
  if (state.thrown) std::rethrow_exception(state.thrown);
  if (status != SEAM_OK)
    throw transport_failure(settings_, status, message.text, state.head.status != 0);
  if (!state.success) {
    throw http_status_failure(settings_, call.method + " " + url, state.head.status,
                              state.error_body, call.not_found_hint);
  }
}

nlohmann::json HttpClient::get_listing(const std::string& path, const std::string& key,
                                       const std::string& server) const {
  std::string body;
  HttpCall call;
  call.path = path;
  call.on_data = [&](std::string_view piece) {
    body.append(piece);
    return body.size() < (64u << 20);
  };
  perform(call);
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains(key) || !json[key].is_array()) {
    throw BackendFailure(SEAM_E_BACKEND, "stream",
                         "backend " + settings_.backend_name + " answered GET " + path +
                             " without a " + key + " array; check that base_url points at " +
                             server);
  }
  return std::move(json[key]);
}

std::string error_body_message(std::string_view body) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object()) {
    auto error = json.find("error");
    if (error != json.end() && error->is_object() && error->contains("message") &&
        (*error)["message"].is_string()) {
      return (*error)["message"].get<std::string>();
    }
    if (error != json.end() && error->is_string()) return error->get<std::string>();
    if (json.contains("message") && json["message"].is_string()) return json["message"];
  }
  std::string text(body.substr(0, 300));
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text.empty() ? "no explanation in the response body" : text;
}

BackendFailure http_status_failure(const BackendSettings& s, const std::string& what, int status,
                                   std::string_view body, const std::string& not_found_hint) {
  const std::string name = s.backend_name;
  const std::string detail =
      "(HTTP " + std::to_string(status) + " from " + what + ": " + error_body_message(body) + ")";
  if (status == 401 || status == 403) {
    const std::string advice =
        s.api_key_env.empty()
            ? "set api_key_env in " + s.table() + " to the variable that holds the API key"
            : "check the API key variable " + s.api_key_env;
    return BackendFailure(
        SEAM_E_BACKEND, "authentication",
        "authentication failed for backend " + name + ", " + advice + " " + detail);
  }
  if (status == 404) {
    return BackendFailure(
        SEAM_E_BACKEND, "not_found",
        "backend " + name + " answered 404 " + detail + "; " +
            (not_found_hint.empty() ? "check base_url in " + s.table() + " and the model_id"
                                    : not_found_hint));
  }
  if (status == 429) {
    return BackendFailure(SEAM_E_BACKEND, "rate_limit",
                          "backend " + name + " is rate limiting requests " + detail +
                              "; wait and retry, or check the account's quota");
  }
  if (status >= 500) {
    return BackendFailure(SEAM_E_BACKEND, "server",
                          "backend " + name + " failed on the server side " + detail +
                              "; retry later, or check the server's logs");
  }
  return BackendFailure(SEAM_E_BACKEND, "request",
                        "backend " + name + " refused the request " + detail +
                            "; check the model's options in seam.toml");
}

}  // namespace seam_examples
