// The channel by which a fixture tells a test what happened inside it: the test names a fresh file
// in an environment variable the fixture reads (SEAM_FIXTURE_MARKER, SEAM_FIXTURE_STATUS), and the
// fixture appends one line per event. A file works wherever the loader runs the plugin's code.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace seam::test {

class FixtureReport {
 public:
  // Points VARIABLE at a fresh file in DIR for the lifetime of this object.
  FixtureReport(const TempDir& dir, std::string variable);
  ~FixtureReport();
  FixtureReport(const FixtureReport&) = delete;
  FixtureReport& operator=(const FixtureReport&) = delete;

  // The lines the fixture wrote, in order; empty when it wrote none.
  std::vector<std::string> lines() const;

 private:
  std::string variable_;
  std::filesystem::path file_;
};

}  // namespace seam::test
