// `seam run` over a seam.toml that declares the sqlite-fts backend: the command a user types.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "../support/subprocess.hpp"
#include "search_plugin.hpp"

using namespace seam;
using namespace seam::test;

namespace {

// A TOML basic string holding TEXT.
std::string toml_string(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::filesystem::path write_search_config(const SearchPlugin& plugin) {
  return plugin.dir.write_file("seam.toml",
                               "[backends.docs]\n"
                               "sdk = \"sqlite-fts\"\n"
                               "options = { database = " +
                                   toml_string(plugin.database.string()) +
                                   ", table = \"docs\" }\n"
                                   "\n"
                                   "[models.docs]\n"
                                   "backend = \"docs\"\n"
                                   "family = \"search\"\n");
}

// `seam --config CONFIG run --plugin-path DIR ARGS...` (--plugin-path is an option of `run`), in
// the test's temp dir with no SEAM_* variables, so only what the test wrote can influence it.
ProcessResult run_seam(const SearchPlugin& plugin, const std::filesystem::path& config,
                       const std::vector<std::string>& args) {
  std::vector<std::string> argv = {SEAM_EXECUTABLE, "--config",      config.string(),
                                   "run",           "--plugin-path", sqlite_plugin_dir().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.cwd = plugin.dir.path();
  for (const char* name : {"SEAM_PLUGIN_PATH", "SEAM_CONFIG", "SEAM_LOG"}) {
    options.env[name] = std::nullopt;
  }
  return run_process(argv, options);
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> events;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) events.push_back(nlohmann::json::parse(line, nullptr, false));
  }
  return events;
}

}  // namespace

TEST_CASE("sqlite-search: seam run --json streams the result events of a search model") {
  SearchPlugin plugin;
  ProcessResult run =
      run_seam(plugin, write_search_config(plugin), {"--json", "--model", "docs", "honey bees"});
  INFO("stdout: " << run.out);
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);

  std::vector<nlohmann::json> events = json_lines(run.out);
  REQUIRE(events.size() >= 2);
  CHECK(events.back() == nlohmann::json{{"type", "done"}});
  std::vector<nlohmann::json> results = results_of(events);
  CHECK(results.size() == events.size() - 1);
  REQUIRE_FALSE(results.empty());
  CHECK(results.front()["id"] == "bees");
}

TEST_CASE("sqlite-search: seam run prints each hit's title and snippet") {
  SearchPlugin plugin;
  ProcessResult run =
      run_seam(plugin, write_search_config(plugin), {"--model", "docs", "lighthouse lens"});
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("Lighthouses") != std::string::npos);
  CHECK(run.out.find("Fresnel [lens]") != std::string::npos);
}

TEST_CASE("sqlite-search: seam run names the database option when the config lacks it") {
  SearchPlugin plugin;
  std::filesystem::path config = plugin.dir.write_file(
      "no-database.toml",
      "[backends.docs]\nsdk = \"sqlite-fts\"\n\n[models.docs]\nbackend = \"docs\"\nfamily = "
      "\"search\"\n");
  ProcessResult run = run_seam(plugin, config, {"--model", "docs", "bees"});
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("WorkerError") != std::string::npos);
  CHECK(run.err.find("\"database\"") != std::string::npos);
}

TEST_CASE("sqlite-search: a relative database in seam.toml is relative to that file") {
  // The configuration lives in conf/, the index one folder up, and seam runs in the index's folder:
  // "../NAME" only reaches the index when it is resolved against conf/.
  SearchPlugin plugin;
  const std::string relative = "../" + plugin.database.filename().string();
  std::filesystem::path config = plugin.dir.write_file(
      "conf/seam.toml",
      "[backends.docs]\nsdk = \"sqlite-fts\"\noptions = { database = " + toml_string(relative) +
          " }\n\n[models.docs]\nbackend = \"docs\"\nfamily = \"search\"\n");
  ProcessResult run = run_seam(plugin, config, {"--model", "docs", "lighthouse lens"});
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("Lighthouses") != std::string::npos);

  // Twin: an absolute path is used as it is, whatever the configuration's folder.
  std::filesystem::path absolute = plugin.dir.write_file(
      "conf/absolute.toml", "[backends.docs]\nsdk = \"sqlite-fts\"\noptions = { database = " +
                                toml_string(plugin.database.string()) +
                                " }\n\n[models.docs]\nbackend = \"docs\"\nfamily = \"search\"\n");
  ProcessResult direct = run_seam(plugin, absolute, {"--model", "docs", "lighthouse lens"});
  CHECK(direct.exit_code == 0);
  CHECK(direct.out == run.out);
}
