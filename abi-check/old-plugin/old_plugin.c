/*
 * old_plugin.c: a plugin written against the FROZEN v1 header (abi-check/frozen/v1/seam.h), as a
 * third party would have built it the day v1 shipped. It implements every slot of the v1 ABI and
 * uses every host service, reporting what it saw as events, so that old_plugin_host (built from
 * today's loader) can prove that each slot still means what it meant.
 *
 * Built by gcc, clang, tcc and mingw-w64 (abi-check/checker/old_plugins.py); compiled with
 * -DOLD_PLUGIN_API_VERSION=N to declare an API version outside the loader's range.
 *
 * Plain C99, no allocation tricks, no platform #ifdefs beyond the dependency's file names.
 */
#include "seam.h" /* the frozen header, found through -I abi-check/frozen/v1 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef OLD_PLUGIN_API_VERSION
#define OLD_PLUGIN_API_VERSION SEAM_API_VERSION
#endif

#define SDK "old-plugin"

/* user_data handed to the registrar: make_worker and list_models must get this exact pointer. */
static const char user_data_magic[] = "old-plugin user_data";

/* Kept from register so that make_worker can check that a late registrar call fails safely. */
static const seam_registrar* late_registrar = NULL;

static const char* const c_runtime_candidates[] = {"libc.so.6", "msvcrt.dll", NULL};
static const seam_dependency c_runtime = {sizeof(seam_dependency), 0, "c-runtime",
                                          c_runtime_candidates, "part of every system"};

static const char* const absent_candidates[] = {"libseam-abi-check-absent.so.9",
                                                "seam-abi-check-absent.dll", NULL};
static const seam_dependency absent = {sizeof(seam_dependency), 0, "abi-check-absent",
                                       absent_candidates, "install-hint-for-absent"};

/* ---- a plugin-side seam_error, to read what the host explains ---------------------------- */

typedef struct captured_error {
  seam_error error;
  int32_t status;
  char message[512];
} captured_error;

static void SEAM_CALL capture_set(seam_error* self, int32_t status, const char* message) {
  captured_error* c = (captured_error*)self->host_ctx;
  c->status = status;
  c->message[0] = '\0';
  if (message) {
    strncpy(c->message, message, sizeof c->message - 1);
    c->message[sizeof c->message - 1] = '\0';
  }
}

static void captured_error_init(captured_error* c) {
  memset(c, 0, sizeof *c);
  c->error.struct_size = sizeof(seam_error);
  c->error.host_ctx = c;
  c->error.set = capture_set;
}

/* ---- the worker -------------------------------------------------------------------------- */

typedef struct old_worker {
  const seam_host* host;
  int32_t late_registrar_status;
  char facts[2048]; /* the make_worker_args event, built in make_worker */
} old_worker;

static int32_t emit_text(const seam_event_sink* sink, const char* json) {
  return sink->emit(sink->ctx, json, strlen(json)) == 0 ? SEAM_OK : SEAM_E_CANCELLED;
}

static int32_t SEAM_CALL build_client(void* build_ctx, void** out_client, seam_error* error) {
  int* builds = (int*)build_ctx;
  int* client = (int*)malloc(sizeof(int));
  if (!client) return seam_error_set(error, SEAM_E_NO_MEMORY, "old-plugin: out of memory");
  *client = 42;
  ++*builds;
  *out_client = client;
  return SEAM_OK;
}

static void SEAM_CALL destroy_client(void* client) {
  free(client);
}

typedef size_t (*strlen_fn)(const char*);

/* Uses every host service once and emits one event per slot. */
static int32_t exercise_host(old_worker* w, const seam_event_sink* sink) {
  const seam_host* host = w->host;
  char event[1024];
  int32_t status;
  captured_error err;
  seam_library* library = NULL;
  seam_proc proc;
  strlen_fn length = NULL;
  const char* service;
  static int builds = 0;
  void* first = NULL;
  void* second = NULL;
  int32_t s1, s2;

  snprintf(event, sizeof event,
           "{\"slot\":\"host.header\",\"struct_size\":%u,\"api_version\":%u,"
           "\"host_version\":\"%s\",\"has_report_usage\":%d}",
           (unsigned)host->struct_size, (unsigned)host->api_version,
           host->host_version ? host->host_version : "(null)",
           SEAM_HAS_FIELD(host, seam_host, report_usage) ? 1 : 0);
  if ((status = emit_text(sink, event)) != SEAM_OK) return status;

  host->log(host, SEAM_LOG_INFO, "old-plugin: host.log works");
  host->log(host, SEAM_LOG_DEBUG, "old-plugin: host.log at debug level");
  if ((status = emit_text(sink, "{\"slot\":\"host.log\",\"called\":2}")) != SEAM_OK) return status;

  service = (const char*)host->get_service(host, "seam.abi-check/1");
  snprintf(event, sizeof event,
           "{\"slot\":\"host.get_service\",\"known\":\"%s\",\"unknown_is_null\":%d}",
           service ? service : "(null)",
           host->get_service(host, "seam.no-such-service/1") == NULL ? 1 : 0);
  if ((status = emit_text(sink, event)) != SEAM_OK) return status;

  captured_error_init(&err);
  s1 = host->require(host, &c_runtime, &library, &err.error);
  proc = s1 == SEAM_OK ? host->symbol(host, library, "strlen") : NULL;
  if (proc) memcpy(&length, &proc, sizeof length);
  snprintf(event, sizeof event,
           "{\"slot\":\"host.require+symbol\",\"status\":%d,\"found\":%d,\"strlen_works\":%d,"
           "\"missing_symbol_is_null\":%d}",
           (int)s1, proc != NULL, length != NULL && length("four") == 4,
           s1 == SEAM_OK && host->symbol(host, library, "seam_no_such_symbol") == NULL);
  if ((status = emit_text(sink, event)) != SEAM_OK) return status;

  captured_error_init(&err);
  library = NULL;
  s1 = host->require(host, &absent, &library, &err.error);
  snprintf(event, sizeof event,
           "{\"slot\":\"host.require_missing\",\"status\":%d,\"error_status\":%d,"
           "\"message_has_hint\":%d,\"library_untouched\":%d}",
           (int)s1, (int)err.status, strstr(err.message, "install-hint-for-absent") != NULL,
           library == NULL);
  if ((status = emit_text(sink, event)) != SEAM_OK) return status;

  captured_error_init(&err);
  s1 = host->get_or_create(host, "old-client", build_client, destroy_client, &builds, &first,
                           &err.error);
  s2 = host->get_or_create(host, "old-client", build_client, destroy_client, &builds, &second,
                           &err.error);
  snprintf(event, sizeof event,
           "{\"slot\":\"host.get_or_create\",\"status\":%d,\"same_client\":%d,\"builds\":%d,"
           "\"value\":%d}",
           (int)(s1 != SEAM_OK ? s1 : s2), first != NULL && first == second, builds,
           first ? *(int*)first : -1);
  if ((status = emit_text(sink, event)) != SEAM_OK) return status;

  host->report_usage(host, "{\"model\":\"old-plugin\",\"input_tokens\":1,\"output_tokens\":2}");
  if ((status = emit_text(sink, "{\"slot\":\"host.report_usage\",\"called\":1}")) != SEAM_OK)
    return status;

  snprintf(event, sizeof event, "{\"slot\":\"registrar.late_call\",\"status\":%d}",
           (int)w->late_registrar_status);
  if ((status = emit_text(sink, event)) != SEAM_OK) return status;

  /* An event is LEN bytes, not a C string: the bytes after it must not reach the host. */
  {
    static const char padded[] = "{\"slot\":\"sink.len\",\"ok\":1}NOT-PART-OF-THE-EVENT";
    size_t len = strlen("{\"slot\":\"sink.len\",\"ok\":1}");
    if (sink->emit(sink->ctx, padded, len) != 0) return SEAM_E_CANCELLED;
  }
  return SEAM_OK;
}

static int32_t SEAM_CALL old_invoke(void* self, const char* request_json,
                                    const seam_event_sink* sink, seam_error* error) {
  old_worker* w = (old_worker*)self;
  int32_t status;
  int i;
  if (!SEAM_HAS_FIELD(sink, seam_event_sink, emit)) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "old-plugin: event sink too small");
  }
  if (strstr(request_json, "\"fail\"")) {
    return seam_error_set(error, SEAM_E_BACKEND, "old-plugin: invoke was asked to fail");
  }
  if (strstr(request_json, "\"cancel\"")) {
    for (i = 0; i < 100; ++i) {
      if (emit_text(sink, "{\"type\":\"delta\",\"text\":\"again\"}") != SEAM_OK)
        return SEAM_E_CANCELLED;
    }
    return seam_error_set(error, SEAM_E_INTERNAL, "old-plugin: the sink never asked to stop");
  }
  if ((status = emit_text(sink, w->facts)) != SEAM_OK) return status;
  if ((status = exercise_host(w, sink)) != SEAM_OK) return status;
  return emit_text(sink, "{\"type\":\"done\"}");
}

static void SEAM_CALL old_destroy(void* self) {
  old_worker* w = (old_worker*)self;
  /* Observable by the host: its usage sink sees this line when the worker is destroyed. */
  w->host->report_usage(w->host, "{\"old-plugin\":\"destroyed\"}");
  free(w);
}

static const seam_worker_vtable old_vtable = {sizeof(seam_worker_vtable), 0, old_invoke,
                                              old_destroy};

static int32_t SEAM_CALL old_make_worker(const seam_make_worker_args* args, seam_worker* out_worker,
                                         seam_error* error) {
  old_worker* w;
  seam_backend_def late;
  if (!SEAM_HAS_FIELD(args, seam_make_worker_args, user_data)) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT, "old-plugin: make_worker_args too small");
  }
  if (strstr(args->model_json, "\"fail_make\"")) {
    return seam_error_set(error, SEAM_E_BACKEND, "old-plugin: make_worker was asked to fail");
  }
  w = (old_worker*)calloc(1, sizeof *w);
  if (!w) return seam_error_set(error, SEAM_E_NO_MEMORY, "old-plugin: out of memory");
  w->host = args->host;

  memset(&late, 0, sizeof late);
  late.struct_size = sizeof late;
  late.family = "llm";
  late.sdk = "old-plugin-late";
  late.make_worker = old_make_worker;
  w->late_registrar_status =
      late_registrar ? late_registrar->add_inference_backend(late_registrar, &late) : -1;

  snprintf(w->facts, sizeof w->facts,
           "{\"slot\":\"make_worker_args\",\"struct_size_ok\":%d,\"family\":\"%s\","
           "\"sdk\":\"%s\",\"backend_name\":\"%s\",\"model\":%s,\"config\":%s,"
           "\"user_data_ok\":%d,\"out_worker_size\":%u}",
           args->struct_size >= sizeof(seam_make_worker_args), args->family, args->sdk,
           args->backend_name, args->model_json, args->backend_config_json,
           args->user_data == (void*)user_data_magic, (unsigned)out_worker->struct_size);
  out_worker->self = w;
  out_worker->vtable = &old_vtable;
  return SEAM_OK;
}

/* ---- the model lister -------------------------------------------------------------------- */

static int32_t SEAM_CALL old_list_models(const seam_list_models_args* args,
                                         const seam_model_sink* sink, seam_error* error) {
  seam_model_record record;
  char extra[512];
  if (strstr(args->backend_config_json, "\"unsupported\"")) {
    return seam_error_set(error, SEAM_E_UNSUPPORTED, "old-plugin: this variant cannot list");
  }
  snprintf(extra, sizeof extra,
           "{\"sdk\":\"%s\",\"backend_name\":\"%s\",\"user_data_ok\":%d,\"host_api\":%u}",
           args->sdk, args->backend_name, args->user_data == (void*)user_data_magic,
           (unsigned)args->host->api_version);
  memset(&record, 0, sizeof record);
  record.struct_size = sizeof record;
  record.id = "old-a";
  record.family = "llm";
  record.display_name = "Old A";
  record.extra_json = extra;
  if (sink->emit(sink->ctx, &record) != 0) return SEAM_E_CANCELLED;
  memset(&record, 0, sizeof record);
  record.struct_size = sizeof record;
  record.id = "old-b";
  record.family = "img_gen";
  if (sink->emit(sink->ctx, &record) != 0) return SEAM_E_CANCELLED;
  return SEAM_OK;
}

/* ---- registration and the descriptor ----------------------------------------------------- */

static int32_t SEAM_CALL old_register(const seam_registrar* registrar) {
  seam_backend_def backend;
  seam_model_lister_def lister;
  int32_t status;

  memset(&backend, 0, sizeof backend);
  backend.struct_size = sizeof backend;
  backend.flags = 0;
  backend.family = "llm";
  backend.sdk = SDK;
  backend.make_worker = old_make_worker;
  backend.user_data = (void*)user_data_magic;
  backend.dependencies = &c_runtime;
  backend.dependency_count = 1;
  status = registrar->add_inference_backend(registrar, &backend);
  if (status != SEAM_OK) return status;

  memset(&lister, 0, sizeof lister);
  lister.struct_size = sizeof lister;
  lister.sdk = SDK;
  lister.list_models = old_list_models;
  lister.user_data = (void*)user_data_magic;
  lister.dependencies = &c_runtime;
  lister.dependency_count = 1;
  status = registrar->add_model_lister(registrar, &lister);
  late_registrar = registrar;
  return status;
}

static const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    OLD_PLUGIN_API_VERSION,
    "old-plugin",
    "1.2.3",
    "Built against the frozen v1 header; implements every v1 slot.",
    "Seam abi-check",
    ">=0.0.1, <1000.0.0",
    old_register,
};

SEAM_PLUGIN(&descriptor)
