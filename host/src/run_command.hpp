// `seam run`: one request to a model, streamed to stdout as it arrives.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include <seam/loader/loader.hpp>

#include "config.hpp"

namespace seam::host {

struct RunRequest {
  std::string model;
  std::string prompt;
  std::optional<std::string> system;
  std::optional<int> max_tokens;
  std::optional<double> temperature;
  bool json_events = false;  // print each event JSON on its own line instead of the text
};

// The request JSON for REQUEST in FAMILY, with the model's default options underneath, in the
// shapes of docs/spi.md: llm gets {"messages":[...]}, search {"query":...}, img_gen {"prompt":...},
// extract {"document":{"mime_type","path"}} with the prompt as a file path made absolute; any other
// family {"input":...}.
std::string request_json(const std::string& family, const RunRequest& request,
                         const std::string& model_options_json);

// The MIME type an extract request declares for FILE, from its extension (case-insensitive);
// application/octet-stream when unknown.
std::string mime_type_of(const std::filesystem::path& file);

// Resolves the model, makes a worker and streams its events to OUT. Throws seam::Error (or
// std::runtime_error for an unknown model) on failure; InferenceBackendNotFoundError names the
// backend and its sdk when no plugin serves it. Returns false when the run was cancelled (Ctrl-C).
bool run_model(const Loader& loader, const Config& config, const RunRequest& request,
               std::ostream& out);

// Makes the next Ctrl-C cancel the running request instead of killing the process.
void cancel_on_interrupt();

// Set by Ctrl-C once cancel_on_interrupt() ran; the HTTP service polls it to abort a transfer that
// is waiting on the network.
const std::atomic<bool>& interrupt_flag();

}  // namespace seam::host
