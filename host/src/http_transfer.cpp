#include "http_transfer.hpp"

#include <memory>
#include <vector>

namespace seam::host {

namespace {

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  bool append(const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr) return false;
    list = next;
    return true;
  }
};

// Everything the callbacks share. They run inside curl_easy_perform on the caller's thread.
struct Exchange {
  CURL* handle = nullptr;
  const seam_http_handler* handler = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  CapturedExchange* capture = nullptr;
  std::vector<std::string> header_lines;  // of the latest response block
  bool head_delivered = false;
  bool handler_stopped = false;
  bool host_cancelled = false;
  bool callback_failed = false;  // out of memory inside a callback
};

bool handler_has(const seam_http_handler& handler, std::size_t end_of_field) {
  return handler.struct_size >= end_of_field;
}

auto on_response_of(const seam_http_handler& h) {
  return handler_has(h, offsetof(seam_http_handler, on_response) + sizeof(h.on_response))
             ? h.on_response
             : nullptr;
}

auto on_data_of(const seam_http_handler& h) {
  return handler_has(h, offsetof(seam_http_handler, on_data) + sizeof(h.on_data)) ? h.on_data
                                                                                  : nullptr;
}

// Hands the final response's status and headers to the plugin, once. False when it said stop.
bool deliver_head(Exchange& x) {
  if (x.head_delivered) return true;
  x.head_delivered = true;
  long code = 0;
  curl_easy_getinfo(x.handle, CURLINFO_RESPONSE_CODE, &code);
  if (x.capture != nullptr) {
    x.capture->status = static_cast<int>(code);
    x.capture->response_headers = x.header_lines;
  }
  auto on_response = on_response_of(*x.handler);
  if (on_response == nullptr) return true;
  std::vector<const char*> lines;
  lines.reserve(x.header_lines.size() + 1);
  for (const std::string& line : x.header_lines) lines.push_back(line.c_str());
  lines.push_back(nullptr);
  seam_http_response_head head{};
  head.struct_size = sizeof(head);
  head.status = static_cast<std::int32_t>(code);
  head.headers = lines.data();
  head.header_count = x.header_lines.size();
  if (on_response(x.handler->ctx, &head) != 0) {
    x.handler_stopped = true;
    return false;
  }
  return true;
}

// Nothing may unwind into libcurl's C frames: each callback catches everything.

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  const size_t total = size * count;
  try {
    std::string line(data, total);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    // A status line starts a new response (after a 1xx, for instance): only the last one counts.
    if (line.rfind("HTTP/", 0) == 0) {
      x.header_lines.clear();
    } else if (!line.empty()) {
      x.header_lines.push_back(std::move(line));
    }
  } catch (...) {
    x.callback_failed = true;
    return 0;
  }
  return total;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  const size_t total = size * count;
  try {
    if (!deliver_head(x)) return 0;
    if (x.capture != nullptr) x.capture->response_body.append(data, total);
    auto on_data = on_data_of(*x.handler);
    if (on_data != nullptr && total > 0 && on_data(x.handler->ctx, data, total) != 0) {
      x.handler_stopped = true;
      return 0;
    }
  } catch (...) {
    x.callback_failed = true;
    return 0;
  }
  return total;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& x = *static_cast<Exchange*>(user);
  if (x.cancel != nullptr && x.cancel->load(std::memory_order_relaxed)) {
    x.host_cancelled = true;
    return 1;
  }
  return 0;
}

std::string describe(const HttpRequest& request) {
  return request.method + " " + request.url;
}

double milliseconds(CURL* handle, CURLINFO info) {
  curl_off_t us = 0;
  curl_easy_getinfo(handle, info, &us);
  return static_cast<double>(us) / 1000.0;
}

TransferResult failure(std::int32_t status, std::string message) {
  return TransferResult{status, std::move(message)};
}

// Turns libcurl's verdict into a status and a message naming the request and the cause.
TransferResult classify(CURLcode code, const Exchange& x, const HttpRequest& request,
                        const char* detail, std::uint32_t connect_timeout_ms) {
  const std::string what = describe(request);
  const std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  if (x.callback_failed) return failure(SEAM_E_NO_MEMORY, what + ": out of memory");
  if (x.host_cancelled)
    return failure(SEAM_E_CANCELLED, what + ": interrupted (cancelled by the host)");
  if (x.handler_stopped) return failure(SEAM_E_CANCELLED, what + ": cancelled by the handler");
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t connected = 0;
      curl_easy_getinfo(x.handle, CURLINFO_CONNECT_TIME_T, &connected);
      if (connected == 0) {
        return failure(SEAM_E_TIMEOUT, what + ": no connection within the connect timeout of " +
                                           std::to_string(connect_timeout_ms) + " ms (" + why +
                                           ")");
      }
      return failure(SEAM_E_TIMEOUT, what + ": no complete response within the timeout of " +
                                         std::to_string(request.timeout_ms) + " ms (" + why + ")");
    }
    case CURLE_COULDNT_CONNECT:
      return failure(SEAM_E_BACKEND, what + ": could not connect (" + why + ")");
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return failure(SEAM_E_BACKEND, what + ": could not resolve the host name (" + why + ")");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
      return failure(SEAM_E_BACKEND, what + ": TLS verification failed (" + why + ")");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return failure(SEAM_E_INVALID_ARGUMENT, what + ": the URL is not usable (" + why + ")");
    case CURLE_OUT_OF_MEMORY:
      return failure(SEAM_E_NO_MEMORY, what + ": out of memory");
    default:
      return failure(SEAM_E_BACKEND,
                     what + ": " + why + " (libcurl error " + std::to_string(code) + ")");
  }
}

bool set_method(CURL* h, const HttpRequest& request) {
  const std::string& method = request.method;
  if (method == "HEAD") return curl_easy_setopt(h, CURLOPT_NOBODY, 1L) == CURLE_OK;
  if (method == "GET" && request.body.empty()) {
    return curl_easy_setopt(h, CURLOPT_HTTPGET, 1L) == CURLE_OK;
  }
  if (method == "POST" || !request.body.empty()) {
    // POSTFIELDS is not copied: the body stays valid for the whole perform call.
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.empty() ? "" : request.body.data());
  }
  if (method == "POST") return true;
  return curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str()) == CURLE_OK;
}

}  // namespace

TransferResult run_transfer(CURL* handle, const HttpRequest& request,
                            const seam_http_handler& handler, const TransferSettings& settings,
                            CapturedExchange* capture) {
  Exchange x;
  x.handle = handle;
  x.handler = &handler;
  x.cancel = settings.cancel;
  x.capture = capture;
  if (capture != nullptr) {
    capture->method = request.method;
    capture->url = request.url;
    capture->request_headers = request.headers;
    capture->request_body = std::string(request.body);
    capture->secret_values = request.secret_values;
  }
  if (settings.cancel != nullptr && settings.cancel->load()) {
    return failure(SEAM_E_CANCELLED, describe(request) + ": cancelled by the host");
  }

  HeaderList headers;
  for (const std::string& line : request.headers) {
    if (!headers.append(line)) return failure(SEAM_E_NO_MEMORY, "perform: out of memory");
  }
  // An empty "Expect:" stops libcurl from waiting for a 100 Continue before sending a large body.
  if (!headers.append("Expect:")) return failure(SEAM_E_NO_MEMORY, "perform: out of memory");

  const std::uint32_t connect_timeout_ms = request.connect_timeout_ms != 0
                                               ? request.connect_timeout_ms
                                               : settings.default_connect_timeout_ms;
  char detail[CURL_ERROR_SIZE] = "";
  CURL* h = handle;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.list);
  if (!set_method(h, request)) return failure(SEAM_E_INTERNAL, "perform: cannot set the method");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL,
                   1L);  // timeouts without SIGALRM: perform runs on any thread
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_bundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, settings.ca_bundle.c_str());
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  if (!settings.user_agent.empty())
    curl_easy_setopt(h, CURLOPT_USERAGENT, settings.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &x);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);

  CURLcode code = curl_easy_perform(h);
  if (capture != nullptr) {
    capture->first_byte_ms = milliseconds(h, CURLINFO_STARTTRANSFER_TIME_T);
    capture->total_ms = milliseconds(h, CURLINFO_TOTAL_TIME_T);
  }
  // The error buffer and the header list die with this frame: the handle must not keep them.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);

  TransferResult result;
  if (code == CURLE_OK) {
    // A response with an empty body reaches the plugin here.
    if (!deliver_head(x))
      result = classify(CURLE_WRITE_ERROR, x, request, detail, connect_timeout_ms);
  } else {
    result = classify(code, x, request, detail, connect_timeout_ms);
  }
  if (capture != nullptr && result.status != SEAM_OK) {
    capture->outcome = result.status == SEAM_E_CANCELLED ? "cancelled"
                       : result.status == SEAM_E_TIMEOUT ? "timeout"
                                                         : "error";
    capture->error = result.message;
    if (!x.head_delivered) capture->status = 0;
  }
  return result;
}

}  // namespace seam::host
