#include "http_transfer.hpp"

#include <chrono>
#include <vector>

namespace seam::http {

namespace {

// How long one wait for the network may last before the cancel flag is looked at again.
constexpr int kPollMs = 100;
// libcurl may read a fast stream for a long while in one pass; past this many bytes the plugin gets
// what arrived without waiting for the pass to end, so its first token is never held back long.
constexpr std::size_t kMaxPiece = 16 * 1024;

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

// What libcurl's callbacks collect while curl_multi_perform runs. The plugin's handler is called
// from the loop in run_transfer after each pass, and from the write callback for the first bytes
// and for a pass that grows past kMaxPiece.
struct Exchange {
  CURL* handle = nullptr;
  const seam_http_handler* handler = nullptr;
  CapturedExchange* capture = nullptr;
  std::vector<std::string> header_lines;  // of the latest response block
  std::string arrived;                    // body bytes not yet handed to the plugin
  bool head_delivered = false;
  bool body_delivered = false;
  bool handler_stopped = false;
  bool host_cancelled = false;
  bool out_of_memory = false;
};

template <class Field>
bool handler_has(const seam_http_handler& h, const Field& field) {
  const auto end = static_cast<std::size_t>(reinterpret_cast<const char*>(&field) -
                                            reinterpret_cast<const char*>(&h)) +
                   sizeof(field);
  return h.struct_size >= end;
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
  const seam_http_handler& h = *x.handler;
  if (!handler_has(h, h.on_response) || h.on_response == nullptr) return true;
  std::vector<const char*> lines;
  lines.reserve(x.header_lines.size() + 1);
  for (const std::string& line : x.header_lines) lines.push_back(line.c_str());
  lines.push_back(nullptr);
  seam_http_response_head head{};
  head.struct_size = sizeof(head);
  head.status = static_cast<std::int32_t>(code);
  head.headers = lines.data();
  head.header_count = x.header_lines.size();
  if (h.on_response(h.ctx, &head) != 0) {
    x.handler_stopped = true;
    return false;
  }
  return true;
}

// Hands what arrived to the plugin in one piece. False when it said stop.
bool deliver_body(Exchange& x) {
  if (x.handler_stopped) {
    x.arrived.clear();  // nothing reaches a handler after it said stop
    return false;
  }
  if (x.arrived.empty()) return true;
  if (!deliver_head(x)) return false;
  if (x.capture != nullptr) x.capture->response_body += x.arrived;
  const seam_http_handler& h = *x.handler;
  const bool stop = handler_has(h, h.on_data) && h.on_data != nullptr &&
                    h.on_data(h.ctx, x.arrived.data(), x.arrived.size()) != 0;
  x.arrived.clear();
  x.body_delivered = true;
  if (stop) x.handler_stopped = true;
  return !stop;
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
    x.out_of_memory = true;
    return 0;
  }
  return total;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  const size_t total = size * count;
  try {
    x.arrived.append(data, total);
    // The first bytes go at once (time to first token); then whole passes, or kMaxPiece.
    if ((!x.body_delivered || x.arrived.size() >= kMaxPiece) && !deliver_body(x)) return 0;
  } catch (...) {
    x.out_of_memory = true;
    return 0;
  }
  return total;
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
  if (x.out_of_memory) return failure(SEAM_E_NO_MEMORY, what + ": out of memory");
  if (x.host_cancelled) {
    return failure(SEAM_E_CANCELLED, what + ": interrupted (cancelled by the host)");
  }
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

bool cancelled(const TransferSettings& settings) {
  return settings.cancel != nullptr && settings.cancel->load(std::memory_order_relaxed);
}

// Drives the transfer to its end, handing the body over after each pass over the socket. Returns
// libcurl's result for the transfer, or CURLE_ABORTED_BY_CALLBACK when the plugin or the host
// stopped it.
CURLcode drive(CURLM* multi, Exchange& x, const TransferSettings& settings) {
  while (true) {
    int running = 0;
    const CURLMcode step = curl_multi_perform(multi, &running);
    if (step != CURLM_OK && step != CURLM_CALL_MULTI_PERFORM) return CURLE_FAILED_INIT;
    if (x.out_of_memory) return CURLE_OUT_OF_MEMORY;
    if (!deliver_body(x)) return CURLE_ABORTED_BY_CALLBACK;
    if (running == 0) {
      int left = 0;
      while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
        if (message->msg == CURLMSG_DONE) return message->data.result;
      }
      return CURLE_FAILED_INIT;
    }
    if (cancelled(settings)) {
      x.host_cancelled = true;
      return CURLE_ABORTED_BY_CALLBACK;
    }
    // Waits for the socket, or for libcurl's own next timeout if that comes first.
    curl_multi_poll(multi, nullptr, 0, kPollMs, nullptr);
  }
}

}  // namespace

TransferResult run_transfer(CurlSession& session, const HttpRequest& request,
                            const seam_http_handler& handler, const TransferSettings& settings,
                            CapturedExchange* capture) {
  Exchange x;
  x.handle = session.easy;
  x.handler = &handler;
  x.capture = capture;
  if (capture != nullptr) {
    capture->method = request.method;
    capture->url = request.url;
    capture->request_headers = request.headers;
    capture->request_body = std::string(request.body);
    capture->secret_values = request.secret_values;
  }
  if (cancelled(settings)) {
    if (capture != nullptr) capture->outcome = "cancelled";
    return failure(SEAM_E_CANCELLED, describe(request) + ": interrupted (cancelled by the host)");
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
  CURL* h = session.easy;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.list);
  if (!set_method(h, request)) return failure(SEAM_E_INTERNAL, "perform: cannot set the method");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: perform runs anywhere
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_bundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, settings.ca_bundle.c_str());
  if (!settings.environment_proxies) curl_easy_setopt(h, CURLOPT_PROXY, "");  // "" = no proxy
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  if (!settings.user_agent.empty()) {
    curl_easy_setopt(h, CURLOPT_USERAGENT, settings.user_agent.c_str());
  }
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);

  CURLcode code = CURLE_FAILED_INIT;
  if (curl_multi_add_handle(session.multi, h) == CURLM_OK) {
    code = drive(session.multi, x, settings);
    // Removing a transfer that is still running closes its connection: nothing half-read is reused.
    curl_multi_remove_handle(session.multi, h);
  }
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
    if (!deliver_head(x)) result = classify(code, x, request, detail, connect_timeout_ms);
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

}  // namespace seam::http
