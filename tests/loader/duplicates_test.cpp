// Duplicates: the later plugin in candidate order loses, the message names both sides, and the
// loser contributes nothing at all.
#include <doctest/doctest.h>

#include <echo.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

LoaderOptions skipping(const std::filesystem::path& dir) {
  LoaderOptions options = options_for_dir(dir);
  options.on_error = OnError::skip;
  return options;
}

}  // namespace

TEST_CASE("duplicates: two plugins registering the same backend make the later one duplicate") {
  TempDir dir;
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), dir.path());
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), dir.path());
  Loader loader(options_for_dir(dir.path()));

  CHECK(state_of(loader, "dup-a.so") == "registered");
  check_rejected<DuplicateInferenceBackendError>(
      loader, "dup-b.so",
      {PluginState::duplicate, {"dup-a", "dup-b", "dup-a.so", "dup-b.so"}, {"dup-a"}});

  Loader lenient(skipping(dir.path()));
  CHECK(lenient.registry().lookup("llm", "dup").plugin_name() == "dup-a");
  CHECK(lenient.registry().find("llm", "dup-a") != nullptr);
  CHECK(lenient.registry().find("llm", "dup-b") == nullptr);  // the loser is out as a whole
}

// Twin: the losing plugin on its own is fine and serves the contested key.
TEST_CASE("duplicates: the same backend from a single plugin is registered") {
  TempDir dir;
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), dir.path());
  Loader loader(options_for_dir(dir.path()));

  CHECK(state_of(loader, "dup-b.so") == "registered");
  CHECK(loader.ok());
  CHECK(loader.registry().lookup("llm", "dup").plugin_name() == "dup-b");
}

TEST_CASE(
    "duplicates: two plugins registering a lister for the same sdk make the later one duplicate") {
  TempDir dir;
  copy_into(fixture_file("duplicate-lister", "dupl-a.so"), dir.path());
  copy_into(fixture_file("duplicate-lister", "dupl-b.so"), dir.path());
  Loader loader(options_for_dir(dir.path()));

  CHECK(state_of(loader, "dupl-a.so") == "registered");
  check_rejected<DuplicateModelListerError>(
      loader, "dupl-b.so",
      {PluginState::duplicate, {"dupl-a", "dupl-b", "dupl-a.so", "dupl-b.so"}, {"dupl-a"}});

  Loader lenient(skipping(dir.path()));
  REQUIRE(lenient.registry().find_lister("dupl") != nullptr);
  CHECK(lenient.registry().find_lister("dupl")->plugin_name() == "dupl-a");
  CHECK(lenient.registry().find("llm", "dupl-a") != nullptr);
  CHECK(lenient.registry().find("llm", "dupl-b") == nullptr);
}

// Twin: the losing lister plugin on its own is fine.
TEST_CASE("duplicates: a lister from a single plugin is registered") {
  TempDir dir;
  copy_into(fixture_file("duplicate-lister", "dupl-b.so"), dir.path());
  Loader loader(options_for_dir(dir.path()));

  CHECK(state_of(loader, "dupl-b.so") == "registered");
  CHECK(loader.ok());
  REQUIRE(loader.registry().find_lister("dupl") != nullptr);
  CHECK(loader.registry().find_lister("dupl")->plugin_name() == "dupl-b");
}

TEST_CASE(
    "duplicates: seam-echo.so next to the echo builtin is a duplicate naming builtin and file") {
  TempDir dir;
  const std::filesystem::path file = copy_into(echo_plugin_file(), dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
  Loader loader(std::move(options));

  const PluginRow* builtin = builtin_row(loader, "echo");
  REQUIRE(builtin != nullptr);
  CHECK(builtin->state == PluginState::registered);
  check_rejected<DuplicateInferenceBackendError>(
      loader, "seam-echo.so",
      {PluginState::duplicate, {"echo", "builtin", "seam-echo.so"}, {"builtin"}});
}

TEST_CASE("duplicates: two builds of one plugin name collide, and the suggested entry denies one") {
  // same-name-old.so sorts first and holds the name; same-name.so's stem is the name itself, so
  // denying "same-name" would hit both: the suggestion must be the other file's stem.
  TempDir dir;
  copy_into(fixture_file("duplicate-name", "same-name-old.so"), dir.path());
  copy_into(fixture_file("duplicate-name", "same-name.so"), dir.path());
  Loader loader(options_for_dir(dir.path()));
  CHECK(state_of(loader, "same-name-old.so") == "registered");
  check_rejected<DuplicatePluginError>(
      loader, "same-name.so",
      {PluginState::duplicate,
       {"Plugin name 'same-name'", "same-name-old.so", "same-name.so",
        "add \"same-name-old\" to the denylist (disabled)"},
       {"same-name-old.so"}});

  // Twin: following the advice leaves exactly one of them, and no problem.
  LoaderOptions advised = options_for_dir(dir.path());
  advised.disabled = {"same-name-old"};
  Loader fixed(std::move(advised));
  CHECK(fixed.problems().empty());
  CHECK(state_of(fixed, "same-name-old.so") == "disabled");
  CHECK(state_of(fixed, "same-name.so") == "registered");
  CHECK(fixed.registry().find("llm", "same-name-a") != nullptr);
}

TEST_CASE("duplicates: when no denylist entry tells two files apart the advice is to rename one") {
  // The same file name and plugin name in two folders: any entry matching one matches both.
  TempDir first, second;
  copy_into(fixture_file("duplicate-name", "same-name.so"), first.path());
  std::filesystem::copy_file(fixture_file("duplicate-name", "same-name-old.so"),
                             second.path() / "same-name.so");
  LoaderOptions options = options_for_dir(first.path());
  options.search_paths.push_back(second.path());
  Loader loader(std::move(options));
  const auto problems = problems_of(loader);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().kind == "DuplicatePluginError");
  CHECK(contains(problems.front().message, "Remove or rename one of the files"));
  CHECK_FALSE(contains(problems.front().message, "\" to the denylist"));
  CHECK(contains(problems.front().message, (second.path() / "same-name.so").string()));
}
