// The denylist: a file stem is matched before the file is opened, a descriptor name after, and a
// core-unconditional builtin cannot be denied at all.
#include <doctest/doctest.h>

#include <echo.h>

#include "../support/fixture_report.hpp"
#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

// The marker fixture (file marker-file.so, plugin name "marker") writes "loaded" to the file named
// by SEAM_FIXTURE_MARKER from a library constructor, i.e. whenever anything dlopens it.
class MarkerFile {
 public:
  explicit MarkerFile(const TempDir& dir) : report_(dir, "SEAM_FIXTURE_MARKER") {}
  bool library_was_loaded() const { return !report_.lines().empty(); }

 private:
  FixtureReport report_;
};

Loader load_marker(const TempDir& dir, std::vector<std::string> disabled) {
  std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("marker-file", plugins);
  LoaderOptions options = options_for_dir(plugins);
  options.disabled = std::move(disabled);
  return Loader(std::move(options));
}

}  // namespace

TEST_CASE("denylist: a plugin denied by file stem is disabled without ever being opened") {
  TempDir dir;
  MarkerFile marker(dir);
  Loader loader = load_marker(dir, {"marker-file"});

  const PluginRow* row = row_for_file(loader, "marker-file.so");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::disabled);
  CHECK(contains(row->reason, "disabled"));
  CHECK(row->error_kind.empty());
  CHECK(loader.ok());
  CHECK_FALSE(marker.library_was_loaded());
}

// Twin: the marker really does fire when the loader opens the file, here to read its name.
TEST_CASE("denylist: a plugin denied by descriptor name is opened and then disabled") {
  TempDir dir;
  MarkerFile marker(dir);
  Loader loader = load_marker(dir, {"marker"});

  const PluginRow* row = row_for_file(loader, "marker-file.so");
  REQUIRE(row != nullptr);
  CHECK(row->name == "marker");
  CHECK(row->state == PluginState::disabled);
  CHECK(contains(row->reason, "disabled"));
  CHECK(loader.ok());
  CHECK(marker.library_was_loaded());
  CHECK(loader.registry().find("llm", "marker") == nullptr);
}

TEST_CASE("denylist: a plugin on no denylist is opened and registered") {
  TempDir dir;
  MarkerFile marker(dir);
  Loader loader = load_marker(dir, {});

  CHECK(state_of(loader, "marker-file.so") == "registered");
  CHECK(marker.library_was_loaded());
  CHECK(loader.registry().find("llm", "marker") != nullptr);
}

TEST_CASE("denylist: an unloadable plugin denied by file stem is disabled and not a dlopen error") {
  TempDir dir;
  copy_fixture("needs-lib", dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.disabled = {"needs-lib"};
  Loader loader(std::move(options));

  const PluginRow* row = row_for_file(loader, "needs-lib.so");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::disabled);
  CHECK(contains(row->reason, "disabled"));
  CHECK_FALSE(contains(row->reason, "cannot open shared object file"));
  CHECK(row->error_kind.empty());
  CHECK(loader.ok());
  CHECK_FALSE(registry_error(loader).has_value());
}

// Twin: without the denylist the same file fails in dlopen, which is what the stem check avoided.
TEST_CASE("denylist: the same unloadable plugin not denied is broken with the dlopen error") {
  TempDir dir;
  copy_fixture("needs-lib", dir.path());
  Loader loader(options_for_dir(dir.path()));

  check_rejected<BrokenPluginError>(
      loader, "needs-lib.so",
      {PluginState::broken,
       {"needs-lib.so", "cannot open shared object file"},
       {"cannot open shared object file", "libseam_fixture_private_dep.so"}});
}

TEST_CASE("denylist: denying a core-unconditional builtin is an error under both policies") {
  for (OnError policy : {OnError::fail, OnError::skip}) {
    CAPTURE(policy == OnError::fail ? "fail" : "skip");
    LoaderOptions options;
    options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
    options.disabled = {"echo"};
    options.on_error = policy;
    Loader loader(std::move(options));

    const PluginRow* row = builtin_row(loader, "echo");
    REQUIRE(row != nullptr);
    CHECK(row->core_unconditional);
    CHECK(row->state == PluginState::registered);

    const auto problems = problems_of(loader);
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().kind == "CoreUnconditionalPluginDisabledError");
    CHECK(contains(problems.front().message, "echo"));

    const auto thrown = registry_error(loader);
    REQUIRE(thrown.has_value());
    CHECK(holds<CoreUnconditionalPluginDisabledError>(thrown->error));
    CHECK(thrown->kind == "CoreUnconditionalPluginDisabledError");
    CHECK(contains(thrown->message, "echo"));
  }
}

// Twin: the same denylist entry on a builtin that is not core-unconditional just disables it.
TEST_CASE("denylist: denying a builtin that is not core-unconditional disables it quietly") {
  LoaderOptions options;
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, false}};
  options.disabled = {"echo"};
  Loader loader(std::move(options));

  const PluginRow* row = builtin_row(loader, "echo");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::disabled);
  CHECK(contains(row->reason, "disabled"));
  CHECK(loader.ok());
  CHECK_FALSE(registry_error(loader).has_value());
  CHECK(loader.registry().find("llm", "echo") == nullptr);
}

TEST_CASE("denylist: a core-unconditional builtin not denied is registered") {
  LoaderOptions options;
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
  Loader loader(std::move(options));

  const PluginRow* row = builtin_row(loader, "echo");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::registered);
  CHECK(row->origin == "builtin");
  CHECK(loader.ok());
  CHECK(loader.registry().lookup("llm", "echo").plugin_name() == "echo");
}
