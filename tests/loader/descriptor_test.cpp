// Descriptor validation: name, version and register function, and what register itself returns.
#include <doctest/doctest.h>

#include "../support/rejection.hpp"
#include "../support/single_plugin.hpp"

using namespace seam;
using namespace seam::test;

TEST_CASE("descriptor: a NULL name is broken") {
  SinglePlugin plugin("name-null");
  check_rejected<BrokenPluginError>(plugin.loader, "name-null.so",
                                    {PluginState::broken, {"name-null.so"}, {"name"}});
}

TEST_CASE("descriptor: an empty name is broken") {
  SinglePlugin plugin("name-empty");
  check_rejected<BrokenPluginError>(plugin.loader, "name-empty.so",
                                    {PluginState::broken, {"name-empty.so"}, {"name"}});
}

TEST_CASE("descriptor: an invalid name is broken and the message quotes it") {
  SinglePlugin plugin("name-invalid");
  check_rejected<BrokenPluginError>(
      plugin.loader, "name-invalid.so",
      {PluginState::broken, {"name-invalid.so", "'Bad Name!'"}, {"Bad Name!"}});
}

TEST_CASE("descriptor: a version that is not semver is broken") {
  SinglePlugin plugin("version-invalid");
  check_rejected<BrokenPluginError>(
      plugin.loader, "version-invalid.so",
      {PluginState::broken, {"version-invalid", "version-invalid.so", "1.0"}, {"1.0"}});
}

TEST_CASE("descriptor: a NULL register function is broken") {
  SinglePlugin plugin("register-null");
  check_rejected<BrokenPluginError>(
      plugin.loader, "register-null.so",
      {PluginState::broken, {"register-null", "register-null.so"}, {"register"}});
}

TEST_CASE("descriptor: register returning an error is broken and the message names the status") {
  SinglePlugin plugin("register-fails");
  check_rejected<BrokenPluginError>(plugin.loader, "register-fails.so",
                                    {PluginState::broken,
                                     {"register-fails", "register-fails.so", "SEAM_E_BACKEND"},
                                     {"SEAM_E_BACKEND"}});
}

// Twin of every case above: the good fixture differs from each only in the faulty field.
TEST_CASE("descriptor: a valid name and semver version and a succeeding register are accepted") {
  SinglePlugin plugin("good");
  const PluginRow* row = row_for_file(plugin.loader, "good.so");
  REQUIRE(row != nullptr);
  CHECK(row->name == "good");
  CHECK(row->version == "1.0.0");
  CHECK(row->description == "Seam test fixture good");
  CHECK(row->state == PluginState::registered);
  CHECK(plugin.loader.ok());
}
