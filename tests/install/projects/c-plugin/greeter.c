/* greeter.c: an out-of-tree plugin. Its name (and sdk) comes from GREETER_NAME, so the same
 * source can be built as several plugins. */
#include <seam/seam.h>

#ifndef GREETER_NAME
#define GREETER_NAME "greeter"
#endif

static const char answer[] = "{\"type\":\"delta\",\"text\":\"greetings from " GREETER_NAME "\"}";
static const char done[] = "{\"type\":\"done\",\"finish_reason\":\"stop\"}";

static int32_t SEAM_CALL greeter_invoke(void* self, const char* request_json,
                                        const seam_event_sink* sink, seam_error* error) {
  (void)self, (void)request_json, (void)error;
  if (sink->emit(sink->ctx, answer, sizeof answer - 1) != 0) return SEAM_E_CANCELLED;
  if (sink->emit(sink->ctx, done, sizeof done - 1) != 0) return SEAM_E_CANCELLED;
  return SEAM_OK;
}

static void SEAM_CALL greeter_destroy(void* self) {
  (void)self;
}

static const seam_worker_vtable greeter_vtable = {sizeof(seam_worker_vtable), 0, greeter_invoke,
                                                  greeter_destroy};
static char greeter_state;

static int32_t SEAM_CALL greeter_make_worker(const seam_make_worker_args* args, seam_worker* out,
                                             seam_error* error) {
  (void)args, (void)error;
  out->self = &greeter_state;
  out->vtable = &greeter_vtable;
  return SEAM_OK;
}

static const seam_backend_def greeter_backend = {
    .struct_size = sizeof(seam_backend_def),
    .family = "llm",
    .sdk = GREETER_NAME,
    .make_worker = greeter_make_worker,
};

static int32_t SEAM_CALL greeter_register(const seam_registrar* registrar) {
  return registrar->add_inference_backend(registrar, &greeter_backend);
}

static const seam_plugin_descriptor greeter_descriptor = {
    .struct_size = sizeof(seam_plugin_descriptor),
    .api_version = SEAM_API_VERSION,
    .name = GREETER_NAME,
    .version = "1.0.0",
    .description = "An out-of-tree test plugin",
    .register_plugin = greeter_register,
};

SEAM_PLUGIN(&greeter_descriptor)
