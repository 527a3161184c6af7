/* Fixture plugins that `seam plugins check` must flag, one per CHECK_FIXTURE_* mode:
 *  LINKS_SQLITE   links libsqlite3 directly (a DT_NEEDED loaded at discovery)
 *  EXTRA_EXPORTS  exports a symbol besides seam_plugin_entry (built with default visibility)
 *  UNSTABLE       registers something different on each run of register
 *  CRASH          dies with SIGSEGV inside register */
#include <seam/seam.h>

#include <string.h>

#ifdef CHECK_FIXTURE_LINKS_SQLITE
const char *sqlite3_libversion(void);
#endif

static int32_t SEAM_CALL make_worker(const seam_make_worker_args *args, seam_worker *out,
                                     seam_error *error) {
  (void)args;
  (void)out;
  return seam_error_set(error, SEAM_E_UNSUPPORTED, "check fixture: no workers");
}

#ifdef CHECK_FIXTURE_EXTRA_EXPORTS
SEAM_EXPORT int check_fixture_helper(void) { return 42; }
#endif

static int32_t SEAM_CALL register_plugin(const seam_registrar *r) {
  seam_backend_def def;
#ifdef CHECK_FIXTURE_UNSTABLE
  static int runs;
  static const char *const sdks[] = {"first-run", "later-run"};
  const char *sdk = sdks[runs++ > 0];
#else
  const char *sdk = "check-fixture";
#endif
#ifdef CHECK_FIXTURE_CRASH
  volatile int *nowhere = NULL;
  *nowhere = 1;
#endif
#ifdef CHECK_FIXTURE_LINKS_SQLITE
  if (sqlite3_libversion() == NULL) return SEAM_E_INTERNAL;
#endif
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = sdk;
  def.make_worker = make_worker;
  return r->add_inference_backend(r, &def);
}

static const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor), SEAM_API_VERSION, "check-fixture", "0.1.0",
    "A plugin that seam plugins check must flag.", "Seam tests", NULL, register_plugin};

SEAM_PLUGIN(&descriptor)
