// The seam.toml example of docs/backends.md, taken from the page as written, works: pointed at the
// loopback server instead of api.openai.com and localhost:11434, both its models answer and both
// its backends list their models.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/subprocess.hpp"
#include "../support/temp_dir.hpp"
#include "loopback_server.hpp"

using namespace seam::test;

namespace {

// The fenced block after "<!-- example: seam.toml -->" in docs/backends.md.
std::string documented_config() {
  std::ifstream in(SEAM_PROJECT_DIR "/docs/backends.md");
  std::string line, block;
  bool marked = false, inside = false;
  while (std::getline(in, line)) {
    if (line == "<!-- example: seam.toml -->") {
      marked = true;
    } else if (marked && !inside && line.rfind("```", 0) == 0) {
      inside = true;
    } else if (inside && line.rfind("```", 0) == 0) {
      return block;
    } else if (inside) {
      block += line + "\n";
    }
  }
  FAIL("docs/backends.md has no complete block after <!-- example: seam.toml -->");
  return {};
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "the documented config no longer holds ", from);
  text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("docs: the seam.toml of docs/backends.md lists and runs both backends") {
  LoopbackServer server;
  TempDir dir;
  std::string config = documented_config();
  replace(config, "\"plugins/openai\"", "\"" SEAM_OPENAI_PLUGIN_DIR "\"");
  replace(config, "\"plugins/ollama\"", "\"" SEAM_OLLAMA_PLUGIN_DIR "\"");
  replace(config, "https://api.openai.com/v1", server.url("/v1"));
  replace(config, "http://localhost:11434", server.url("/ol"));
  const std::filesystem::path file = dir.write_file("seam.toml", config);

  ProcessOptions options;
  options.cwd = dir.path();
  options.env["OPENAI_API_KEY"] = "sk-documented";
  options.env.emplace("SEAM_PLUGIN_PATH", std::nullopt);
  auto seam = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {SEAM_EXECUTABLE, "--config", file.string()});
    return run_process(args, options);
  };

  const ProcessResult listed = seam({"models", "list", "--json"});
  INFO("stderr: ", listed.err);
  REQUIRE(listed.exit_code == 0);
  const nlohmann::json listing = nlohmann::json::parse(listed.out);
  for (const nlohmann::json& backend : listing["backends"]) {
    CHECK_MESSAGE(backend["status"] == "ok", backend.dump());
  }
  for (const char* model : {"gpt", "llama"}) {
    const ProcessResult run = seam({"run", "--model", model, "hi"});
    INFO(model, " stderr: ", run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out == "Hello from the loopback server.\n");
  }
}
