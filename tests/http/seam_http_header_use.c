/* seam_http.h compiles as strict C99/C11 with every warning an error, and every field is used the
 * way the header documents, so a layout or spelling change breaks this file first. */
#include <seam/seam_http.h>

static int32_t SEAM_CALL on_response(void* ctx, const seam_http_response_head* head) {
  (void)ctx;
  return head->status >= 200 && head->header_count < 1000 && head->headers != NULL ? 0 : 1;
}

static int32_t SEAM_CALL on_data(void* ctx, const char* data, size_t size) {
  (void)ctx;
  return data != NULL && size > 0 ? 0 : 1;
}

int32_t use_http(const seam_host* host, seam_error* error);

int32_t use_http(const seam_host* host, seam_error* error) {
  const char* headers[] = {"Content-Type: application/json", NULL};
  const char* secrets[] = {"sk-123", NULL};
  const seam_http_service* http =
      (const seam_http_service*)host->get_service(host, SEAM_HTTP_SERVICE_ID);
  seam_http_request request = {0};
  seam_http_handler handler = {0};
  if (http == NULL || !SEAM_HAS_FIELD(http, seam_http_service, perform)) return SEAM_E_UNSUPPORTED;
  request.struct_size = sizeof request;
  request.method = "POST";
  request.url = "https://api.example.test/v1/chat/completions";
  request.headers = headers;
  request.body = "{}";
  request.body_size = 2;
  request.connect_timeout_ms = 5000;
  request.timeout_ms = 60000;
  request.secret_values = secrets;
  handler.struct_size = sizeof handler;
  handler.ctx = NULL;
  handler.on_response = on_response;
  handler.on_data = on_data;
  return http->perform(http, &request, &handler, error);
}
