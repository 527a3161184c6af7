// The openai plugin: sdk "openai", family "llm", for any OpenAI-compatible chat completions API
// (OpenAI itself, vLLM, llama.cpp's server, LM Studio ...). It has no HTTP stack of its own: every
// request goes through the host's "seam.http/1" service, so the plugin links nothing but the C++
// runtime. See docs/backends.md.
#include <seam/seam.hpp>

#include "chat_worker.hpp"
#include "model_lister.hpp"

namespace {

int32_t SEAM_CALL register_openai(const seam_registrar* registrar) {
  return seam::plugin::register_with(registrar, [](seam::plugin::Registrar& r) {
    r.add_backend("llm", "openai", &seam_openai::make_chat_worker);
    r.add_lister("openai", &seam_openai::list_models);
  });
}

const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "openai",
    "0.1.0",
    "OpenAI-compatible chat completions (streaming over SSE) through the host's HTTP service.",
    "Seam examples",
    ">=0.1.0",
    &register_openai,
};

}  // namespace

SEAM_PLUGIN(&descriptor)
