// LoaderOptions::names: the loader's advice speaks of the host's options, "the denylist
// (disabled)" by default and what the host calls them otherwise, also in reasons made in the
// scanner process and kept in the registry cache (which every host of a user shares).
#include <doctest/doctest.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

OptionNames config_names() {
  OptionNames names;
  names.disabled = "[p] disabled";
  names.prefer = "[p] prefer";
  return names;
}

std::string reason_of(const Loader& loader, std::string_view file) {
  const PluginRow* row = row_for_file(loader, file);
  return row != nullptr ? row->reason : "(no row)";
}

}  // namespace

TEST_CASE("option names: a broken plugin's advice names the host's denylist, from the cache too") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("register-fails", plugins);
  LoaderOptions options = options_for_dir(plugins);
  options.on_error = OnError::skip;
  options.registry_cache = dir.path() / "registry.cache";
  const std::string neutral = "add 'register-fails' to the denylist (disabled).";
  const std::string named = "add 'register-fails' to the denylist ([p] disabled).";

  Loader scanned(options);
  INFO(reason_of(scanned, "register-fails.so"));
  CHECK(contains(reason_of(scanned, "register-fails.so"), neutral));
  CHECK_FALSE(contains(scanned.traces().back().source, "cache hit"));

  // The same record from the cache, for a host with names of its own.
  LoaderOptions configured = options;
  configured.names = config_names();
  Loader cached(configured);
  CHECK(cached.traces().back().cache_hit);
  CHECK(contains(reason_of(cached, "register-fails.so"), named));
  CHECK_FALSE(contains(reason_of(cached, "register-fails.so"), neutral));

  // Twin: the cache kept neither host's words; the default names come back.
  Loader again(options);
  CHECK(again.traces().back().cache_hit);
  CHECK(contains(reason_of(again, "register-fails.so"), neutral));
}

TEST_CASE("option names: a duplicate's advice and a wrong pin name the host's options") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), plugins);
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), plugins);
  for (const bool named : {false, true}) {
    LoaderOptions options = options_for_dir(plugins);
    options.on_error = OnError::skip;
    if (named) options.names = config_names();
    const std::string prefer = named ? "[p] prefer" : "prefer";
    const std::string denylist = named ? "the denylist ([p] disabled)" : "the denylist (disabled)";
    Loader loader(options);
    const std::string reason = reason_of(loader, "dup-b.so");
    INFO(reason);
    CHECK(contains(reason, "Or choose one: " + prefer + " = { \"llm:dup\" = \"dup-b\" }."));
    CHECK(contains(reason, "to " + denylist + "."));

    options.prefer = {{"llm:dup", "good"}};
    Loader pinned(options);
    const auto error = registry_error(pinned);
    REQUIRE(error);
    CHECK(error->kind == "ConfigError");
    CHECK(error->message.rfind(prefer + ": the pin \"llm:dup\" = \"good\"", 0) == 0);
  }
}
