// Pins: when two plugins contribute one key, LoaderOptions::prefer chooses; the loser is a
// `shadowed` row naming the winner and the pin, not a problem. Without a pin the duplicate still
// fails loud (duplicates_test.cpp); a pin naming a plugin that does not serve its key is a
// ConfigError naming the candidates.
#include <doctest/doctest.h>

#include <echo.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

LoaderOptions both_dup_plugins(const TempDir& dir, std::map<std::string, std::string> prefer) {
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), dir.path());
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.prefer = std::move(prefer);
  return options;
}

const Choice* choice_for(const Loader& loader, const std::string& key) {
  for (const Choice& c : loader.choices()) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("pins: the pinned plugin serves the key and the other is shadowed, naming both") {
  // Both orders of the pin: the winner may come before or after the loser in discovery order.
  for (const std::string winner : {"dup-a", "dup-b"}) {
    const std::string loser = winner == "dup-a" ? "dup-b" : "dup-a";
    TempDir dir;
    Loader loader(both_dup_plugins(dir, {{"llm:dup", winner}}));
    CHECK(loader.ok());
    CHECK(loader.registry().lookup("llm", "dup").plugin_name() == winner);
    CHECK(state_of(loader, winner + ".so") == "registered");
    const PluginRow* row = row_for_file(loader, loser + ".so");
    REQUIRE(row != nullptr);
    CHECK(row->state == PluginState::shadowed);
    CHECK(row->error_kind.empty());
    INFO(row->reason);
    CHECK(contains(row->reason, "llm:dup"));
    CHECK(contains(row->reason, "'" + winner + "'"));
    CHECK(contains(row->reason, "prefer \"llm:dup\" = \"" + winner + "\""));
    // The loser is out as a whole, as a duplicate is.
    CHECK(loader.registry().find("llm", loser) == nullptr);
    CHECK(loader.registry().find("llm", winner) != nullptr);
    const Choice* choice = choice_for(loader, "llm:dup");
    REQUIRE(choice != nullptr);
    CHECK(choice->plugin == winner);
    CHECK(choice->why == Choice::Why::pin);
    REQUIRE(choice->losers.size() == 1);
    CHECK(choice->losers[0].name == loser);
    CHECK(contains(choice->losers[0].origin, loser + ".so"));
  }
}

// Twin: the same pair without a pin is the loud duplicate it always was.
TEST_CASE("pins: without a pin the same pair is a duplicate error") {
  TempDir dir;
  Loader loader(both_dup_plugins(dir, {}));
  CHECK_FALSE(loader.ok());
  CHECK(state_of(loader, "dup-b.so") == "duplicate");
  const PluginRow* row = row_for_file(loader, "dup-b.so");
  REQUIRE(row != nullptr);
  CHECK(contains(row->reason, "prefer = { \"llm:dup\""));
  CHECK(holds<DuplicateInferenceBackendError>(loader.problems().front()));
  // Who serves it meanwhile says that nothing chose it.
  const Choice* choice = choice_for(loader, "llm:dup");
  REQUIRE(choice != nullptr);
  CHECK(choice->plugin == "dup-a");
  CHECK(choice->why == Choice::Why::first_found);
  REQUIRE(choice->losers.size() == 1);
  CHECK(choice->losers[0].name == "dup-b");
}

TEST_CASE("pins: a pin on a lister key chooses the lister's plugin") {
  TempDir dir;
  copy_into(fixture_file("duplicate-lister", "dupl-a.so"), dir.path());
  copy_into(fixture_file("duplicate-lister", "dupl-b.so"), dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.prefer = {{"lister:dupl", "dupl-b"}};
  Loader loader(std::move(options));
  CHECK(loader.ok());
  REQUIRE(loader.registry().find_lister("dupl") != nullptr);
  CHECK(loader.registry().find_lister("dupl")->plugin_name() == "dupl-b");
  CHECK(state_of(loader, "dupl-a.so") == "shadowed");
}

TEST_CASE("pins: a pin naming a plugin that does not contribute the key is a ConfigError") {
  TempDir dir;
  copy_fixture("good", dir.path());
  Loader loader(both_dup_plugins(dir, {{"llm:dup", "good"}}));
  CHECK_FALSE(loader.ok());
  auto error = registry_error(loader);
  REQUIRE(error.has_value());
  CHECK(error->kind == "ConfigError");
  INFO(error->message);
  CHECK(contains(error->message, "llm:dup"));
  CHECK(contains(error->message, "\"llm:dup\" = \"good\""));
  // The candidates, so the user can pin one of them.
  CHECK(contains(error->message, "dup-a"));
  CHECK(contains(error->message, "dup-b"));
}

TEST_CASE("pins: a pin on a key no plugin contributes says so") {
  TempDir dir;
  copy_fixture("good", dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.prefer = {{"llm:nothing", "good"}};
  Loader loader(std::move(options));
  auto error = registry_error(loader);
  REQUIRE(error.has_value());
  CHECK(error->kind == "ConfigError");
  CHECK(contains(error->message, "no plugin contributes llm:nothing"));
}

TEST_CASE("pins: a pin on an uncontested key is its only candidate, and holds") {
  TempDir dir;
  copy_fixture("good", dir.path());
  Loader loader(options_for_dir(dir.path()));
  REQUIRE(!loader.report().empty());
  const std::string key = labels(loader.report().front()).front();
  const Choice* choice = choice_for(loader, key);
  REQUIRE(choice != nullptr);
  CHECK(choice->why == Choice::Why::only_candidate);
  CHECK(choice->losers.empty());

  LoaderOptions pinned = options_for_dir(dir.path());
  pinned.prefer = {{key, loader.report().front().name}};
  Loader with_pin(std::move(pinned));
  CHECK(with_pin.ok());
  REQUIRE(choice_for(with_pin, key) != nullptr);
  CHECK(choice_for(with_pin, key)->why == Choice::Why::pin);
}

TEST_CASE("pins: a pin naming the builtin beats a plugin's override of it") {
  TempDir dir;
  copy_fixture("overrides-echo", dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, false}};
  SUBCASE("without a pin the override wins") {
    Loader loader(std::move(options));
    CHECK(loader.registry().lookup("llm", "echo").plugin_name() == "overrides-echo");
    const Choice* choice = choice_for(loader, "llm:echo");
    REQUIRE(choice != nullptr);
    CHECK(choice->why == Choice::Why::builtin_override);
    REQUIRE(choice->losers.size() == 1);
    CHECK(choice->losers[0].origin == "builtin");
  }
  SUBCASE("the pin keeps the builtin") {
    options.prefer = {{"llm:echo", "echo"}};
    Loader loader(std::move(options));
    CHECK(loader.ok());
    CHECK(loader.registry().lookup("llm", "echo").plugin_name() == "echo");
    CHECK(state_of(loader, "overrides-echo.so") == "shadowed");
  }
}
