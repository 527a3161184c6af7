// The ollama model lister: GET {base_url}/api/tags, the models pulled on the server.
#pragma once

#include <seam/seam.hpp>

namespace seam_ollama {

void list_models(const seam::plugin::ListArgs& args, const seam::plugin::Models& models);

}  // namespace seam_ollama
