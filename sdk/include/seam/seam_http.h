/*
 * seam_http.h — the host's HTTP service, "seam.http/1".
 *
 * A plugin that talks to a remote API needs no HTTP stack of its own: it asks the host for this
 * table and hands it requests. The response streams back through callbacks as it arrives, so a
 * plugin can parse server-sent events or NDJSON while the model is still generating.
 *
 *     const seam_http_service *http =
 *         (const seam_http_service *)host->get_service(host, SEAM_HTTP_SERVICE_ID);
 *     if (http == NULL) ... the host offers no HTTP: fail with a clear message ...
 *     status = http->perform(http, &request, &handler, error);
 *
 * Same rules as seam.h: C99, fixed-width integers, every struct starts with `uint32_t struct_size`
 * set by its writer, no bool / enum / long, SEAM_CALL on every function pointer, UTF-8
 * NUL-terminated strings borrowed for the duration of a call, no exception or longjmp across the
 * boundary. The id is versioned: a table whose meaning changes gets a new id ("seam.http/2");
 * within "seam.http/1" the structs only grow by appending (test new fields with SEAM_HAS_FIELD).
 *
 * What the host does for every request: TLS certificates and host names are verified (there is no
 * switch to turn that off); proxies come from the environment (http_proxy, https_proxy, no_proxy)
 * the way libcurl reads them; redirects are not followed, so a plugin sees the status it got. When
 * the user asked for a capture (`seam run --capture FILE`), the host records each request and
 * response with the Authorization, Proxy-Authorization and x-api-key headers, the configured
 * secrets and the request's own secret_values replaced by "[REDACTED]".
 */
#ifndef SEAM_SEAM_HTTP_H
#define SEAM_SEAM_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "seam.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The id to pass to seam_host.get_service. */
#define SEAM_HTTP_SERVICE_ID "seam.http/1"

/* ---- Requests -------------------------------------------------------------------------------- */

/* One request. Plugin-owned; read by the host during perform only, so it may live on the stack. */
typedef struct seam_http_request {
  /* sizeof(seam_http_request) as the plugin was compiled. */
  uint32_t struct_size;
  uint32_t reserved;
  /* "GET", "POST", "PUT", "DELETE", "PATCH" or "HEAD". Required. */
  const char* method;
  /* An absolute http:// or https:// URL. Required. */
  const char* url;
  /* The request headers as a NULL-terminated array of "Name: value" lines (no CR or LF), e.g.
   * { "Content-Type: application/json", "Authorization: Bearer ...", NULL }. May be NULL. The host
   * adds no Accept-Encoding and suppresses "Expect: 100-continue". */
  const char* const* headers;
  /* The request body, BODY_SIZE bytes (need not be NUL-terminated). May be NULL when BODY_SIZE is
   * 0. */
  const char* body;
  size_t body_size;
  /* Milliseconds allowed to establish the connection (TCP and TLS); 0 means the host's default of
   * 10 seconds. */
  uint32_t connect_timeout_ms;
  /* Milliseconds allowed for the whole request, connection to last body byte; 0 means no limit. A
   * streaming request should set one that fits the longest answer it expects. */
  uint32_t timeout_ms;
  /* Values that must never appear in a capture (an API key the plugin put in a header, a URL or
   * the body), as a NULL-terminated array. May be NULL. The host's own configured secrets and the
   * Authorization, Proxy-Authorization and x-api-key headers are always redacted. */
  const char* const* secret_values;
} seam_http_request;

/* ---- Responses ------------------------------------------------------------------------------- */

/* The status line and headers of the final response (after any 1xx). Host-owned, borrowed for the
 * duration of the on_response call. */
typedef struct seam_http_response_head {
  uint32_t struct_size;
  /* The HTTP status code, e.g. 200, 401, 500. */
  int32_t status;
  /* The response headers as a NULL-terminated array of "Name: value" lines, in the order received,
   * without the status line and without CR/LF. Header names keep the server's case. */
  const char* const* headers;
  /* The number of entries in headers before its NULL. */
  size_t header_count;
} seam_http_response_head;

/* Where the response goes. Plugin-owned; all three fields are read during perform only. Both
 * callbacks run on the thread that called perform, one at a time, never after perform returned. */
typedef struct seam_http_handler {
  uint32_t struct_size;
  uint32_t reserved;
  /* Passed back to both callbacks. */
  void* ctx;
  /* Called exactly once per response that arrived, before the first on_data call (or, for an empty
   * body, before perform returns). Return 0 to go on; any other value cancels the request and
   * perform returns SEAM_E_CANCELLED. May be NULL. */
  int32_t(SEAM_CALL* on_response)(void* ctx, const seam_http_response_head* head);
  /* Called with each piece of the body as it arrives, SIZE bytes borrowed for the call. Pieces are
   * cut wherever the network cut them: in the middle of a line, or of a UTF-8 character. The body
   * is decoded from any chunked transfer encoding but otherwise untouched. Return 0 to go on; any
   * other value cancels the request. May be NULL (the body is discarded). */
  int32_t(SEAM_CALL* on_data)(void* ctx, const char* data, size_t size);
} seam_http_handler;

/* ---- The service table ----------------------------------------------------------------------- */

typedef struct seam_http_service seam_http_service;

/* Host-owned; lives as long as the seam_host it was obtained from. */
struct seam_http_service {
  uint32_t struct_size;
  uint32_t reserved;
  /* Host-private. */
  void* host_ctx;

  /* Runs REQUEST and streams its response to HANDLER. Blocks until the response is complete, the
   * handler cancels, the host cancels (the user pressed Ctrl-C) or a timeout passes. Safe to call
   * from any thread, concurrently; connections may be reused between calls.
   *
   * Returns:
   *   SEAM_OK                  a complete response arrived, whatever its HTTP status: a 401 or a
   *                            500 is a response, and the plugin decides what it means;
   *   SEAM_E_CANCELLED         a callback returned non-zero, or the host cancelled;
   *   SEAM_E_TIMEOUT           connect_timeout_ms or timeout_ms passed (ERROR says which);
   *   SEAM_E_BACKEND           the exchange failed: the host name did not resolve, the connection
   *                            was refused or reset, TLS verification failed, the response was
   *                            cut short or malformed (ERROR says which, naming the URL);
   *   SEAM_E_INVALID_ARGUMENT  REQUEST or HANDLER is malformed (no URL, an unknown method, a header
   *                            line with CR/LF, a struct_size too small).
   * Every status but SEAM_OK is explained through ERROR. */
  int32_t(SEAM_CALL* perform)(const seam_http_service* self, const seam_http_request* request,
                              const seam_http_handler* handler, seam_error* error);
};

#ifdef __cplusplus
}
#endif

#endif /* SEAM_SEAM_HTTP_H */
