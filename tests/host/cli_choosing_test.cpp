// The command's side of choosing among plugins: [plugins] prefer and `seam run --plugin` pins,
// `seam plugins which`, SEAM_PLUGINS_DISABLE / _SELECT and --safe-mode, did-you-mean, --help.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

// DIR/plugins holds both plugins serving llm:dup; DIR/seam.toml names a model on sdk "dup" and
// the given [plugins] extra lines.
std::filesystem::path dup_pair(const TempDir& dir, const std::string& plugins_extra = "") {
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), plugins);
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), plugins);
  const std::filesystem::path config = dir.path() / "seam.toml";
  std::ofstream(config) << "[plugins]\npaths = [\"plugins\"]\n"
                        << plugins_extra
                        << "\n[backends.dupb]\nsdk = \"dup\"\n\n[models.dupm]\nbackend = "
                           "\"dupb\"\nmodel_id = \"m\"\n";
  return config;
}

json listing(const ProcessResult& r) {
  return json::parse(r.out, nullptr, false);
}

std::string state_in(const json& list, const std::string& name) {
  if (!list.is_object()) return "not json";
  for (const json& row : list["plugins"]) {
    if (row.value("name", "") == name) return row.value("state", "?");
  }
  return "absent";
}

std::string reason_in(const json& list, const std::string& name) {
  if (!list.is_object()) return "";
  for (const json& row : list["plugins"]) {
    if (row.value("name", "") == name) return row.value("reason", "");
  }
  return "";
}

// The "explain" rows of `plugins list --explain --json`, by plugin name.
json explained_rows(const ProcessResult& r) {
  json by_name = json::object();
  const json list = json::parse(r.out, nullptr, false);
  if (!list.is_object() || !list.contains("explain")) return by_name;
  for (const json& row : list["explain"]["rows"]) by_name[row.value("name", "")] = row;
  return by_name;
}

}  // namespace

TEST_CASE("cli pins: [plugins] prefer makes the loser shadowed and plugins list exits 0") {
  TempDir dir;
  const auto config = dup_pair(dir, "prefer = { \"llm:dup\" = \"dup-b\" }\n");
  ProcessResult r =
      run_seam({"--config", config.string(), "plugins", "list", "--json"}, dir.path());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  const json list = listing(r);
  CHECK(state_in(list, "dup-a") == "shadowed");
  CHECK(state_in(list, "dup-b") == "registered");
  CHECK(contains(reason_in(list, "dup-a"), "prefer \"llm:dup\" = \"dup-b\""));
}

// Twin: no pin, the duplicate fails loud as before.
TEST_CASE("cli pins: without a pin the pair is a duplicate and plugins list exits 3") {
  TempDir dir;
  const auto config = dup_pair(dir);
  ProcessResult r =
      run_seam({"--config", config.string(), "plugins", "list", "--json"}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK(state_in(listing(r), "dup-b") == "duplicate");
}

TEST_CASE("cli pins: a pin naming a plugin that does not serve the key is a ConfigError") {
  TempDir dir;
  const auto config = dup_pair(dir, "prefer = { \"llm:dup\" = \"echo\" }\n");
  ProcessResult r =
      run_seam({"--config", config.string(), "run", "--model", "dupm", "hi"}, dir.path());
  INFO(r.err);
  CHECK(r.exit_code != 0);
  CHECK(contains(r.err, "ConfigError"));
  CHECK(contains(r.err, "\"llm:dup\" = \"echo\""));
  CHECK(contains(r.err, "dup-a"));
  CHECK(contains(r.err, "dup-b"));
}

TEST_CASE("cli pins: seam run --plugin pins the model's key for one run") {
  TempDir dir;
  const auto config = dup_pair(dir);
  SUBCASE("without it the run fails on the duplicate") {
    ProcessResult r =
        run_seam({"--config", config.string(), "run", "--model", "dupm", "hi"}, dir.path());
    CHECK(r.exit_code != 0);
    CHECK(contains(r.err, "DuplicateInferenceBackendError"));
  }
  SUBCASE("with it the run goes to the named plugin") {
    ProcessResult r = run_seam({"--config", config.string(), "-v", "run", "--model", "dupm",
                                "--plugin", "dup-b", "--json", "hi"},
                               dir.path());
    INFO(r.out, r.err);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("a one-letter typo in the plugin name gets a did-you-mean") {
    ProcessResult r =
        run_seam({"--config", config.string(), "run", "--model", "dupm", "--plugin", "dup-c", "hi"},
                 dir.path());
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(contains(r.err, "no plugin is named 'dup-c'"));
    CHECK(contains(r.err, "Did you mean 'dup-"));
  }
}

TEST_CASE("cli which: a pin, the shadowed candidate and the file are named") {
  TempDir dir;
  const auto config = dup_pair(dir, "prefer = { \"llm:dup\" = \"dup-b\" }\n");
  ProcessResult r =
      run_seam({"--config", config.string(), "plugins", "which", "llm:dup"}, dir.path());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "llm:dup is served by plugin 'dup-b'"));
  CHECK(contains(r.out, "dup-b.so"));
  CHECK(contains(r.out, "[pin]"));
  CHECK(contains(r.out, "shadowed:   'dup-a'"));
}

TEST_CASE("cli which: without a pin, the first found and its duplicate are named") {
  TempDir dir;
  const auto config = dup_pair(dir);
  ProcessResult r =
      run_seam({"--config", config.string(), "plugins", "which", "llm:dup"}, dir.path());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "llm:dup is served by plugin 'dup-a'"));
  CHECK(contains(r.out, "[first found]"));
  CHECK(contains(r.out, "duplicate:  'dup-b'"));
}

TEST_CASE("cli which: the only candidate, and an override of the builtin") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  ProcessResult only =
      run_seam({"plugins", "which", "llm:echo", "--plugin-path", plugins.string()}, dir.path());
  CHECK(only.exit_code == 0);
  CHECK(contains(only.out, "served by plugin 'echo'"));
  CHECK(contains(only.out, "[only candidate]"));

  copy_fixture("overrides-echo", plugins);
  ProcessResult over =
      run_seam({"plugins", "which", "llm:echo", "--plugin-path", plugins.string()}, dir.path());
  INFO(over.out, over.err);
  CHECK(over.exit_code == 0);
  CHECK(contains(over.out, "served by plugin 'overrides-echo'"));
  CHECK(contains(over.out, "[builtin override]"));
  CHECK(contains(over.out, "overridden: 'echo' (builtin)"));
}

TEST_CASE("cli which: an unserved key fails with a did-you-mean only for a near miss") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  ProcessResult typo =
      run_seam({"plugins", "which", "llm:ecbo", "--plugin-path", plugins.string()}, dir.path());
  CHECK(typo.exit_code != 0);
  CHECK(contains(typo.err, "InferenceBackendNotFoundError"));
  CHECK(contains(typo.err, "Did you mean 'llm:echo'?"));
  ProcessResult unrelated =
      run_seam({"plugins", "which", "llm:zzzzzzzz", "--plugin-path", plugins.string()}, dir.path());
  CHECK(unrelated.exit_code != 0);
  CHECK(contains(unrelated.err, "InferenceBackendNotFoundError"));
  CHECK_FALSE(contains(unrelated.err, "Did you mean"));
}

TEST_CASE("cli filters: SEAM_PLUGINS_DISABLE filters by glob, and secure mode ignores it") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  ProcessOptions env;
  env.env["SEAM_PLUGINS_DISABLE"] = "go*";
  ProcessResult r =
      run_seam({"plugins", "list", "--json", "--plugin-path", plugins.string()}, dir.path(), env);
  CHECK(r.exit_code == 0);
  CHECK(state_in(listing(r), "good") == "filtered");
  CHECK(contains(reason_in(listing(r), "good"), "SEAM_PLUGINS_DISABLE"));

  ProcessResult secure =
      run_seam({"--secure", "plugins", "list", "--json", "--plugin-path", plugins.string()},
               dir.path(), env);
  CHECK(state_in(listing(secure), "good") == "registered");

  ProcessOptions select;
  select.env["SEAM_PLUGINS_SELECT"] = "nothing-like-it, other*";
  ProcessResult s = run_seam({"plugins", "list", "--json", "--plugin-path", plugins.string()},
                             dir.path(), select);
  CHECK(state_in(listing(s), "good") == "filtered");
  CHECK(state_in(listing(s), "echo") == "registered");  // core-unconditional

  ProcessResult none =
      run_seam({"plugins", "list", "--json", "--plugin-path", plugins.string()}, dir.path());
  CHECK(state_in(listing(none), "good") == "registered");
}

TEST_CASE("cli filters: --safe-mode runs builtins only, with a crashing plugin installed") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("runtime-crash", plugins);
  ProcessOptions crash;
  crash.env["SEAM_FIXTURE_CRASH_IN"] = "register";
  ProcessResult bad =
      run_seam({"plugins", "list", "--json", "--plugin-path", plugins.string()}, dir.path(), crash);
  CHECK(bad.exit_code == 3);
  CHECK(state_in(listing(bad), "runtime-crash") == "broken");

  ProcessResult safe =
      run_seam({"--safe-mode", "plugins", "list", "--json", "--plugin-path", plugins.string()},
               dir.path(), crash);
  INFO(safe.out, safe.err);
  CHECK(safe.exit_code == 0);
  CHECK(state_in(listing(safe), "runtime-crash") == "filtered");
  CHECK(contains(reason_in(listing(safe), "runtime-crash"), "--safe-mode"));
  CHECK(state_in(listing(safe), "good") == "filtered");
  ProcessResult run = run_seam(
      {"--safe-mode", "run", "--model", "echo", "--plugin-path", plugins.string(), "hello"},
      dir.path(), crash);
  CHECK(run.exit_code == 0);
  CHECK(contains(run.out, "hello"));
}

TEST_CASE("cli did-you-mean: a one-letter typo of a model suggests it, an unrelated name not") {
  TempDir dir;
  ProcessResult typo = run_seam({"run", "--model", "ecbo", "hi"}, dir.path());
  CHECK(typo.exit_code != 0);
  CHECK(contains(typo.err, "Did you mean 'echo'?"));
  ProcessResult unrelated = run_seam({"run", "--model", "banana", "hi"}, dir.path());
  CHECK(unrelated.exit_code != 0);
  CHECK(contains(unrelated.err, "Unknown model 'banana'"));
  CHECK_FALSE(contains(unrelated.err, "Did you mean"));
}

TEST_CASE("cli did-you-mean: a typo of a backend name in models list suggests it") {
  TempDir dir;
  ProcessResult typo = run_seam({"models", "list", "ecgo"}, dir.path());
  CHECK(typo.exit_code != 0);
  CHECK(contains(typo.err, "Did you mean 'echo'?"));
  ProcessResult unrelated = run_seam({"models", "list", "qqqqqqq"}, dir.path());
  CHECK(unrelated.exit_code != 0);
  CHECK_FALSE(contains(unrelated.err, "Did you mean"));
}

TEST_CASE("cli help: run --help lists the configured models and the variables it reads") {
  TempDir dir;
  const auto config = write_fixture_model_config(dir.path(), "good", "mymodel");
  ProcessResult r = run_seam({"--config", config.string(), "run", "--help"}, dir.path());
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Configured models: echo, mymodel"));
  CHECK(contains(r.out, "mymodel (sdk good)"));
  CHECK(contains(r.out, "SEAM_PLUGINS_DISABLE"));
  CHECK(contains(r.out, "SEAM_CONFIG"));
  ProcessResult m = run_seam({"--config", config.string(), "models", "list", "--help"}, dir.path());
  CHECK(contains(m.out, "Configured models: echo, mymodel"));
  CHECK(contains(m.out, "SEAM_REGISTRY"));
}

TEST_CASE("cli help: every command's --help names the environment variables it reads") {
  TempDir dir;
  const std::vector<std::string> plugin_env{"SEAM_CONFIG",
                                            "SEAM_PLUGIN_PATH",
                                            "SEAM_PLUGINS_DISABLE",
                                            "SEAM_PLUGINS_SELECT",
                                            "SEAM_REGISTRY",
                                            "SEAM_REGISTRY_UPDATE",
                                            "SEAM_LOG",
                                            "XDG_DATA_HOME",
                                            "XDG_CACHE_HOME",
                                            "HOME",
                                            "NO_COLOR"};
  const std::vector<std::vector<std::string>> commands{{"--help"},
                                                       {"plugins", "list", "--help"},
                                                       {"plugins", "which", "--help"},
                                                       {"plugins", "rescan", "--help"},
                                                       {"run", "--help"},
                                                       {"models", "list", "--help"}};
  for (const auto& command : commands) {
    ProcessResult r = run_seam(command, dir.path());
    INFO(command[0], " ", command.size() > 2 ? command[1] : "", "\n", r.out);
    CHECK(r.exit_code == 0);
    for (const std::string& variable : plugin_env) CHECK(contains(r.out, variable));
    CHECK(contains(r.out, "secure mode"));
  }
  // The commands that reach backends also name what the HTTP service reads.
  for (const auto& command : {commands[4], commands[5]}) {
    ProcessResult r = run_seam(command, dir.path());
    CHECK(contains(r.out, "SEAM_CA_BUNDLE"));
    CHECK(contains(r.out, "api_key_env"));
  }
  // Twin: plugins check reads no configuration and no plugin folder, and its help says so.
  ProcessResult check = run_seam({"plugins", "check", "--help"}, dir.path());
  INFO(check.out);
  CHECK(contains(check.out, "SEAM_LOG"));
  CHECK(contains(check.out, "NO_COLOR"));
  CHECK_FALSE(contains(check.out, "SEAM_PLUGIN_PATH"));
  CHECK_FALSE(contains(check.out, "SEAM_CONFIG"));
}

TEST_CASE("cli help: run and models list --help list the registered backends from a warm cache") {
  TempDir dir;
  const auto config = write_fixture_model_config(dir.path(), "marker-file", "mymodel");
  const std::filesystem::path marker = dir.path() / "marker.log";
  ProcessOptions env;
  env.env["SEAM_REGISTRY"] = (dir.path() / "registry.cache").string();
  env.env["SEAM_FIXTURE_MARKER"] = marker.string();
  // Warms the cache: the scan maps the plugin (in the scanner), which leaves its mark.
  ProcessResult warm =
      run_seam({"--config", config.string(), "plugins", "list", "--json"}, dir.path(), env);
  REQUIRE(warm.exit_code == 0);
  REQUIRE(std::filesystem::exists(marker));
  std::filesystem::remove(marker);

  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"run", "--help"},
        std::vector<std::string>{"models", "list", "--help"}}) {
    std::vector<std::string> args{"--config", config.string()};
    args.insert(args.end(), command.begin(), command.end());
    ProcessResult r = run_seam(args, dir.path(), env);
    INFO(command[0], "\n", r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out,
                   "Registered backends (family:sdk): llm:echo (builtin echo), llm:marker "
                   "(plugin marker)"));
    CHECK(contains(r.out, "Registered model listers (sdk): echo (builtin echo)"));
    CHECK(r.err.empty());
    // Neither activated nor scanned again: the cache answered.
    CHECK_FALSE(std::filesystem::exists(marker));
  }

  // Twin: with a cold cache the help still lists the plugin, which had to be opened (in the
  // scanner) to say so; and --safe-mode leaves builtins only.
  env.env["SEAM_REGISTRY"] = (dir.path() / "cold.cache").string();
  ProcessResult cold = run_seam({"--config", config.string(), "run", "--help"}, dir.path(), env);
  CHECK(contains(cold.out, "llm:marker (plugin marker)"));
  CHECK(std::filesystem::exists(marker));
  ProcessResult safe =
      run_seam({"--config", config.string(), "--safe-mode", "run", "--help"}, dir.path(), env);
  INFO(safe.out);
  CHECK(contains(safe.out, "Registered backends (family:sdk): llm:echo (builtin echo)\n"));
}

TEST_CASE("cli explain: a cache miss, then a hit, then a changed file, each said so") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  ProcessOptions cache;
  cache.env["SEAM_REGISTRY"] = (dir.path() / "registry.cache").string();
  const std::vector<std::string> args{"plugins", "list", "--explain", "--plugin-path",
                                      plugins.string()};
  ProcessResult first = run_seam(args, dir.path(), cache);
  INFO(first.out, first.err);
  CHECK(first.exit_code == 0);
  CHECK(contains(first.out, "good: scanned (cache miss: the cache did not exist yet)"));
  // Its own scan time, then the time of all scans together.
  CHECK(contains(first.out, "; registered; scan "));
  CHECK(contains(first.out, "Scan time"));
  CHECK(contains(first.out, plugins.string()));
  ProcessResult second = run_seam(args, dir.path(), cache);
  CHECK(contains(second.out, "good: cache hit; registered\n"));
  // A different build in the same place: size and mtime change.
  std::filesystem::remove(plugins / "good.so");
  copy_fixture("marker-file", plugins);
  std::filesystem::rename(plugins / "marker-file.so", plugins / "good.so");
  ProcessResult third = run_seam(args, dir.path(), cache);
  INFO(third.out);
  CHECK(contains(third.out, "scanned (cache miss: "));
  CHECK(contains(third.out, " changed)"));
  ProcessResult json_out =
      run_seam({"plugins", "list", "--explain", "--json", "--plugin-path", plugins.string()},
               dir.path(), cache);
  const json list = listing(json_out);
  REQUIRE(list.is_object());
  REQUIRE(list.contains("explain"));
  CHECK(list["explain"]["usable_plugin_files"] == 1);
  bool hit = false;
  for (const json& row : list["explain"]["rows"]) {
    hit = hit || row.value("cache_hit", false);
    // A cache hit was not scanned: it has no scan time of its own.
    if (row.value("cache_hit", false)) CHECK_FALSE(row.contains("scan_time_us"));
  }
  CHECK(hit);
  // Cold: the scanned file's row has its own scan time.
  std::filesystem::remove(dir.path() / "registry.cache");
  const json cold = listing(
      run_seam({"plugins", "list", "--explain", "--json", "--plugin-path", plugins.string()},
               dir.path(), cache));
  bool timed = false;
  for (const json& row : cold["explain"]["rows"]) {
    if (row.value("origin", "") != (plugins / "good.so").string()) continue;
    REQUIRE(row.contains("scan_time_us"));
    CHECK(row["scan_time_us"].is_number_integer());
    CHECK(row["scan_time_us"].get<long long>() > 0);
    timed = true;
  }
  CHECK(timed);
}

TEST_CASE("cli explain: a plugin whose DT_NEEDED library is missing names the library") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("needs-lib", plugins);
  ProcessResult r =
      run_seam({"plugins", "list", "--explain", "--plugin-path", plugins.string()}, dir.path());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 3);
  CHECK(contains(r.out,
                 "missing library: libseam_fixture_private_dep.so (a DT_NEEDED entry of the plugin "
                 "file)"));
  // Nothing usable: said loudly, with the folder searched.
  CHECK(contains(r.out, "NO USABLE PLUGIN FILES"));
  CHECK(contains(r.out.substr(r.out.find("NO USABLE")), plugins.string()));

  // Twin: a good plugin beside it is usable; no missing library is named for it.
  copy_fixture("good", plugins);
  ProcessResult twin =
      run_seam({"plugins", "list", "--explain", "--plugin-path", plugins.string()}, dir.path());
  CHECK_FALSE(contains(twin.out, "NO USABLE PLUGIN FILES"));
  CHECK(contains(twin.out, "missing library: libseam_fixture_private_dep.so"));
  json rows = explained_rows(run_seam(
      {"plugins", "list", "--explain", "--json", "--plugin-path", plugins.string()}, dir.path()));
  CHECK(rows["needs-lib"].value("missing_library", "") == "libseam_fixture_private_dep.so");
  CHECK(rows["needs-lib"].value("missing_library_is_direct", false));
  CHECK_FALSE(rows["good"].is_null());
  CHECK_FALSE(rows["good"].contains("missing_library"));
}

TEST_CASE("cli explain: a plugin using a symbol nothing defines names the symbol") {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("undefined-symbol", plugins);
  const std::vector<std::string> args{"plugins", "list", "--explain", "--plugin-path",
                                      plugins.string()};
  ProcessResult r = run_seam(args, dir.path());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 3);
  CHECK(contains(r.out,
                 "undefined symbol: fixture_symbol_nobody_defines (the plugin file uses it; "
                 "no library it loads defines it)"));
  CHECK_FALSE(contains(r.out, "missing library:"));
  CHECK(contains(r.out, "NO USABLE PLUGIN FILES"));

  // Twin: a good plugin beside it is usable, and no symbol is named for it.
  copy_fixture("good", plugins);
  ProcessResult twin = run_seam(args, dir.path());
  INFO(twin.out);
  CHECK_FALSE(contains(twin.out, "NO USABLE PLUGIN FILES"));
  CHECK(contains(twin.out, "undefined symbol: fixture_symbol_nobody_defines"));
  std::vector<std::string> json_args = args;
  json_args.push_back("--json");
  json rows = explained_rows(run_seam(json_args, dir.path()));
  CHECK(rows["undefined-symbol"].value("undefined_symbol", "") == "fixture_symbol_nobody_defines");
  CHECK(rows["undefined-symbol"].value("undefined_symbol_is_direct", false));
  CHECK_FALSE(rows["good"].is_null());
  CHECK_FALSE(rows["good"].contains("undefined_symbol"));
}

TEST_CASE("cli did-you-mean: a typo of an sdk in a backend instance suggests the served sdk") {
  for (const auto& sdk_case : {std::pair<std::string, bool>{"ecbo", true}, {"qqqqqqq", false}}) {
    // Copies: clang cannot capture structured bindings in INFO's lambda (C++17).
    const std::string sdk = sdk_case.first;
    const bool suggested = sdk_case.second;
    TempDir dir;
    const std::filesystem::path config = dir.path() / "seam.toml";
    std::ofstream(config) << "[backends.b]\nsdk = \"" << sdk
                          << "\"\n\n[models.m]\nbackend = \"b\"\nmodel_id = \"m\"\n";
    ProcessResult r =
        run_seam({"--config", config.string(), "run", "--model", "m", "hi"}, dir.path());
    INFO(sdk, r.err);
    CHECK(r.exit_code != 0);
    CHECK(contains(r.err, "InferenceBackendNotFoundError"));
    CHECK(contains(r.err, "Did you mean 'echo'?") == suggested);
  }
}
