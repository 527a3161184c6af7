/* One plugin that registers SEAM_BENCH_BACKENDS backends (llm, b-0 ... b-N-1); 10,000 when unset.
 */
#include <seam/seam.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t SEAM_CALL make_worker(const seam_make_worker_args* args, seam_worker* out,
                                     seam_error* error) {
  (void)args;
  (void)out;
  (void)error;
  return SEAM_E_UNSUPPORTED;
}

static int32_t SEAM_CALL register_plugin(const seam_registrar* r) {
  const char* count_text = getenv("SEAM_BENCH_BACKENDS");
  long count = count_text ? atol(count_text) : 10000;
  char sdk[32];
  seam_backend_def def;
  long i;
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = sdk;
  def.make_worker = make_worker;
  for (i = 0; i < count; ++i) {
    int32_t status;
    snprintf(sdk, sizeof sdk, "b-%ld", i);
    status = r->add_inference_backend(r, &def);
    if (status != SEAM_OK) return status;
  }
  return SEAM_OK;
}

static const seam_plugin_descriptor descriptor = {sizeof(seam_plugin_descriptor),
                                                  SEAM_API_VERSION,
                                                  "many-backends",
                                                  "0.1.0",
                                                  "Registers as many backends as it is told.",
                                                  "Seam benchmarks",
                                                  NULL,
                                                  register_plugin};

SEAM_PLUGIN(&descriptor)
