/*
 * new_plugin.c: a plugin written against TODAY's seam.h that uses every member API 1 step 1
 * appended (seam_registrar.fail and .set_lifecycle, seam_event_sink.is_cancelled), each behind
 * SEAM_HAS_FIELD, the way docs/abi.md tells authors to. v1_host.c, built from the FROZEN v1
 * header, loads it and proves that on such a host the new features are simply absent: the plugin
 * registers, works and never reads past the v1 structs it was given.
 *
 * Built by gcc, clang and tcc (abi-check/checker/new_plugins.py); -DNEW_PLUGIN_REFUSES makes
 * register explain a refusal through seam_registrar.fail where the host has it, and
 * -DNEW_PLUGIN_UNGUARDED drops the SEAM_HAS_FIELD test before is_cancelled: the negative twin,
 * which v1_host must catch (it crashes on the guard page).
 */
#include <seam/seam.h>

#include <string.h>

#define SDK "new-plugin"

#if defined(NEW_PLUGIN_UNGUARDED)
#define CAN_POLL(SINK) ((SINK)->is_cancelled != NULL)
#else
#define CAN_POLL(SINK) SEAM_HAS_FIELD(SINK, seam_event_sink, is_cancelled)
#endif

static int32_t SEAM_CALL invoke(void *self, const char *request_json, const seam_event_sink *sink,
                                seam_error *error) {
  static const char started[] = "{\"type\":\"started\"}";
  static const char polled[] = "{\"type\":\"polled\"}";
  static const char no_poll[] = "{\"type\":\"cannot-poll\"}";
  static const char done[] = "{\"type\":\"done\"}";
  (void)self;
  (void)request_json;
  if (sink->emit(sink->ctx, started, sizeof started - 1) != 0) return SEAM_E_CANCELLED;
  /* A long silent phase: poll the host's cancellation when it has one. */
  if (CAN_POLL(sink)) {
    if (sink->is_cancelled(sink->ctx) != 0) {
      return seam_error_set(error, SEAM_E_CANCELLED, "cancelled while waiting");
    }
    if (sink->emit(sink->ctx, polled, sizeof polled - 1) != 0) return SEAM_E_CANCELLED;
  } else if (sink->emit(sink->ctx, no_poll, sizeof no_poll - 1) != 0) {
    return SEAM_E_CANCELLED;
  }
  return sink->emit(sink->ctx, done, sizeof done - 1) != 0 ? SEAM_E_CANCELLED : SEAM_OK;
}

static void SEAM_CALL destroy(void *self) { (void)self; }

static const seam_worker_vtable vtable = {sizeof(seam_worker_vtable), 0, invoke, destroy};

static int32_t SEAM_CALL make_worker(const seam_make_worker_args *args, seam_worker *out,
                                     seam_error *error) {
  if (args == NULL || args->host == NULL) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "no host");
  }
  out->self = NULL;
  out->vtable = &vtable;
  return SEAM_OK;
}

static int32_t SEAM_CALL activate(void *user_data, const seam_host *host, seam_error *error) {
  (void)user_data;
  (void)host;
  (void)error;
  return SEAM_OK;
}

static void SEAM_CALL teardown(void *user_data, const seam_host *host) {
  (void)user_data;
  (void)host;
}

static int32_t SEAM_CALL register_plugin(const seam_registrar *registrar) {
  seam_backend_def backend;
  int32_t status;
  memset(&backend, 0, sizeof backend);
  backend.struct_size = sizeof backend;
  backend.family = "llm";
  backend.sdk = SDK;
  backend.make_worker = make_worker;
  status = registrar->add_inference_backend(registrar, &backend);
  if (status != SEAM_OK) return status;
  if (SEAM_HAS_FIELD(registrar, seam_registrar, set_lifecycle)) {
    seam_lifecycle_def hooks;
    memset(&hooks, 0, sizeof hooks);
    hooks.struct_size = sizeof hooks;
    hooks.activate = activate;
    hooks.teardown = teardown;
    status = registrar->set_lifecycle(registrar, &hooks);
    if (status != SEAM_OK) return status;
  }
#if defined(NEW_PLUGIN_REFUSES)
  if (SEAM_HAS_FIELD(registrar, seam_registrar, fail)) {
    registrar->fail(registrar, "new-plugin refuses on purpose");
  }
  return SEAM_E_UNSUPPORTED;
#else
  return SEAM_OK;
#endif
}

static const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor), SEAM_API_VERSION, "new-plugin", "1.1.0",
    "uses the API 1 step 1 members behind SEAM_HAS_FIELD", "abi-check", NULL, register_plugin};

SEAM_PLUGIN(&descriptor)
