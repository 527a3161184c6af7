// The `seam` command against the loopback server: a temp folder with a seam.toml whose backends
// point at the server (openai "local" and "secure", ollama "llama") and whose plugin paths are the
// built openai and ollama plugins; runs the command there, or starts it to interrupt it.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "../support/subprocess.hpp"
#include "../support/temp_dir.hpp"
#include "loopback_server.hpp"

namespace seam::test {

class SeamWorld {
 public:
  // EXTRA_TOML is appended to the configuration (more backends or models), with every "{BASE}"
  // replaced by the server's URL.
  explicit SeamWorld(const std::string& extra_toml = "");

  LoopbackServer server;
  TempDir dir;
  std::filesystem::path config;

  // seam --config CONFIG ARGS..., in DIR, with no SEAM_* variables but those in OPTIONS.
  ProcessResult seam(const std::vector<std::string>& args, ProcessOptions options = {}) const;

  // Starts the same command, sends SIGINT after DELAY, and waits for it to end.
  using Interrupted = InterruptedRun;
  Interrupted seam_interrupted(const std::vector<std::string>& args,
                               std::chrono::milliseconds delay) const;
};

}  // namespace seam::test
