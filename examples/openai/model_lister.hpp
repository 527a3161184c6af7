// The openai model lister: GET {base_url}/models.
#pragma once

#include <seam/seam.hpp>

namespace seam_openai {

// Emits one llm record per entry of the API's "data" array; a server without the endpoint (404 or
// 405) is "cannot list" rather than a failure.
void list_models(const seam::plugin::ListArgs& args, const seam::plugin::Models& models);

}  // namespace seam_openai
