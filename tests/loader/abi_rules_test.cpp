// The ABI's own rules, enforced: a struct whose struct_size is below the v1 size is refused and
// never read, a registrar call through anything but the registrar handed to the plugin is refused,
// flag bits this version does not define are refused, SEAM_BACKEND_OVERRIDES_BUILTIN replaces the
// builtin backend, any valid semver is accepted, and a name that is not an identifier (not even
// UTF-8) is "invalid plugin name". Each with its positive twin.
#include <doctest/doctest.h>

#include <echo.h>

#include "../support/fixture_report.hpp"
#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/single_plugin.hpp"

using namespace seam;
using namespace seam::test;

namespace {

// Like registrar_test's check: one faulty call whose status the fixture ignores.
void check_refused(const std::string& stem, const std::string& method, const std::string& detail) {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  const std::string file_name = copy_fixture(stem, plugins).filename().string();
  FixtureReport statuses(dir, "SEAM_FIXTURE_STATUS");
  Loader loader(options_for_dir(plugins));
  check_rejected<BrokenPluginError>(
      loader, file_name, {PluginState::broken, {stem, file_name, method, detail}, {detail}});
  for (const std::string& answer : statuses.lines()) {
    CHECK(answer == "status " + std::to_string(SEAM_E_INVALID_ARGUMENT));
  }
}

LoaderOptions with_echo_builtin(const std::filesystem::path& dir) {
  LoaderOptions options = options_for_dir(dir);
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, false}};
  return options;
}

}  // namespace

TEST_CASE("abi: a backend flag bit this version does not define is refused") {
  check_refused("registrar-unknown-flag", "add_inference_backend",
                "sets bits (0x80000000) that this version of Seam does not define");
}

TEST_CASE("abi: a model lister flag bit this version does not define is refused") {
  check_refused("registrar-lister-flag", "add_model_lister",
                "sets bits (0x2) that this version of Seam does not define");
}

TEST_CASE("abi: a registrar call with a NULL self is refused and breaks the plugin") {
  check_refused("registrar-null-self", "add_inference_backend", "self is NULL");
}

TEST_CASE("abi: a registrar call through a copy of the registrar is refused") {
  check_refused("registrar-foreign-self", "add_inference_backend",
                "self is not the registrar handed to this plugin");
}

TEST_CASE("abi: the defined flag and the real registrar are accepted (twin)") {
  // overrides-echo sets SEAM_BACKEND_OVERRIDES_BUILTIN through its own registrar: with no builtin
  // to replace, it is simply a backend.
  SinglePlugin plugin("overrides-echo");
  CHECK(state_of(plugin.loader, "overrides-echo.so") == "registered");
  CHECK(plugin.loader.registry().lookup("llm", "echo").plugin_name() == "overrides-echo");
}

TEST_CASE("abi: a worker vtable whose struct_size is too small is refused and never called") {
  SinglePlugin plugin("vtable-too-small");
  try {
    plugin.loader.registry().lookup("llm", "vtable-too-small").make_worker({});
    FAIL("make_worker accepted a vtable with struct_size 0");
  } catch (const WorkerError& e) {
    CHECK(contains(e.what(), "vtable-too-small"));
    CHECK(contains(e.what(), "struct_size (0)"));
    CHECK(contains(e.what(), "seam_worker_vtable"));
  }
  // Twin: the same worker with a full vtable.
  SinglePlugin good("good");
  Worker worker = good.loader.registry().lookup("llm", "good").make_worker({});
  CHECK(invoke_all(worker, llm_request("hi")).outcome == InvokeOutcome::completed);
}

TEST_CASE("abi: a model record whose struct_size is too small is skipped; the good ones are kept") {
  SinglePlugin plugin("record-too-small");
  std::vector<std::string> ids;
  plugin.loader.registry().find_lister("record-too-small")->list({}, [&](const ModelInfo& m) {
    ids.push_back(m.id);
    return true;
  });
  CHECK(ids == std::vector<std::string>{"record-too-small-model", "record-too-small-second-model"});
}

TEST_CASE("abi: SEAM_BACKEND_OVERRIDES_BUILTIN replaces the builtin backend; both rows say so") {
  TempDir dir;
  copy_fixture("overrides-echo", dir.path());
  Loader loader(with_echo_builtin(dir.path()));
  CHECK(loader.ok());
  CHECK(loader.registry().lookup("llm", "echo").plugin_name() == "overrides-echo");
  const PluginRow* plugin = row_for_file(loader, "overrides-echo.so");
  const PluginRow* builtin = builtin_row(loader, "echo");
  REQUIRE(plugin != nullptr);
  REQUIRE(builtin != nullptr);
  CHECK(plugin->state == PluginState::registered);
  CHECK(builtin->state == PluginState::registered);
  for (const PluginRow* row : {plugin, builtin}) {
    INFO(row->reason);
    CHECK(contains(row->reason, "llm:echo"));
    CHECK(contains(row->reason, "'echo' (builtin)"));
    CHECK(contains(row->reason, "overrides-echo.so"));
    CHECK(contains(row->reason, "overridden"));
  }
  // The builtin's other contributions stay.
  CHECK(loader.registry().find_lister("echo") != nullptr);
}

TEST_CASE("abi: without the flag the same key beside the builtin is a duplicate (twin)") {
  TempDir dir;
  copy_fixture("clashes-echo", dir.path());
  Loader loader(with_echo_builtin(dir.path()));
  check_rejected<DuplicateInferenceBackendError>(
      loader, "clashes-echo.so",
      {PluginState::duplicate, {"llm:echo", "builtin", "clashes-echo.so"}, {"builtin"}});
}

TEST_CASE("abi: any valid semver is accepted, however long its numbers") {
  SinglePlugin plugin("version-long");
  CHECK(state_of(plugin.loader, "version-long.so") == "registered");
  const PluginRow* row = row_for_file(plugin.loader, "version-long.so");
  REQUIRE(row != nullptr);
  CHECK(row->version == "1.2.34567890123456789012345-rc.1+build.7");
}

TEST_CASE("abi: a name that is not UTF-8 is an invalid plugin name, shown escaped") {
  SinglePlugin plugin("name-not-utf8");
  check_rejected<BrokenPluginError>(
      plugin.loader, "name-not-utf8.so",
      {PluginState::broken, {"invalid plugin name", "name-not-utf8.so"}, {"invalid plugin name"}});
  const PluginRow* row = row_for_file(plugin.loader, "name-not-utf8.so");
  REQUIRE(row != nullptr);
  // Neither the stray byte nor the escape sequence reaches the text raw.
  CHECK(row->reason.find('\x1b') == std::string::npos);
  CHECK(row->reason.find("\xc3-") == std::string::npos);
  CHECK(contains(row->reason, "\\x1b"));
}
