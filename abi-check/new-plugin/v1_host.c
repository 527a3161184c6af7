/*
 * v1_host.c: a minimal host built from the FROZEN v1 header (abi-check/frozen/v1/seam.h), as a
 * host of the day v1 shipped would drive a plugin: entry, register, make_worker, invoke, destroy.
 * Every struct it hands the plugin ends exactly where an unreadable page begins, so a plugin that
 * reads a field the v1 host never wrote (is_cancelled, fail, set_lifecycle) crashes here instead
 * of silently reading garbage.
 *
 *     v1_host PLUGIN accept|refuse
 *
 * "accept": register succeeds and the worker streams started, cannot-poll, done.
 * "refuse": register returns a failure status (and nothing crashes).
 * Prints "FAIL ..." and exits 1 on any deviation; exits 0 with "ok ..." lines otherwise.
 */
#define _DEFAULT_SOURCE
#include "seam.h" /* the frozen header, found through -I abi-check/frozen/v1 */

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int failures = 0;

static void expect(int ok, const char *what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

/* SIZE bytes that end where a PROT_NONE page starts. */
static void *at_page_end(size_t size) {
  const size_t page = (size_t)sysconf(_SC_PAGESIZE);
  unsigned char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
  if (two == MAP_FAILED) return NULL;
  mprotect(two + page, page, PROT_NONE);
  memset(two, 0, page);
  return two + page - size;
}

static seam_make_worker_fn registered_make_worker = NULL;
static void *registered_user_data = NULL;

static int32_t SEAM_CALL add_backend(const seam_registrar *self, const seam_backend_def *def) {
  (void)self;
  if (def == NULL || def->struct_size < offsetof(seam_backend_def, reserved) + 4) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  registered_make_worker = def->make_worker;
  registered_user_data = def->user_data;
  return SEAM_OK;
}

static int32_t SEAM_CALL add_lister(const seam_registrar *self, const seam_model_lister_def *def) {
  (void)self;
  (void)def;
  return SEAM_OK;
}

static void SEAM_CALL log_message(const seam_host *self, int32_t level, const char *message) {
  (void)self;
  printf("     plugin log %d: %s\n", (int)level, message);
}

static const void *SEAM_CALL no_service(const seam_host *self, const char *id) {
  (void)self;
  (void)id;
  return NULL;
}

static void SEAM_CALL set_error(seam_error *self, int32_t status, const char *message) {
  (void)self;
  printf("     plugin error %d: %s\n", (int)status, message ? message : "(none)");
}

static char events[512];

static int32_t SEAM_CALL emit(void *ctx, const char *json, size_t len) {
  (void)ctx;
  if (strlen(events) + len + 2 < sizeof events) {
    strncat(events, json, len);
    strcat(events, "\n");
  }
  return 0;
}

int main(int argc, char **argv) {
  void *library;
  void *symbol;
  seam_plugin_entry_fn entry;
  const seam_plugin_descriptor *descriptor;
  seam_registrar *registrar;
  seam_host *host;
  seam_make_worker_args *args;
  seam_error *error;
  seam_event_sink *sink;
  seam_worker *worker;
  int32_t status;
  const int accept = argc == 3 && strcmp(argv[2], "accept") == 0;

  if (argc != 3) {
    fprintf(stderr, "usage: v1_host PLUGIN accept|refuse\n");
    return 2;
  }
  library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    printf("FAIL dlopen: %s\n", dlerror());
    return 1;
  }
  symbol = dlsym(library, SEAM_PLUGIN_ENTRY_SYMBOL);
  expect(symbol != NULL, "the plugin exports seam_plugin_entry");
  if (symbol == NULL) return 1;
  memcpy(&entry, &symbol, sizeof entry);
  descriptor = entry(SEAM_API_VERSION);
  expect(descriptor != NULL && descriptor->api_version == SEAM_API_VERSION &&
             descriptor->struct_size >= sizeof(seam_plugin_descriptor),
         "the descriptor is a v1 descriptor (or a larger one)");
  if (descriptor == NULL) return 1;

  registrar = at_page_end(sizeof *registrar);
  error = at_page_end(sizeof *error);
  host = at_page_end(sizeof *host);
  args = at_page_end(sizeof *args);
  sink = at_page_end(sizeof *sink);
  worker = at_page_end(sizeof *worker);
  if (!registrar || !error || !host || !args || !sink || !worker) return 1;

  registrar->struct_size = sizeof *registrar;
  registrar->add_inference_backend = add_backend;
  registrar->add_model_lister = add_lister;
  status = descriptor->register_plugin(registrar);
  if (!accept) {
    expect(status != SEAM_OK, "register reports its refusal as a status on a v1 host");
    return failures == 0 ? 0 : 1;
  }
  expect(status == SEAM_OK, "register succeeds on a v1 registrar (no fail, no set_lifecycle)");
  expect(registered_make_worker != NULL, "register added its backend");
  if (registered_make_worker == NULL) return 1;

  error->struct_size = sizeof *error;
  error->set = set_error;
  host->struct_size = sizeof *host;
  host->api_version = SEAM_API_VERSION;
  host->host_version = "1.0.0";
  host->log = log_message;
  host->get_service = no_service;
  args->struct_size = sizeof *args;
  args->family = "llm";
  args->sdk = "new-plugin";
  args->backend_name = "new-plugin";
  args->model_json = "{}";
  args->backend_config_json = "{}";
  args->host = host;
  args->user_data = registered_user_data;
  worker->struct_size = sizeof *worker;
  status = registered_make_worker(args, worker, error);
  expect(status == SEAM_OK && worker->vtable != NULL, "make_worker succeeds (never activated)");
  if (worker->vtable == NULL) return 1;

  sink->struct_size = sizeof *sink;
  sink->emit = emit;
  status = worker->vtable->invoke(worker->self, "{}", sink, error);
  expect(status == SEAM_OK, "invoke succeeds on a v1 event sink");
  expect(strcmp(events,
                "{\"type\":\"started\"}\n{\"type\":\"cannot-poll\"}\n{\"type\":\"done\"}\n") == 0,
         "the worker saw no is_cancelled and said so (started, cannot-poll, done)");
  worker->vtable->destroy(worker->self);
  return failures == 0 ? 0 : 1;
}
