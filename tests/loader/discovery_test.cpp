// Discovery: which files become candidates, in what order, and how a file that is not a loadable
// plugin is reported.
#include <doctest/doctest.h>

#include <echo.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

TEST_CASE("discovery: a good plugin in a search path is registered with its backend and lister") {
  TempDir dir;
  copy_fixture("good", dir.path());
  Loader loader(options_for_dir(dir.path()));

  const PluginRow* row = row_for_file(loader, "good.so");
  REQUIRE(row != nullptr);
  CHECK(row->name == "good");
  CHECK(row->version == "1.0.0");
  CHECK(row->vendor == "seam-tests");
  CHECK(row->api_version == SEAM_API_VERSION);
  CHECK(row->origin == (dir.path() / "good.so").string());
  CHECK_FALSE(row->builtin);
  CHECK(row->state == PluginState::registered);
  CHECK(row->reason.empty());
  CHECK(row->error_kind.empty());
  CHECK(labels(*row) == std::vector<std::string>{"llm:good", "lister:good"});

  CHECK(loader.ok());
  const Registry& registry = loader.registry();
  CHECK(registry.lookup("llm", "good").plugin_name() == "good");
  REQUIRE(registry.find_lister("good") != nullptr);
  CHECK(registry.find_lister("good")->plugin_name() == "good");
}

TEST_CASE(
    "discovery: rows come builtins first then search paths in order sorted by name then files") {
  TempDir dir;
  std::filesystem::path first = dir.make_dir("first");
  std::filesystem::path second = dir.make_dir("second");
  std::filesystem::path elsewhere = dir.make_dir("elsewhere");
  copy_fixture("worker-fails", first);
  copy_fixture("good", first);
  copy_fixture("invoke-fails", second);
  std::filesystem::path explicit_file = copy_fixture("late-registrar", elsewhere);

  LoaderOptions options;
  options.search_paths = {first, second};
  options.plugin_files = {explicit_file};
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
  Loader loader(std::move(options));

  std::vector<std::string> names;
  for (const PluginRow& row : loader.report()) names.push_back(row.name);
  CHECK(names ==
        std::vector<std::string>{"echo", "good", "worker-fails", "invoke-fails", "late-registrar"});
  REQUIRE_FALSE(loader.report().empty());
  CHECK(loader.report().front().builtin);
  CHECK(loader.report().front().origin == "builtin");
  CHECK(loader.ok());
}

// Twin of the good-plugin test above: the same plugin, one folder down or with another extension,
// must not become a candidate.
TEST_CASE("discovery: search is not recursive and ignores files that are not libraries") {
  TempDir dir;
  copy_fixture("good", dir.make_dir("nested"));
  std::filesystem::copy_file(fixture_plugin("good"), dir.path() / "good.so.txt");
  dir.write_file("README.md", "not a plugin\n");
  Loader loader(options_for_dir(dir.path()));

  CHECK(loader.report().empty());
  CHECK(loader.ok());
  CHECK(loader.registry().find("llm", "good") == nullptr);
}

TEST_CASE("discovery: a text file named like a plugin is broken with the dlopen error") {
  TempDir dir;
  copy_into(fixture_file("not-a-plugin", "not-a-plugin.so"), dir.path());
  Loader loader(options_for_dir(dir.path()));

  check_rejected<BrokenPluginError>(
      loader, "not-a-plugin.so", {PluginState::broken, {"not-a-plugin.so"}, {"not-a-plugin.so"}});
}

TEST_CASE(
    "discovery: a library without seam_plugin_entry is broken and the reason names the symbol") {
  TempDir dir;
  copy_fixture("no-entry", dir.path());
  Loader loader(options_for_dir(dir.path()));

  check_rejected<BrokenPluginError>(
      loader, "no-entry.so",
      {PluginState::broken, {"no-entry.so", "seam_plugin_entry"}, {"seam_plugin_entry"}});
}

TEST_CASE("discovery: an entry that returns NULL is broken") {
  TempDir dir;
  copy_fixture("entry-null", dir.path());
  Loader loader(options_for_dir(dir.path()));

  check_rejected<BrokenPluginError>(loader, "entry-null.so",
                                    {PluginState::broken, {"entry-null.so"}, {}});
}

// The positive twin of the three broken-file cases: next to the good plugin each is reported
// without disturbing it.
TEST_CASE("discovery: a broken file next to a good plugin leaves the good plugin registered") {
  TempDir dir;
  copy_fixture("good", dir.path());
  copy_into(fixture_file("not-a-plugin", "not-a-plugin.so"), dir.path());
  copy_fixture("no-entry", dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.on_error = OnError::skip;
  Loader loader(std::move(options));

  CHECK(state_of(loader, "good.so") == "registered");
  CHECK(state_of(loader, "not-a-plugin.so") == "broken");
  CHECK(state_of(loader, "no-entry.so") == "broken");
  CHECK(loader.problems().size() == 2);
  CHECK(loader.registry().lookup("llm", "good").plugin_name() == "good");
}
