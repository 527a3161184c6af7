// seam.toml: a valid file configures backends, models and the plugin policy; a bad one stops the
// command with exit 1 and FILE:LINE:COL on stderr.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "config.hpp"
#include "loader_setup.hpp"
#include "seam_cli.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

// config/seam.toml: PLUGINS_TABLE (a [plugins] table whose relative path "plugins" must resolve
// against the config's folder, where good.so is), then a backend instance of sdk "good" with
// options and a model on it.
std::filesystem::path write_good_config(const TempDir& dir, const std::string& plugins_table) {
  copy_fixture("good", dir.make_dir("config/plugins"));
  return dir.write_file("config/seam.toml", plugins_table + R"(
[backends.mine]
sdk = "good"
options = { endpoint = "local", retries = 2 }

[models.mymodel]
backend = "mine"
model_id = "good-model"
)");
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> events;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) events.push_back(json::parse(line, nullptr, false));
  }
  return events;
}

std::string regex_escaped(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, R"(\$&)");
}

// Checks stderr carries "error: ConfigError: FILE:LINE:COL: " for CONFIG at LINE (any column: the
// column a parser blames inside a line is its own business).
void check_config_error(const ProcessResult& result, const std::filesystem::path& config,
                        int line) {
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 1);
  const std::string file_line = regex_escaped(config.string()) + ":" + std::to_string(line);
  CHECK(
      std::regex_search(result.err, std::regex("error: ConfigError: " + file_line + ":[0-9]+: ")));
}

}  // namespace

TEST_CASE("cli config: a valid seam.toml routes a model to its backend with its options") {
  TempDir dir;
  const std::filesystem::path config = write_good_config(dir, "[plugins]\npaths = [\"plugins\"]\n");
  const std::filesystem::path elsewhere = dir.make_dir("elsewhere");

  const ProcessResult result = run_seam(
      {"--config", config.string(), "run", "--json", "--model", "mymodel", "hello"}, elsewhere);
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);
  const std::vector<json> events = json_lines(result.out);
  CHECK(delta_text(events) == "good");
  const json context = first_event(events, "context");
  REQUIRE(context.is_object());
  CHECK(context["model"]["name"] == "mymodel");
  CHECK(context["model"]["model_id"] == "good-model");
  // The plugin gets the whole [backends.NAME] table, host-level keys and its options alike.
  CHECK(context["backend_config"]["sdk"] == "good");
  CHECK(context["backend_config"]["options"] == json{{"endpoint", "local"}, {"retries", 2}});
  CHECK(context["request"]["messages"].back()["content"] == "hello");
}

TEST_CASE("cli config: SEAM_CONFIG names the config file when --config is absent") {
  TempDir dir;
  const std::filesystem::path config = write_good_config(dir, "[plugins]\npaths = [\"plugins\"]\n");
  ProcessOptions options;
  options.env["SEAM_CONFIG"] = config.string();

  const ProcessResult result =
      run_seam({"run", "--model", "mymodel", "hello"}, dir.make_dir("elsewhere"), options);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "good\n");
}

TEST_CASE("cli config: malformed TOML exits 1 with FILE:LINE:COL") {
  TempDir dir;
  const std::filesystem::path config =
      dir.write_file("seam.toml", "# seam config\n[plugins]\non_error = = \"fail\"\n");
  const ProcessResult result =
      run_seam({"--config", config.string(), "run", "--model", "echo", "hi"}, dir.path());
  check_config_error(result, config, 3);
  CHECK(result.out.empty());
}

TEST_CASE("cli config: an unknown key exits 1 with FILE:LINE:COL naming the key") {
  TempDir dir;
  const std::filesystem::path config =
      dir.write_file("seam.toml", "[plugins]\non_error = \"fail\"\ncolour = \"blue\"\n");
  const ProcessResult result =
      run_seam({"--config", config.string(), "run", "--model", "echo", "hi"}, dir.path());
  check_config_error(result, config, 3);
  CHECK(contains(result.err, "colour"));
}

TEST_CASE("cli config: a value of the wrong type exits 1 with FILE:LINE:COL") {
  TempDir dir;
  const std::filesystem::path config = dir.write_file("seam.toml", "[plugins]\non_error = 3\n");
  const ProcessResult result =
      run_seam({"--config", config.string(), "plugins", "list"}, dir.path());
  check_config_error(result, config, 2);
}

// Twin of the three config errors: the same keys, well-formed, are accepted.
TEST_CASE("cli config: a well-formed [plugins] table is accepted") {
  TempDir dir;
  const std::filesystem::path config =
      dir.write_file("seam.toml", "# seam config\n[plugins]\non_error = \"fail\"\npaths = []\n");
  const ProcessResult result =
      run_seam({"--config", config.string(), "run", "--model", "echo", "hi"}, dir.path());
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "hi\n");
}

TEST_CASE("cli config: ./seam.toml is read when no config is named") {
  TempDir dir;
  write_good_config(dir, "[plugins]\npaths = [\"plugins\"]\n");
  const ProcessResult result = run_seam({"run", "--model", "mymodel", "hi"}, dir.path() / "config");
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "good\n");
}

TEST_CASE("cli config: on_error skip lets run succeed past a broken plugin") {
  TempDir dir;
  const std::filesystem::path config =
      write_good_config(dir, "[plugins]\npaths = [\"plugins\"]\non_error = \"skip\"\n");
  copy_fixture("register-fails", dir.path() / "config" / "plugins");

  const ProcessResult result =
      run_seam({"--config", config.string(), "run", "--model", "mymodel", "hi"}, dir.path());
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "good\n");
}

// Twin: the same folder under on_error "fail" stops the run and names the broken file.
TEST_CASE("cli config: on_error fail stops run at a broken plugin") {
  TempDir dir;
  const std::filesystem::path config =
      write_good_config(dir, "[plugins]\npaths = [\"plugins\"]\non_error = \"fail\"\n");
  copy_fixture("register-fails", dir.path() / "config" / "plugins");

  const ProcessResult result =
      run_seam({"--config", config.string(), "run", "--model", "mymodel", "hi"}, dir.path());
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "error: BrokenPluginError: "));
  CHECK(contains(result.err, "register-fails.so"));
}

TEST_CASE("cli config: disabled denies a plugin by file stem") {
  TempDir dir;
  const std::filesystem::path config =
      write_good_config(dir, "[plugins]\npaths = [\"plugins\"]\ndisabled = [\"needs-lib\"]\n");
  copy_fixture("needs-lib", dir.path() / "config" / "plugins");

  const ProcessResult result =
      run_seam({"--config", config.string(), "plugins", "list", "--json"}, dir.path());
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);
  const json listing = json::parse(result.out, nullptr, false);
  REQUIRE(listing.is_object());
  for (const json& row : listing["plugins"]) {
    if (row["name"] == "needs-lib") CHECK(row["state"] == "disabled");
    if (row["name"] == "good") CHECK(row["state"] == "registered");
  }
  CHECK(listing["plugins"].size() == 3);
}

TEST_CASE("cli config: [plugins] scan_jobs says how many scanners run, and reaches the loader") {
  TempDir dir;
  const std::filesystem::path config =
      write_good_config(dir, "[plugins]\nscan_jobs = 3\npaths = [\"plugins\"]\n");
  const seam::host::Config read = seam::host::load_config_file(config);
  CHECK(read.scan_jobs == 3);
  CHECK(seam::host::loader_options(read, {}).scan_jobs == 3);
  // The default: one scanner per CPU.
  CHECK(seam::host::Config{}.scan_jobs == 0);
  const ProcessResult result =
      run_seam({"--config", config.string(), "run", "--model", "mymodel", "hello"}, dir.path());
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "good\n");
}

TEST_CASE("cli config: a [plugins] scan_jobs that is not 0 to 64 exits 1 with FILE:LINE:COL") {
  for (const char* value : {"-1", "65", "\"two\"", "1.5", "true"}) {
    CAPTURE(value);
    TempDir dir;
    const std::filesystem::path config =
        dir.write_file("seam.toml", std::string("[plugins]\nscan_jobs = ") + value + "\n");
    const ProcessResult result =
        run_seam({"--config", config.string(), "plugins", "list"}, dir.path());
    check_config_error(result, config, 2);
    CHECK(contains(result.err, "[plugins] scan_jobs must be a whole number from 0"));
    CHECK(contains(result.err, "to 64"));
  }
}
