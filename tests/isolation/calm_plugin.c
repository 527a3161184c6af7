/* A well-behaved plugin that takes its name from its file name: one build copied as calm-01.so,
 * calm-02.so ... gives as many distinct plugins (name and backend (llm, NAME)) as a test needs.
 * It refuses to register in an environment a hostile plugin changed (SEAM_HOSTILE_WAS_HERE set),
 * as a plugin that depends on its environment would misbehave. When SEAM_TEST_SCAN_LOG names a
 * file, every register run first appends "NAME PID" to it, so a test can tell which process
 * scanned which file. */
#define _GNU_SOURCE
#include <seam/seam.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char name[64] = "calm-unnamed";

static int32_t SEAM_CALL invoke(void* self, const char* request, const seam_event_sink* sink,
                                seam_error* error) {
  static const char event[] = "{\"calm\":true}";
  (void)self;
  (void)request;
  (void)error;
  return sink->emit(sink->ctx, event, sizeof event - 1) ? SEAM_E_CANCELLED : SEAM_OK;
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

static void note_scan(void) {
  const char* log = getenv("SEAM_TEST_SCAN_LOG");
  FILE* f;
  if (!log || !*log) return;
  f = fopen(log, "a");
  if (!f) return;
  fprintf(f, "%s %ld\n", name, (long)getpid());
  fclose(f);
}

static int32_t SEAM_CALL register_plugin(const seam_registrar* r) {
  seam_backend_def def;
  note_scan();
  if (getenv("SEAM_HOSTILE_WAS_HERE") != NULL) return SEAM_E_BACKEND;
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = name;
  def.make_worker = make_worker;
  return r->add_inference_backend(r, &def);
}

static seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),        SEAM_API_VERSION, name, "0.1.0",
    "A calm plugin named after its file.", "Seam tests",     NULL, register_plugin};

/* The file stem of this library ("/x/calm-07.so" -> "calm-07"). */
static void name_after_file(void) {
  Dl_info info;
  const char *base, *dot;
  size_t length;
  if (!dladdr((void*)&descriptor, &info) || info.dli_fname == NULL) return;
  base = strrchr(info.dli_fname, '/');
  base = base ? base + 1 : info.dli_fname;
  dot = strrchr(base, '.');
  length = dot ? (size_t)(dot - base) : strlen(base);
  if (length == 0 || length >= sizeof name) return;
  memcpy(name, base, length);
  name[length] = '\0';
}

SEAM_PLUGIN((name_after_file(), &descriptor))
