// The (llm, openai) worker: one chat completion per invoke, streamed by default.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <seam/seam.hpp>

namespace seam_openai {

// The names of the options the backend's options table may hold.
const std::vector<std::string>& known_options();
// Where requests go when the backend sets no base_url.
inline constexpr const char* kDefaultBaseUrl = "https://api.openai.com/v1";

std::unique_ptr<seam::plugin::Worker> make_chat_worker(const seam::plugin::WorkerArgs& args);

}  // namespace seam_openai
