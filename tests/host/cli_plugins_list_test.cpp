// `seam plugins list`: the report as JSON and as a table, and its exit codes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

std::vector<std::string> row_names(const json& listing) {
  std::vector<std::string> names;
  if (listing.is_object() && listing.contains("plugins")) {
    for (const json& row : listing["plugins"]) names.push_back(row.value("name", "?"));
  }
  return names;
}

// good.so plus three rejected files of different kinds.
std::filesystem::path folder_with_broken_plugins(const TempDir& dir) {
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("api-too-new", plugins);
  copy_fixture("register-fails", plugins);
  copy_into(fixture_file("not-a-plugin", "not-a-plugin.so"), plugins);
  return plugins;
}

}  // namespace

TEST_CASE("cli plugins list: --json on a good folder exits 0 and describes every plugin") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);

  const PluginsListing listing = list_plugins_json(plugins, dir.path());
  INFO("stdout: ", listing.process.out, "\nstderr: ", listing.process.err);
  CHECK(listing.process.exit_code == 0);
  REQUIRE(listing.json.is_object());
  CHECK(listing.json["ok"] == true);
  CHECK(listing.json["problems"] == json::array());
  CHECK(row_names(listing.json) == std::vector<std::string>{"echo", "good"});

  const json echo = listing.row("echo");
  CHECK(echo["builtin"] == true);
  CHECK(echo["core_unconditional"] == true);
  CHECK(echo["origin"] == "builtin");
  CHECK(echo["state"] == "registered");

  const json good = listing.row("good");
  CHECK(good["builtin"] == false);
  CHECK(good["origin"] == (plugins / "good.so").string());
  CHECK(good["version"] == "1.0.0");
  CHECK(good["vendor"] == "seam-tests");
  CHECK(good["api_version"] == SEAM_API_VERSION);
  CHECK(good["state"] == "registered");
  CHECK(good["reason"] == "");
  REQUIRE(good["contributions"].size() == 2);
  const json backend = good["contributions"][0];
  CHECK(backend["kind"] == "backend");
  CHECK(backend["family"] == "llm");
  CHECK(backend["sdk"] == "good");
  CHECK(backend["label"] == "llm:good");
  CHECK(backend["flags"] == 0);
  CHECK(backend["dependencies"] == json::array());
  const json lister = good["contributions"][1];
  CHECK(lister["kind"] == "lister");
  CHECK(lister["sdk"] == "good");
  CHECK(lister["label"] == "lister:good");
}

// Negative twin: the same listing with rejected plugins next to good.so.
TEST_CASE("cli plugins list: --json with rejected plugins exits 3 and still prints every row") {
  TempDir dir;
  const std::filesystem::path plugins = folder_with_broken_plugins(dir);

  const PluginsListing listing = list_plugins_json(plugins, dir.path());
  INFO("stdout: ", listing.process.out, "\nstderr: ", listing.process.err);
  CHECK(listing.process.exit_code == 3);
  REQUIRE(listing.json.is_object());
  CHECK(listing.json["ok"] == false);
  // Builtins first, then files sorted by name; a file without a readable descriptor shows its stem.
  CHECK(row_names(listing.json) ==
        std::vector<std::string>{"echo", "api-too-new", "good", "not-a-plugin", "register-fails"});

  CHECK(listing.row("good")["state"] == "registered");
  const json too_new = listing.row("api-too-new");
  CHECK(too_new["state"] == "incompatible");
  CHECK(too_new["error_kind"] == "PluginApiVersionMismatchError");
  const json not_plugin = listing.row("not-a-plugin");
  CHECK(not_plugin["state"] == "broken");
  CHECK(not_plugin["error_kind"] == "BrokenPluginError");
  CHECK_FALSE(not_plugin["reason"].get<std::string>().empty());
  const json register_fails = listing.row("register-fails");
  CHECK(register_fails["state"] == "broken");
  CHECK(register_fails["error_kind"] == "BrokenPluginError");
  CHECK(contains(register_fails["reason"].get<std::string>(), "SEAM_E_BACKEND"));

  const json problems = listing.json["problems"];
  REQUIRE(problems.is_array());
  REQUIRE(problems.size() == 3);
  CHECK(problems[0]["kind"] == "PluginApiVersionMismatchError");
  CHECK(contains(problems[0]["message"].get<std::string>(), "api-too-new.so"));
  CHECK(problems[1]["kind"] == "BrokenPluginError");
  CHECK(problems[2]["kind"] == "BrokenPluginError");
}

TEST_CASE("cli plugins list: the table on a good folder exits 0 and lists every row") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);

  const ProcessResult result =
      run_seam({"plugins", "list", "--plugin-path", plugins.string()}, dir.path());
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);
  for (const char* text : {"echo", "good", "registered", "llm:good", "lister:good"}) {
    CHECK_MESSAGE(contains(result.out, text), "table should show: ", text);
  }
}

TEST_CASE("cli plugins list: the table with rejected plugins exits 3 and lists every row") {
  TempDir dir;
  const std::filesystem::path plugins = folder_with_broken_plugins(dir);

  const ProcessResult result =
      run_seam({"plugins", "list", "--plugin-path", plugins.string()}, dir.path());
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 3);
  for (const char* text : {"echo", "good", "api-too-new", "not-a-plugin", "register-fails",
                           "registered", "broken", "incompatible", "SEAM_E_BACKEND"}) {
    CHECK_MESSAGE(contains(result.out, text), "table should show: ", text);
  }
}

TEST_CASE("cli plugins list: SEAM_PLUGIN_PATH adds every listed directory") {
  TempDir dir;
  const std::filesystem::path first = dir.make_dir("first");
  const std::filesystem::path second = dir.make_dir("second");
  copy_fixture("good", first);
  copy_fixture("worker-fails", second);

  ProcessOptions options;
  options.env["SEAM_PLUGIN_PATH"] = first.string() + ":" + second.string();
  const ProcessResult result = run_seam({"plugins", "list", "--json"}, dir.path(), options);
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(row_names(json::parse(result.out, nullptr, false)) ==
        std::vector<std::string>{"echo", "good", "worker-fails"});
}

// Twin: without the variable (and no config) only the builtin is there.
TEST_CASE("cli plugins list: without SEAM_PLUGIN_PATH only the builtin is listed") {
  TempDir dir;
  const ProcessResult result = run_seam({"plugins", "list", "--json"}, dir.path());
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(row_names(json::parse(result.out, nullptr, false)) == std::vector<std::string>{"echo"});
}
