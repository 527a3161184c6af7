#include "seam_world.hpp"

namespace seam::test {

SeamWorld::SeamWorld(const std::string& extra) {
  const std::string base = server.url();
  std::string extra_toml = extra;
  for (std::size_t at = extra_toml.find("{BASE}"); at != std::string::npos;
       at = extra_toml.find("{BASE}", at)) {
    extra_toml.replace(at, 6, base);
  }
  config = dir.write_file("seam.toml", R"([plugins]
paths = [")" SEAM_OPENAI_PLUGIN_DIR R"(", ")" SEAM_OLLAMA_PLUGIN_DIR R"("]

[backends.local]
sdk = "openai"
base_url = ")" + base + R"(/v1"
connect_timeout = 5
timeout = 30

[backends.secure]
sdk = "openai"
base_url = ")" + base + R"(/secure/v1"
api_key_env = "SEAM_TEST_KEY"

[backends.llama]
sdk = "ollama"
base_url = ")" + base + R"(/ol"
options = { keep_alive = "5m" }

[models.chat]
backend = "local"
model_id = "basic"

[models.chat-secure]
backend = "secure"
model_id = "basic"

[models.llama]
backend = "llama"
model_id = "basic"

[models.echo-request]
backend = "local"
model_id = "echo-request"
options = { top_p = 0.5 }
)" + extra_toml);
}

ProcessResult SeamWorld::seam(const std::vector<std::string>& args, ProcessOptions options) const {
  std::vector<std::string> argv = {SEAM_EXECUTABLE, "--config", config.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  options.cwd = dir.path();
  for (const char* name : {"SEAM_PLUGIN_PATH", "SEAM_CONFIG", "SEAM_LOG", "SEAM_TEST_KEY"}) {
    options.env.emplace(name, std::nullopt);  // emplace keeps a value the test set on purpose
  }
  return run_process(argv, options);
}

SeamWorld::Interrupted SeamWorld::seam_interrupted(const std::vector<std::string>& args,
                                                   std::chrono::milliseconds delay) const {
  std::vector<std::string> argv = {SEAM_EXECUTABLE, "--config", config.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto started = std::chrono::steady_clock::now();
  return run_interrupted(argv, dir.path(), [&](const std::string&) {
    return std::chrono::steady_clock::now() - started >= delay;
  });
}

}  // namespace seam::test
