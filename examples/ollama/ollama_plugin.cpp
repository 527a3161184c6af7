// The ollama plugin: sdk "ollama", family "llm", for an Ollama server's /api/chat (NDJSON
// streaming) and /api/tags. Like the openai plugin it has no HTTP stack of its own: every request
// goes through the host's "seam.http/1" service. See docs/backends.md.
#include <seam/seam.hpp>

#include "chat_worker.hpp"
#include "tags_lister.hpp"

namespace {

int32_t SEAM_CALL register_ollama(const seam_registrar* registrar) {
  return seam::plugin::register_with(registrar, [](seam::plugin::Registrar& r) {
    r.add_backend("llm", "ollama", &seam_ollama::make_chat_worker);
    r.add_lister("ollama", &seam_ollama::list_models);
  });
}

const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "ollama",
    "0.1.0",
    "Ollama chat (streaming NDJSON) and its pulled models, through the host's HTTP service.",
    "Seam examples",
    ">=0.1.0",
    &register_ollama,
};

}  // namespace

SEAM_PLUGIN(&descriptor)
