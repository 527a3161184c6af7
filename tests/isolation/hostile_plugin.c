/* Plugins that misbehave while they are scanned, one per HOSTILE_* mode, and a well-behaved one
 * (HOSTILE_NONE) that counts its register runs:
 *  SEGV      dereferences NULL in register        ABORT    calls abort() in register
 *  EXIT3     calls exit(3) in register            HANG     never returns from register
 *  CTOR      crashes in a library constructor, before any Seam code runs
 *  CHANGED   registers (llm, changed-b) instead of (llm, changed-a) when SEAM_TEST_VARIANT=b
 * When SEAM_TEST_SCAN_LOG names a file, every register run first appends the plugin name to it, so
 * a test can count scans. */
#include <seam/seam.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HOSTILE_NAME
#error "HOSTILE_NAME must name the plugin"
#endif

static int register_runs;

static void note_scan(void) {
  const char* log = getenv("SEAM_TEST_SCAN_LOG");
  FILE* f;
  if (!log || !*log) return;
  f = fopen(log, "a");
  if (!f) return;
  fprintf(f, "%s\n", HOSTILE_NAME);
  fclose(f);
}

#ifdef HOSTILE_CTOR
__attribute__((constructor)) static void crash_on_load(void) {
  volatile int* nowhere = NULL;
  note_scan();
  *nowhere = 1;
}
#endif

static int32_t SEAM_CALL invoke(void* self, const char* request, const seam_event_sink* sink,
                                seam_error* error) {
  char event[64];
  int n = snprintf(event, sizeof event, "{\"register_runs\":%d}", register_runs);
  (void)self;
  (void)request;
  (void)error;
  return sink->emit(sink->ctx, event, (size_t)n) ? SEAM_E_CANCELLED : SEAM_OK;
}

static void SEAM_CALL destroy(void* self) {
  (void)self;
}

static const seam_worker_vtable vtable = {sizeof(seam_worker_vtable), 0, invoke, destroy};

static int32_t SEAM_CALL make_worker(const seam_make_worker_args* args, seam_worker* out,
                                     seam_error* error) {
  (void)args;
  (void)error;
  out->self = NULL;
  out->vtable = &vtable;
  return SEAM_OK;
}

static int32_t SEAM_CALL register_plugin(const seam_registrar* r) {
  seam_backend_def def;
  const char* sdk = HOSTILE_NAME;
  note_scan();
  __atomic_fetch_add(&register_runs, 1, __ATOMIC_SEQ_CST);
#ifdef HOSTILE_SEGV
  {
    volatile int* nowhere = NULL;
    *nowhere = 1;
  }
#endif
#ifdef HOSTILE_ABORT
  abort();
#endif
#ifdef HOSTILE_EXIT3
  exit(3);
#endif
#ifdef HOSTILE_HANG
  for (;;) {
  }
#endif
#ifdef HOSTILE_CHANGED
  {
    const char* variant = getenv("SEAM_TEST_VARIANT");
    sdk = variant && strcmp(variant, "b") == 0 ? "changed-b" : "changed-a";
  }
#endif
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = sdk;
  def.make_worker = make_worker;
  return r->add_inference_backend(r, &def);
}

static const seam_plugin_descriptor descriptor = {sizeof(seam_plugin_descriptor),
                                                  SEAM_API_VERSION,
                                                  HOSTILE_NAME,
                                                  "0.1.0",
                                                  "A plugin that misbehaves while it is scanned.",
                                                  "Seam tests",
                                                  NULL,
                                                  register_plugin};

SEAM_PLUGIN(&descriptor)
