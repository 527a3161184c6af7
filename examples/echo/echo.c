/* The echo backend: (llm, echo) streams the last user message back word by word, and the lister
 * "echo" lists the one model it serves. Plain C99 against seam.h, so it shows the whole contract
 * with nothing hidden. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo.h"
#include "json_lite.h"

typedef struct echo_worker {
  const seam_host* host;
} echo_worker;

/* Sends one event; returns SEAM_E_CANCELLED when the sink asks to stop. */
static int32_t emit(const seam_event_sink* sink, const char* json, size_t len) {
  return sink->emit(sink->ctx, json, len) == 0 ? SEAM_OK : SEAM_E_CANCELLED;
}

static int32_t emit_delta(const seam_event_sink* sink, const char* text, size_t len) {
  static const char prefix[] = "{\"type\":\"delta\",\"text\":";
  size_t cap = sizeof(prefix) + 6 * len + 8;
  char* event = (char*)malloc(cap);
  size_t n;
  int32_t status;
  if (!event) return SEAM_E_NO_MEMORY;
  memcpy(event, prefix, sizeof(prefix) - 1);
  n = sizeof(prefix) - 1;
  n += json_quote(text, len, event + n);
  event[n++] = '}';
  status = emit(sink, event, n);
  free(event);
  return status;
}

static int32_t SEAM_CALL echo_invoke(void* self, const char* request_json,
                                     const seam_event_sink* sink, seam_error* error) {
  echo_worker* worker = (echo_worker*)self;
  char* message = json_last_user_message(request_json);
  const char* p;
  int32_t status = SEAM_OK;
  unsigned words = 0, deltas = 0;
  char tail[160];
  int n;
  if (!message) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "echo: the request has no user message "
                          "(expected {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]})");
  }
  /* One delta per word, each carrying the spaces that follow it, so the deltas join back into the
   * message exactly. */
  for (p = message; *p && status == SEAM_OK;) {
    const char* start = p;
    while (*p && *p != ' ') ++p;
    while (*p == ' ') ++p;
    status = emit_delta(sink, start, (size_t)(p - start));
    ++deltas;
    ++words;
  }
  free(message);
  if (status != SEAM_OK) return status;

  n = snprintf(tail, sizeof tail, "{\"type\":\"usage\",\"input_tokens\":%u,\"output_tokens\":%u}",
               words, deltas);
  if (SEAM_HAS_FIELD(worker->host, seam_host, report_usage) && worker->host->report_usage) {
    worker->host->report_usage(worker->host, tail);
  }
  status = emit(sink, tail, (size_t)n);
  if (status != SEAM_OK) return status;
  n = snprintf(tail, sizeof tail, "{\"type\":\"done\",\"finish_reason\":\"stop\"}");
  return emit(sink, tail, (size_t)n);
}

static void SEAM_CALL echo_destroy(void* self) {
  free(self);
}

static const seam_worker_vtable echo_vtable = {
    sizeof(seam_worker_vtable),
    0,
    echo_invoke,
    echo_destroy,
};

static int32_t SEAM_CALL echo_make_worker(const seam_make_worker_args* args,
                                          seam_worker* out_worker, seam_error* error) {
  echo_worker* worker = (echo_worker*)malloc(sizeof *worker);
  if (!worker) return seam_error_set(error, SEAM_E_NO_MEMORY, "echo: out of memory");
  worker->host = args->host;
  out_worker->self = worker;
  out_worker->vtable = &echo_vtable;
  return SEAM_OK;
}

static int32_t SEAM_CALL echo_list_models(const seam_list_models_args* args,
                                          const seam_model_sink* sink, seam_error* error) {
  seam_model_record model;
  (void)args;
  (void)error;
  memset(&model, 0, sizeof model);
  model.struct_size = sizeof model;
  model.id = "echo";
  model.family = "llm";
  model.display_name = "Echo (repeats the last user message)";
  model.extra_json = "{\"streaming\":true}";
  sink->emit(sink->ctx, &model);
  return SEAM_OK;
}

static int32_t SEAM_CALL echo_register(const seam_registrar* registrar) {
  seam_backend_def backend;
  seam_model_lister_def lister;
  int32_t status;

  memset(&backend, 0, sizeof backend);
  backend.struct_size = sizeof backend;
  backend.family = "llm";
  backend.sdk = "echo";
  backend.make_worker = echo_make_worker;
  status = registrar->add_inference_backend(registrar, &backend);
  if (status != SEAM_OK) return status;

  memset(&lister, 0, sizeof lister);
  lister.struct_size = sizeof lister;
  lister.sdk = "echo";
  lister.list_models = echo_list_models;
  return registrar->add_model_lister(registrar, &lister);
}

const seam_plugin_descriptor seam_echo_plugin = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "echo",
    "0.1.0",
    "Streams the last user message back; the default backend.",
    "Seam",
    NULL,
    echo_register,
};
