// The version gate: a plugin is accepted only inside [SEAM_API_VERSION_MIN, SEAM_API_VERSION], with
// a complete v1 descriptor, and only by hosts its host_version_range admits.
#include <doctest/doctest.h>

#include <string>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/rejection.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

const std::string supported_range =
    std::to_string(SEAM_API_VERSION_MIN) + ".." + std::to_string(SEAM_API_VERSION);

}  // namespace

TEST_CASE("version gate: api_version above SEAM_API_VERSION is incompatible") {
  TempDir dir;
  copy_fixture("api-too-new", dir.path());
  Loader loader(options_for_dir(dir.path()));

  const std::string too_new = std::to_string(SEAM_API_VERSION + 1);
  check_rejected<PluginApiVersionMismatchError>(
      loader, "api-too-new.so",
      {PluginState::incompatible,
       {"api-too-new", "api-too-new.so", too_new, supported_range},
       {too_new, supported_range}});
  CHECK(row_for_file(loader, "api-too-new.so")->api_version == SEAM_API_VERSION + 1);
}

TEST_CASE("version gate: api_version below SEAM_API_VERSION_MIN is incompatible") {
  TempDir dir;
  copy_fixture("api-too-old", dir.path());
  Loader loader(options_for_dir(dir.path()));

  const std::string too_old = std::to_string(SEAM_API_VERSION_MIN - 1);
  check_rejected<PluginApiVersionMismatchError>(
      loader, "api-too-old.so",
      {PluginState::incompatible,
       {"api-too-old", "api-too-old.so", too_old, supported_range},
       {too_old, supported_range}});
}

// Twin of both api_version cases: the same source compiled with SEAM_API_VERSION passes the gate.
TEST_CASE("version gate: api_version inside the supported range is accepted") {
  TempDir dir;
  copy_fixture("good", dir.path());
  Loader loader(options_for_dir(dir.path()));

  const PluginRow* row = row_for_file(loader, "good.so");
  REQUIRE(row != nullptr);
  CHECK(row->api_version >= SEAM_API_VERSION_MIN);
  CHECK(row->api_version <= SEAM_API_VERSION);
  CHECK(row->state == PluginState::registered);
  CHECK(loader.ok());
}

TEST_CASE("version gate: a descriptor whose struct_size is smaller than v1 is incompatible") {
  TempDir dir;
  copy_fixture("descriptor-too-small", dir.path());
  Loader loader(options_for_dir(dir.path()));

  check_rejected<PluginApiVersionMismatchError>(
      loader, "descriptor-too-small.so",
      {PluginState::incompatible, {"descriptor-too-small.so"}, {}});
}

TEST_CASE("version gate: a host_version_range that excludes the host is incompatible") {
  TempDir dir;
  copy_fixture("host-range", dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.host_version = "0.1.0";
  Loader loader(std::move(options));

  check_rejected<PluginApiVersionMismatchError>(
      loader, "host-range.so",
      {PluginState::incompatible, {"host-range", "host-range.so", ">=0.2.0", "0.1.0"}, {"0.1.0"}});
}

// Twin: the very same file, with a host version its range admits.
TEST_CASE("version gate: a host_version_range that includes the host is accepted") {
  TempDir dir;
  copy_fixture("host-range", dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.host_version = "0.2.0";
  Loader loader(std::move(options));

  CHECK(state_of(loader, "host-range.so") == "registered");
  CHECK(loader.ok());
  CHECK(loader.registry().lookup("llm", "host-range").plugin_name() == "host-range");
}
