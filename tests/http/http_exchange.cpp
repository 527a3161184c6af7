#include "http_exchange.hpp"

#include <strings.h>

namespace seam::test {

namespace {

struct State {
  const HttpRequestSpec* spec;
  HttpExchange* out;
  std::chrono::steady_clock::time_point start;
};

std::int32_t SEAM_CALL on_response(void* ctx, const seam_http_response_head* head) {
  auto* s = static_cast<State*>(ctx);
  ++s->out->head_calls;
  s->out->http_status = head->status;
  for (std::size_t i = 0; i < head->header_count; ++i)
    s->out->headers.emplace_back(head->headers[i]);
  return s->spec->stop_after_pieces == 0 ? 1 : 0;
}

std::int32_t SEAM_CALL on_data(void* ctx, const char* data, size_t size) {
  auto* s = static_cast<State*>(ctx);
  if (s->out->pieces == 0) {
    s->out->first_piece_after = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - s->start);
  }
  ++s->out->pieces;
  s->out->body.append(data, size);
  return s->spec->stop_after_pieces && s->out->pieces >= *s->spec->stop_after_pieces ? 1 : 0;
}

void SEAM_CALL set_error(seam_error* self, std::int32_t, const char* message) {
  *static_cast<std::string*>(self->host_ctx) = message != nullptr ? message : "";
}

}  // namespace

std::string HttpExchange::header(const std::string& name) const {
  for (const std::string& line : headers) {
    if (line.size() > name.size() && line[name.size()] == ':' &&
        strncasecmp(line.c_str(), name.c_str(), name.size()) == 0) {
      std::size_t start = name.size() + 1;
      while (start < line.size() && line[start] == ' ') ++start;
      return line.substr(start);
    }
  }
  return {};
}

HttpExchange perform(const seam_http_service* http, const HttpRequestSpec& spec) {
  std::vector<const char*> headers;
  for (const std::string& h : spec.headers) headers.push_back(h.c_str());
  headers.push_back(nullptr);
  std::vector<const char*> secrets;
  for (const std::string& s : spec.secret_values) secrets.push_back(s.c_str());
  secrets.push_back(nullptr);

  seam_http_request request{};
  request.struct_size = sizeof(request);
  request.method = spec.method.c_str();
  request.url = spec.url.c_str();
  request.headers = headers.data();
  request.body = spec.body.data();
  request.body_size = spec.body.size();
  request.connect_timeout_ms = spec.connect_timeout_ms;
  request.timeout_ms = spec.timeout_ms;
  request.secret_values = secrets.data();

  HttpExchange out;
  State state{&spec, &out, std::chrono::steady_clock::now()};
  seam_http_handler handler{};
  handler.struct_size = sizeof(handler);
  handler.ctx = &state;
  handler.on_response = &on_response;
  handler.on_data = &on_data;
  seam_error error{sizeof(seam_error), 0, &out.error, &set_error};
  out.status = http->perform(http, &request, &handler, &error);
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - state.start);
  return out;
}

}  // namespace seam::test
