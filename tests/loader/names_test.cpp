// The stable strings the CLI and docs rely on: state names, contribution labels, status names.
#include <doctest/doctest.h>

#include <string>

#include <seam/seam.h>
#include <seam/loader/errors.hpp>
#include <seam/loader/report.hpp>

using namespace seam;

TEST_CASE("names: plugin states have stable lowercase names") {
  CHECK(to_string(PluginState::registered) == "registered");
  CHECK(to_string(PluginState::disabled) == "disabled");
  CHECK(to_string(PluginState::broken) == "broken");
  CHECK(to_string(PluginState::incompatible) == "incompatible");
  CHECK(to_string(PluginState::duplicate) == "duplicate");
}

TEST_CASE("names: contribution labels are family:sdk for backends and lister:sdk for listers") {
  Contribution backend;
  backend.kind = Contribution::Kind::backend;
  backend.family = "llm";
  backend.sdk = "echo";
  CHECK(backend.label() == "llm:echo");

  Contribution lister;
  lister.kind = Contribution::Kind::lister;
  lister.sdk = "echo";
  CHECK(lister.label() == "lister:echo");
}

TEST_CASE("names: status_name names every SEAM status and marks unknown ones") {
  CHECK(status_name(SEAM_OK) == "SEAM_OK");
  CHECK(status_name(SEAM_E_INVALID_ARGUMENT) == "SEAM_E_INVALID_ARGUMENT");
  CHECK(status_name(SEAM_E_BACKEND) == "SEAM_E_BACKEND");
  CHECK(status_name(SEAM_E_INVALID_STATE) == "SEAM_E_INVALID_STATE");
  CHECK(status_name(SEAM_E_TIMEOUT) == "SEAM_E_TIMEOUT");
  CHECK(status_name(99) == "unknown status 99");
}
