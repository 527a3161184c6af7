/* A fixture plugin for declared dependencies and the client cache. Built twice:
 *  - DEPENDENCY_ABSENT: backend (llm, needs-absent) declares a library that exists nowhere, beside
 *    (llm, no-deps) which declares nothing: boot must succeed and only the first make_worker of
 *    needs-absent may fail.
 *  - DEPENDENCY_PRESENT: backend (llm, needs-sqlite) declares libsqlite3 (installed by the build's
 *    packages), and its worker uses host->require/symbol and host->get_or_create.
 * Every worker answers one event: {"builds":N,"client":"KEY","version":"..."}. */
#include <seam/seam.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <time.h>
#endif

static int builds; /* how many times a client was built, across keys */

static const char* const absent_candidates[] = {"libseam-absent-fixture.so.7", NULL};
static const char* const sqlite_candidates[] = {"libsqlite3.so.0", "libsqlite3.dylib",
                                                "sqlite3.dll", NULL};
static const seam_dependency absent_dependency = {sizeof(seam_dependency), 0, "seam-absent",
                                                  absent_candidates,
                                                  "apt-get install libseam-absent7"};
static const seam_dependency sqlite_dependency = {
    sizeof(seam_dependency), 0, "sqlite3", sqlite_candidates, "apt-get install libsqlite3-0"};

typedef struct client {
  char key[64];
  char log_path[512];
} client;

typedef struct build_request {
  const char* key;
  const char* log_path;
} build_request;

/* Slow enough that concurrent first calls really overlap inside build. */
static void pause_briefly(void) {
#ifndef _WIN32
  struct timespec t = {0, 20 * 1000 * 1000};
  nanosleep(&t, NULL);
#endif
}

static int32_t SEAM_CALL build_client(void* ctx, void** out_client, seam_error* error) {
  const build_request* request = (const build_request*)ctx;
  client* c;
  pause_briefly();
  if (strcmp(request->key, "refuse") == 0) {
    return seam_error_set(error, SEAM_E_BACKEND,
                          "fixture: the client for 'refuse' cannot be built");
  }
  c = (client*)calloc(1, sizeof *c);
  if (!c) return seam_error_set(error, SEAM_E_NO_MEMORY, "fixture: out of memory");
  strncpy(c->key, request->key, sizeof c->key - 1);
  if (request->log_path) strncpy(c->log_path, request->log_path, sizeof c->log_path - 1);
  __atomic_fetch_add(&builds, 1, __ATOMIC_SEQ_CST);
  *out_client = c;
  return SEAM_OK;
}

/* Appends the key to the log file, so a test can see the destroy order after teardown. */
static void SEAM_CALL destroy_client(void* p) {
  client* c = (client*)p;
  if (c->log_path[0]) {
    FILE* f = fopen(c->log_path, "a");
    if (f) {
      fprintf(f, "%s\n", c->key);
      fclose(f);
    }
  }
  free(c);
}

/* Copies the string value of "KEY":"..." from JSON into OUT; "" when absent. Fixture-grade. */
static void json_string(const char* json, const char* key, char* out, size_t cap) {
  char pattern[64];
  const char *at, *end;
  size_t n;
  out[0] = '\0';
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  at = json ? strstr(json, pattern) : NULL;
  if (!at) return;
  at += strlen(pattern);
  end = strchr(at, '"');
  if (!end) return;
  n = (size_t)(end - at) < cap - 1 ? (size_t)(end - at) : cap - 1;
  memcpy(out, at, n);
  out[n] = '\0';
}

typedef struct worker {
  char key[64];
  char version[64];
} worker;

static int32_t SEAM_CALL invoke(void* self, const char* request, const seam_event_sink* sink,
                                seam_error* error) {
  worker* w = (worker*)self;
  char event[256];
  int n = snprintf(event, sizeof event, "{\"builds\":%d,\"client\":\"%s\",\"version\":\"%s\"}",
                   __atomic_load_n(&builds, __ATOMIC_SEQ_CST), w->key, w->version);
  (void)request;
  (void)error;
  return sink->emit(sink->ctx, event, (size_t)n) ? SEAM_E_CANCELLED : SEAM_OK;
}

static void SEAM_CALL destroy(void* self) {
  free(self);
}

static const seam_worker_vtable vtable = {sizeof(seam_worker_vtable), 0, invoke, destroy};

static int32_t SEAM_CALL make_worker(const seam_make_worker_args* args, seam_worker* out,
                                     seam_error* error) {
  worker* w = (worker*)calloc(1, sizeof *w);
  char log_path[512];
  build_request request;
  void* c = NULL;
  int32_t status;
  if (!w) return seam_error_set(error, SEAM_E_NO_MEMORY, "fixture: out of memory");
  json_string(args->model_json, "model_id", w->key, sizeof w->key);
  json_string(args->backend_config_json, "log", log_path, sizeof log_path);
  if (args->user_data == &sqlite_dependency) {
    /* Use the optional library for real: ask it its version. */
    seam_library* library = NULL;
    typedef const char* (*libversion_fn)(void);
    libversion_fn libversion;
    status = args->host->require(args->host, &sqlite_dependency, &library, error);
    if (status != SEAM_OK) {
      free(w);
      return status;
    }
    libversion = (libversion_fn)args->host->symbol(args->host, library, "sqlite3_libversion");
    if (!libversion) {
      free(w);
      return seam_error_set(error, SEAM_E_MISSING_DEPENDENCY, "sqlite3_libversion not found");
    }
    strncpy(w->version, libversion(), sizeof w->version - 1);
  }
  if (w->key[0]) {
    request.key = w->key;
    request.log_path = log_path[0] ? log_path : NULL;
    status = args->host->get_or_create(args->host, w->key, build_client, destroy_client, &request,
                                       &c, error);
    if (status != SEAM_OK) {
      free(w);
      return status;
    }
  }
  out->self = w;
  out->vtable = &vtable;
  return SEAM_OK;
}

static int32_t add(const seam_registrar* r, const char* sdk, const seam_dependency* dependency) {
  seam_backend_def def;
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = sdk;
  def.make_worker = make_worker;
  def.user_data = (void*)dependency;
  def.dependencies = dependency;
  def.dependency_count = dependency ? 1u : 0u;
  return r->add_inference_backend(r, &def);
}

static int32_t SEAM_CALL register_plugin(const seam_registrar* r) {
#ifdef DEPENDENCY_ABSENT
  int32_t status = add(r, "needs-absent", &absent_dependency);
  (void)sqlite_dependency;
  return status != SEAM_OK ? status : add(r, "no-deps", NULL);
#else
  (void)absent_dependency;
  return add(r, "needs-sqlite", &sqlite_dependency);
#endif
}

static const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
#ifdef DEPENDENCY_ABSENT
    "needs-absent",
#else
    "needs-sqlite",
#endif
    "0.1.0",
    "Fixture: declared dependencies and the client cache.",
    "Seam tests",
    NULL,
    register_plugin,
};

SEAM_PLUGIN(&descriptor)
