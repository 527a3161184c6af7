/* hello.c: a complete Seam plugin. It registers one llm backend, sdk "hello", whose worker
 * answers every request with the same greeting. */
#include <seam/seam.h>

static const char greeting[] = "{\"type\":\"delta\",\"text\":\"Hello from a plugin!\"}";
static const char done[] = "{\"type\":\"done\",\"finish_reason\":\"stop\"}";

/* Sends one event (a char array) to the sink; false when the host asked to stop. */
#define EMIT(sink, json) ((sink)->emit((sink)->ctx, (json), sizeof(json) - 1) == 0)

static int32_t SEAM_CALL hello_invoke(void* self, const char* request_json,
                                      const seam_event_sink* sink, seam_error* error) {
  (void)self, (void)request_json, (void)error;
  if (!EMIT(sink, greeting) || !EMIT(sink, done)) return SEAM_E_CANCELLED;
  return SEAM_OK;
}

static void SEAM_CALL hello_destroy(void* self) {
  (void)self; /* nothing was allocated */
}

static const seam_worker_vtable hello_vtable = {sizeof(seam_worker_vtable), 0, hello_invoke,
                                                hello_destroy};
static char hello_state; /* the worker is stateless: self only has to be a valid pointer */

static int32_t SEAM_CALL hello_make_worker(const seam_make_worker_args* args, seam_worker* out,
                                           seam_error* error) {
  (void)args, (void)error;
  out->self = &hello_state;
  out->vtable = &hello_vtable;
  return SEAM_OK;
}

static const seam_backend_def hello_backend = {
    .struct_size = sizeof(seam_backend_def),
    .family = "llm",
    .sdk = "hello",
    .make_worker = hello_make_worker,
};

static int32_t SEAM_CALL hello_register(const seam_registrar* registrar) {
  return registrar->add_inference_backend(registrar, &hello_backend);
}

static const seam_plugin_descriptor hello_descriptor = {
    .struct_size = sizeof(seam_plugin_descriptor),
    .api_version = SEAM_API_VERSION,
    .name = "hello",
    .version = "0.1.0",
    .description = "Answers every prompt with a greeting",
    .register_plugin = hello_register,
};

SEAM_PLUGIN(&hello_descriptor)
