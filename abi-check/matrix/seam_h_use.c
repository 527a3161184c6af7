/* Uses every type, macro and inline function of seam.h, so that compiling this file proves the
 * header is clean C (c99/c11/c17) and C++ (c++11..c++20) under -pedantic -Wall -Wextra -Werror.
 * Written in the common subset of C99 and C++11 (no designated initializers, explicit casts from
 * void *), because seam_h_use.cpp compiles this very file as C++. */
#include <seam/seam.h>
/* A second include must be harmless: the include guard is part of the contract. */
#include <seam/seam.h>

#include <string.h>

static void SEAM_CALL on_error_set(seam_error* self, int32_t status, const char* message) {
  (void)self;
  (void)status;
  (void)message;
}

static int32_t SEAM_CALL build_client(void* build_ctx, void** out_client, seam_error* error) {
  (void)error;
  *out_client = build_ctx;
  return SEAM_OK;
}

static void SEAM_CALL destroy_client(void* client) {
  (void)client;
}

static int32_t SEAM_CALL emit_event(void* ctx, const char* event_json, size_t len) {
  (void)ctx;
  (void)event_json;
  return len > 0 ? 0 : 1;
}

static int32_t SEAM_CALL emit_model(void* ctx, const seam_model_record* model) {
  (void)ctx;
  return model->id != NULL ? 0 : 1;
}

static int32_t SEAM_CALL worker_invoke(void* self, const char* request_json,
                                       const seam_event_sink* sink, seam_error* error) {
  (void)self;
  if (sink->emit(sink->ctx, request_json, strlen(request_json)) != 0) return SEAM_E_CANCELLED;
  return seam_error_set(error, SEAM_E_UNSUPPORTED, "matrix");
}

static void SEAM_CALL worker_destroy(void* self) {
  (void)self;
}

static const seam_worker_vtable worker_vtable = {sizeof(seam_worker_vtable), 0, worker_invoke,
                                                 worker_destroy};

static int32_t SEAM_CALL make_worker(const seam_make_worker_args* args, seam_worker* out_worker,
                                     seam_error* error) {
  static const char* const candidates[] = {"libexample.so.1", "example.dll", NULL};
  seam_dependency dependency;
  seam_library* library = NULL;
  seam_proc proc = NULL;
  seam_client_build_fn build = build_client;
  seam_client_destroy_fn destroy = destroy_client;
  void* client = NULL;
  seam_event_sink sink;
  seam_error local_error;

  memset(&dependency, 0, sizeof dependency);
  dependency.struct_size = (uint32_t)sizeof dependency;
  dependency.name = "example";
  dependency.candidates = candidates;
  dependency.install_hint = "apt-get install libexample1";
  if (SEAM_HAS_FIELD(args->host, seam_host, report_usage)) {
    args->host->log(args->host, SEAM_LOG_INFO, args->backend_name);
    (void)args->host->get_service(args->host, "seam.http/1");
    if (args->host->require(args->host, &dependency, &library, error) == SEAM_OK) {
      proc = args->host->symbol(args->host, library, "example_init");
    }
    (void)args->host->get_or_create(args->host, "client", build, destroy, NULL, &client, error);
    args->host->report_usage(args->host, "{}");
  }
  (void)proc;
  memset(&sink, 0, sizeof sink);
  sink.struct_size = (uint32_t)sizeof sink;
  sink.emit = emit_event;
  memset(&local_error, 0, sizeof local_error);
  local_error.struct_size = (uint32_t)sizeof local_error;
  local_error.set = on_error_set;
  (void)worker_vtable.invoke(client, "{}", &sink, &local_error);
  out_worker->self = client;
  out_worker->vtable = &worker_vtable;
  return SEAM_OK;
}

static int32_t SEAM_CALL list_models(const seam_list_models_args* args, const seam_model_sink* sink,
                                     seam_error* error) {
  seam_model_record record;
  (void)args;
  memset(&record, 0, sizeof record);
  record.struct_size = (uint32_t)sizeof record;
  record.id = "model";
  record.family = "llm";
  if (sink->emit(sink->ctx, &record) != 0) return SEAM_E_CANCELLED;
  return seam_error_set(error, SEAM_E_UNSUPPORTED, "cannot list");
}

static int32_t SEAM_CALL register_plugin(const seam_registrar* registrar) {
  seam_backend_def backend;
  seam_model_lister_def lister;
  seam_model_sink sink;
  memset(&backend, 0, sizeof backend);
  backend.struct_size = (uint32_t)sizeof backend;
  backend.flags = SEAM_BACKEND_OVERRIDES_BUILTIN;
  backend.family = "llm";
  backend.sdk = "matrix";
  backend.make_worker = make_worker;
  if (registrar->add_inference_backend(registrar, &backend) != SEAM_OK) return SEAM_E_INTERNAL;
  memset(&lister, 0, sizeof lister);
  lister.struct_size = (uint32_t)sizeof lister;
  lister.sdk = "matrix";
  lister.list_models = list_models;
  memset(&sink, 0, sizeof sink);
  sink.emit = emit_model;
  (void)sink;
  return registrar->add_model_lister(registrar, &lister);
}

static const int32_t all_statuses[] = {SEAM_OK,
                                       SEAM_E_INVALID_ARGUMENT,
                                       SEAM_E_NOT_FOUND,
                                       SEAM_E_DUPLICATE,
                                       SEAM_E_MISSING_DEPENDENCY,
                                       SEAM_E_UNSUPPORTED,
                                       SEAM_E_CANCELLED,
                                       SEAM_E_BACKEND,
                                       SEAM_E_INTERNAL,
                                       SEAM_E_INVALID_STATE,
                                       SEAM_E_NO_MEMORY,
                                       SEAM_E_TIMEOUT};
static const int32_t all_log_levels[] = {SEAM_LOG_TRACE, SEAM_LOG_DEBUG, SEAM_LOG_INFO,
                                         SEAM_LOG_WARN, SEAM_LOG_ERROR};

static const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "matrix",
    "1.0.0",
    "compile matrix",
    "Seam",
    ">=0.1.0",
    register_plugin,
};

/* The entry point through the macro, as every plugin writes it. */
SEAM_PLUGIN(&descriptor)

/* The entry point's type matches the macro's definition. */
SEAM_EXTERN_C const seam_plugin_entry_fn matrix_entry_check;
SEAM_EXTERN_C const seam_plugin_entry_fn matrix_entry_check = seam_plugin_entry;

SEAM_EXTERN_C int matrix_keep_used(void);
SEAM_EXTERN_C int matrix_keep_used(void) {
  return all_statuses[sizeof all_statuses / sizeof all_statuses[0] - 1] +
         all_log_levels[sizeof all_log_levels / sizeof all_log_levels[0] - 1] +
         (SEAM_API_VERSION_MIN <= SEAM_API_VERSION) + (int)sizeof(SEAM_PLUGIN_ENTRY_SYMBOL);
}
