// seam.toml [backends.NAME] for HTTP backends: the new keys are accepted, wrong ones are
// ConfigErrors at FILE:LINE:COL, and a backend whose sdk no plugin serves names the sdk and what to
// install.
#include <doctest/doctest.h>

#include <regex>

#include "seam_world.hpp"

using namespace seam::test;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A seam.toml of BODY alone (no plugin paths), run with `seam run --model m hi`.
ProcessResult run_with(const TempDir& dir, const std::string& body,
                       const std::vector<std::string>& extra_args = {}) {
  const std::filesystem::path config = dir.write_file("seam.toml", body);
  std::vector<std::string> argv = {SEAM_EXECUTABLE, "--no-default-folders", "--config",
                                   config.string(), "run",                  "--model",
                                   "m"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  argv.push_back("hi");
  ProcessOptions options;
  options.cwd = dir.path();
  options.env.emplace("SEAM_PLUGIN_PATH", std::nullopt);
  options.env.emplace("SEAM_CONFIG", std::nullopt);
  return run_process(argv, options);
}

void check_config_error(const ProcessResult& result, int line, const std::string& words) {
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 1);
  CHECK(std::regex_search(result.err, std::regex("error: ConfigError: .*seam\\.toml:" +
                                                 std::to_string(line) + ":[0-9]+: ")));
  CHECK(contains(result.err, words));
}

const std::string kModel = "\n[models.m]\nbackend = \"b\"\nmodel_id = \"basic\"\n";

}  // namespace

TEST_CASE("cli backend config: base_url, api_key_env, timeouts and options are accepted") {
  SeamWorld world(R"(
[backends.full]
sdk = "openai"
base_url = "{BASE}/v1/"
api_key_env = "SEAM_TEST_FULL_KEY"
connect_timeout = 2
timeout = 2.5
options = { stream_usage = false, headers = { "X-Team" = "seam" } }

[models.full]
backend = "full"
model_id = "basic"
)");
  ProcessOptions options;
  options.env["SEAM_TEST_FULL_KEY"] = "anything";
  const ProcessResult result = world.seam({"run", "--model", "full", "hi"}, options);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "Hello from the loopback server.\n");
}

TEST_CASE("cli backend config: an unknown backend key is a ConfigError listing the allowed ones") {
  TempDir dir;
  const ProcessResult result =
      run_with(dir, "[backends.b]\nsdk = \"openai\"\nbase_uri = \"http://x\"\n" + kModel);
  check_config_error(result, 3, "unknown key 'base_uri' in [backends.b]");
  CHECK(contains(result.err, "api_key_env, base_url, connect_timeout, options, sdk, timeout"));
}

TEST_CASE("cli backend config: a timeout that is not a positive number is a ConfigError") {
  TempDir dir;
  check_config_error(run_with(dir, "[backends.b]\nsdk = \"openai\"\ntimeout = \"fast\"\n" + kModel),
                     3, "timeout must be a positive number of seconds");
  TempDir dir2;
  check_config_error(
      run_with(dir2, "[backends.b]\nsdk = \"openai\"\n\nconnect_timeout = 0\n" + kModel), 4,
      "connect_timeout must be a positive number");
}

TEST_CASE("cli backend config: api_key_env must name a variable, not hold a key") {
  TempDir dir;
  const ProcessResult result =
      run_with(dir, "[backends.b]\nsdk = \"openai\"\napi_key_env = \"sk-live-123\"\n" + kModel);
  check_config_error(result, 3, "names the environment variable that holds the key");
}

TEST_CASE("cli backend config: base_url must be http or https") {
  TempDir dir;
  check_config_error(
      run_with(dir, "[backends.b]\nsdk = \"openai\"\nbase_url = \"ftp://example\"\n" + kModel), 3,
      "base_url must start with http:// or https://");
}

TEST_CASE("cli backend config: a backend whose sdk no plugin serves names it and what to install") {
  TempDir dir;
  const ProcessResult result = run_with(
      dir, "[backends.b]\nsdk = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\n" + kModel);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err,
                 "error: InferenceBackendNotFoundError: Backend 'b' uses sdk "
                 "'openai', which no installed plugin serves."));
  CHECK(contains(result.err, "install the openai plugin (seam-openai.so"));
  // Twin: the same configuration with the plugin on the path gets as far as the network.
  const ProcessResult served = run_with(
      dir, "[backends.b]\nsdk = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\n" + kModel,
      {"--plugin-path", SEAM_OPENAI_PLUGIN_DIR});
  CHECK(served.exit_code == 1);
  CHECK(contains(served.err, "cannot reach its server"));
}

TEST_CASE("cli backend config: an sdk nobody knows says so and points at plugins list") {
  TempDir dir;
  const ProcessResult result = run_with(dir, "[backends.b]\nsdk = \"nosuch\"\n" + kModel);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "uses sdk 'nosuch', which no installed plugin serves"));
  CHECK(contains(result.err, "seam plugins list"));
}
