// Filters (LoaderOptions::disable_filters / select_filters), the Vulkan loader's way: disable
// first, then select as an allowlist; names and file stems; a stem match never opens the file;
// core-unconditional builtins are immune; disable '*' is safe mode.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <echo.h>

#include "../support/fixture_report.hpp"
#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

struct Filtered {
  TempDir dir;
  std::filesystem::path plugins = dir.make_dir("plugins");
  LoaderOptions options;

  Filtered() {
    copy_fixture("good", plugins);
    copy_fixture("marker-file", plugins);
    options = options_for_dir(plugins);
    options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
  }
};

}  // namespace

TEST_CASE("filters: a disable glob matching the file stem filters it without opening it") {
  Filtered f;
  FixtureReport marker(f.dir, "SEAM_FIXTURE_MARKER");
  f.options.disable_filters = {{"marker-*", "SEAM_PLUGINS_DISABLE"}};
  Loader loader(std::move(f.options));
  const PluginRow* row = row_for_file(loader, "marker-file.so");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::filtered);
  INFO(row->reason);
  CHECK(contains(row->reason, "SEAM_PLUGINS_DISABLE"));
  CHECK(contains(row->reason, "'marker-*'"));
  CHECK(contains(row->reason, "not opened"));
  CHECK(marker.lines().empty());
  CHECK(loader.ok());
  CHECK(state_of(loader, "good.so") == "registered");
}

// Twin: a glob on the descriptor name must open the file to read it, then filters it.
TEST_CASE("filters: a disable glob matching only the plugin name filters it after opening") {
  Filtered f;
  FixtureReport marker(f.dir, "SEAM_FIXTURE_MARKER");
  f.options.disable_filters = {{"mark?r", "[plugins] disable_globs"}};
  Loader loader(std::move(f.options));
  const PluginRow* row = row_for_file(loader, "marker-file.so");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::filtered);
  CHECK(contains(row->reason, "[plugins] disable_globs"));
  CHECK(contains(row->reason, "plugin name 'marker'"));
  CHECK_FALSE(marker.lines().empty());
  CHECK(loader.registry().find("llm", "marker") == nullptr);
}

TEST_CASE("filters: select is an allowlist; what it does not match is filtered, naming it") {
  Filtered f;
  f.options.select_filters = {{"go*", "SEAM_PLUGINS_SELECT"}};
  Loader loader(std::move(f.options));
  CHECK(state_of(loader, "good.so") == "registered");
  const PluginRow* row = row_for_file(loader, "marker-file.so");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::filtered);
  CHECK(contains(row->reason, "select list"));
  CHECK(contains(row->reason, "SEAM_PLUGINS_SELECT 'go*'"));
  // The core-unconditional builtin is immune to the allowlist.
  REQUIRE(builtin_row(loader, "echo") != nullptr);
  CHECK(builtin_row(loader, "echo")->state == PluginState::registered);
  CHECK(loader.ok());
}

TEST_CASE("filters: disable is applied before select, so a plugin in both is filtered") {
  Filtered f;
  f.options.select_filters = {{"*", "SEAM_PLUGINS_SELECT"}};
  f.options.disable_filters = {{"good", "SEAM_PLUGINS_DISABLE"}};
  Loader loader(std::move(f.options));
  CHECK(state_of(loader, "good.so") == "filtered");
  CHECK(contains(row_for_file(loader, "good.so")->reason, "SEAM_PLUGINS_DISABLE"));
  CHECK(state_of(loader, "marker-file.so") == "registered");
}

TEST_CASE("filters: no filter leaves every plugin registered (twin)") {
  Filtered f;
  Loader loader(std::move(f.options));
  CHECK(state_of(loader, "good.so") == "registered");
  CHECK(state_of(loader, "marker-file.so") == "registered");
}

TEST_CASE("filters: disable '*' is safe mode: builtins only, even with a crashing plugin") {
  Filtered f;
  copy_fixture("runtime-crash", f.plugins);
  // The scanner inherits it: the plugin crashes in register.
  ::setenv("SEAM_FIXTURE_CRASH_IN", "register", 1);
  struct Unset {
    ~Unset() { ::unsetenv("SEAM_FIXTURE_CRASH_IN"); }
  } unset;
  SUBCASE("the crashing plugin is broken without safe mode") {
    Loader loader(f.options);
    CHECK(state_of(loader, "runtime-crash.so") == "broken");
  }
  SUBCASE("safe mode opens none of them") {
    FixtureReport marker(f.dir, "SEAM_FIXTURE_MARKER");
    f.options.disable_filters = {{"*", "--safe-mode"}};
    Loader loader(f.options);
    CHECK(loader.ok());
    for (const char* file : {"good.so", "marker-file.so", "runtime-crash.so"}) {
      CHECK(state_of(loader, file) == "filtered");
    }
    CHECK(marker.lines().empty());
    CHECK(loader.registry().lookup("llm", "echo").plugin_name() == "echo");
  }
}

TEST_CASE("filters: a builtin that is not core-unconditional is filtered by name") {
  Filtered f;
  f.options.builtins = {BuiltinPlugin{&seam_echo_plugin, false}};
  f.options.disable_filters = {{"ech*", "SEAM_PLUGINS_DISABLE"}};
  Loader loader(std::move(f.options));
  REQUIRE(builtin_row(loader, "echo") != nullptr);
  CHECK(builtin_row(loader, "echo")->state == PluginState::filtered);
  CHECK(loader.registry().find("llm", "echo") == nullptr);
}

TEST_CASE("filters: bracket sets and their negation match as fnmatch does") {
  for (const auto& glob_case : {std::pair<std::string, bool>{"[fg]oo[a-e]", true},
                                {"[!g]ood", false},
                                {"g[!x]o?", true},
                                {"go", false},
                                {"*d", true},
                                {"[g", false}}) {
    const std::string glob = glob_case.first;  // a copy: INFO captures it
    const bool good_filtered = glob_case.second;
    Filtered f;
    f.options.disable_filters = {{glob, "test"}};
    Loader loader(std::move(f.options));
    INFO(glob);
    CHECK((state_of(loader, "good.so") == "filtered") == good_filtered);
    CHECK(state_of(loader, "marker-file.so") == "registered");
  }
}
