// `seam plugins which llm:openai`: the plugin that serves a key, from which file, and why that one.
#pragma once

#include <ostream>
#include <string>

#include <seam/loader/loader.hpp>

namespace seam::host {

// Prints who serves KEY ("family:sdk" or "lister:sdk") and why, with the candidates that lost it.
// Throws InferenceBackendNotFoundError (with a did-you-mean from the served keys) when none does.
void plugins_which(const Loader& loader, const std::string& key, std::ostream& out);

}  // namespace seam::host
