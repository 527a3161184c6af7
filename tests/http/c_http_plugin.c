/* A plain C99 plugin that uses the host's HTTP service, to prove seam_http.h is usable from C with
 * nothing but libc: (llm, c-http) GETs {base_url}/echo through seam.http/1 and emits the body as
 * one delta. It only handles base URLs without JSON escapes, which is all the test needs. */
#include <stdlib.h>
#include <string.h>

#include <seam/seam_http.h>

typedef struct c_http_worker {
  const seam_host* host;
  char url[512];
} c_http_worker;

typedef struct body_buffer {
  char* data;
  size_t size;
  int32_t status;
} body_buffer;

static int32_t SEAM_CALL on_response(void* ctx, const seam_http_response_head* head) {
  ((body_buffer*)ctx)->status = head->status;
  return 0;
}

static int32_t SEAM_CALL on_data(void* ctx, const char* data, size_t size) {
  body_buffer* body = (body_buffer*)ctx;
  char* grown = (char*)realloc(body->data, body->size + size + 1);
  if (grown == NULL) return 1;
  memcpy(grown + body->size, data, size);
  body->data = grown;
  body->size += size;
  body->data[body->size] = '\0';
  return 0;
}

/* Emits {"type":"delta","text":TEXT} with TEXT escaped for JSON (quotes, backslashes, controls). */
static int32_t emit_delta(const seam_event_sink* sink, const char* text, size_t size) {
  static const char prefix[] = "{\"type\":\"delta\",\"text\":\"";
  char* event = (char*)malloc(sizeof prefix + 6 * size + 3);
  size_t n = sizeof prefix - 1, i;
  int32_t stop;
  if (event == NULL) return SEAM_E_NO_MEMORY;
  memcpy(event, prefix, n);
  for (i = 0; i < size; ++i) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') {
      event[n++] = '\\';
      event[n++] = (char)c;
    } else if (c < 0x20) {
      static const char hex[] = "0123456789abcdef";
      memcpy(event + n, "\\u00", 4);
      event[n + 4] = hex[c >> 4];
      event[n + 5] = hex[c & 15];
      n += 6;
    } else {
      event[n++] = (char)c;
    }
  }
  event[n++] = '"';
  event[n++] = '}';
  stop = sink->emit(sink->ctx, event, n);
  free(event);
  return stop ? SEAM_E_CANCELLED : SEAM_OK;
}

static int32_t SEAM_CALL c_http_invoke(void* self, const char* request_json,
                                       const seam_event_sink* sink, seam_error* error) {
  c_http_worker* worker = (c_http_worker*)self;
  const seam_http_service* http;
  seam_http_request request;
  seam_http_handler handler;
  body_buffer body = {NULL, 0, 0};
  const char* headers[] = {"Accept: application/json", NULL};
  int32_t status;
  static const char done[] = "{\"type\":\"done\",\"finish_reason\":\"stop\"}";
  (void)request_json;

  http = (const seam_http_service*)worker->host->get_service(worker->host, SEAM_HTTP_SERVICE_ID);
  if (http == NULL) return seam_error_set(error, SEAM_E_UNSUPPORTED, "c-http: no seam.http/1");

  memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = "GET";
  request.url = worker->url;
  request.headers = headers;
  request.timeout_ms = 10000;
  memset(&handler, 0, sizeof handler);
  handler.struct_size = sizeof handler;
  handler.ctx = &body;
  handler.on_response = on_response;
  handler.on_data = on_data;

  status = http->perform(http, &request, &handler, error);
  if (status == SEAM_OK && body.status != 200) {
    status = seam_error_set(error, SEAM_E_BACKEND, "c-http: the server did not answer 200");
  }
  if (status == SEAM_OK) status = emit_delta(sink, body.data ? body.data : "", body.size);
  free(body.data);
  if (status != SEAM_OK) return status;
  return sink->emit(sink->ctx, done, sizeof done - 1) ? SEAM_E_CANCELLED : SEAM_OK;
}

static void SEAM_CALL c_http_destroy(void* self) {
  free(self);
}

static const seam_worker_vtable c_http_vtable = {sizeof(seam_worker_vtable), 0, c_http_invoke,
                                                 c_http_destroy};

static int32_t SEAM_CALL c_http_make_worker(const seam_make_worker_args* args, seam_worker* out,
                                            seam_error* error) {
  static const char key[] = "\"base_url\":\"";
  const char* start = strstr(args->backend_config_json, key);
  const char* end;
  size_t length;
  c_http_worker* worker;
  if (start == NULL) return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "c-http: no base_url");
  start += sizeof key - 1;
  end = strchr(start, '"');
  length = end ? (size_t)(end - start) : 0;
  if (length == 0 || length + sizeof "/echo" > sizeof worker->url) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "c-http: unusable base_url");
  }
  worker = (c_http_worker*)calloc(1, sizeof *worker);
  if (worker == NULL) return seam_error_set(error, SEAM_E_NO_MEMORY, "c-http: out of memory");
  worker->host = args->host;
  memcpy(worker->url, start, length);
  memcpy(worker->url + length, "/echo", sizeof "/echo");
  out->self = worker;
  out->vtable = &c_http_vtable;
  return SEAM_OK;
}

static int32_t SEAM_CALL c_http_register(const seam_registrar* registrar) {
  seam_backend_def def;
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = "c-http";
  def.make_worker = c_http_make_worker;
  return registrar->add_inference_backend(registrar, &def);
}

static const seam_plugin_descriptor c_http_descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "c-http",
    "0.1.0",
    "Test plugin: the HTTP service from plain C.",
    "Seam tests",
    NULL,
    c_http_register,
};

SEAM_PLUGIN(&c_http_descriptor)
