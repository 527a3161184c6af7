// seam/version.h is generated from the project's version, and the loader's default host version
// is that version (not an invented one), so a host that never sets host_version still gates
// plugins on a real release.
#include <doctest/doctest.h>

#include <string>

#include <seam/version.h>
#include <seam/loader/options.hpp>

TEST_CASE("version.h: the macros spell the project's version") {
  CHECK(std::string(SEAM_VERSION_STRING) == SEAM_PROJECT_VERSION);
  CHECK(std::string(SEAM_VERSION_STRING) == std::to_string(SEAM_VERSION_MAJOR) + "." +
                                                std::to_string(SEAM_VERSION_MINOR) + "." +
                                                std::to_string(SEAM_VERSION_PATCH));
}

TEST_CASE("version.h: SEAM_VERSION_AT_LEAST orders versions") {
  CHECK(SEAM_VERSION_AT_LEAST(SEAM_VERSION_MAJOR, SEAM_VERSION_MINOR, SEAM_VERSION_PATCH));
  CHECK_FALSE(
      SEAM_VERSION_AT_LEAST(SEAM_VERSION_MAJOR, SEAM_VERSION_MINOR, SEAM_VERSION_PATCH + 1));
  CHECK_FALSE(SEAM_VERSION_AT_LEAST(SEAM_VERSION_MAJOR + 1, 0, 0));
  CHECK(SEAM_VERSION_NUMBER(1, 2, 3) > SEAM_VERSION_NUMBER(1, 1, 999));
  CHECK(SEAM_VERSION_NUMBER(2, 0, 0) > SEAM_VERSION_NUMBER(1, 999, 999));
#if !SEAM_VERSION_AT_LEAST(0, 0, 1)
  FAIL("the preprocessor disagrees with the C++ checks above");
#endif
}

TEST_CASE("loader options: forgetting host_version means the Seam release, never a made-up one") {
  const seam::LoaderOptions options;
  CHECK(options.host_version == SEAM_VERSION_STRING);
}
