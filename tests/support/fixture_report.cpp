#include "fixture_report.hpp"

#include <cstdlib>
#include <fstream>

namespace seam::test {

FixtureReport::FixtureReport(const TempDir& dir, std::string variable)
    : variable_(std::move(variable)), file_(dir.path() / (variable_ + ".log")) {
  setenv(variable_.c_str(), file_.c_str(), 1);
}

FixtureReport::~FixtureReport() {
  unsetenv(variable_.c_str());
}

std::vector<std::string> FixtureReport::lines() const {
  std::vector<std::string> result;
  std::ifstream in(file_);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

}  // namespace seam::test
