// The (llm, ollama) worker: one /api/chat call per invoke, streamed as NDJSON by default.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <seam/seam.hpp>

namespace seam_ollama {

// The names of the options the backend's options table may hold.
const std::vector<std::string>& known_options();
// Ollama's own default address.
inline constexpr const char* kDefaultBaseUrl = "http://localhost:11434";

std::unique_ptr<seam::plugin::Worker> make_chat_worker(const seam::plugin::WorkerArgs& args);

}  // namespace seam_ollama
