// A folder with more plugins than one scanner process takes (it ends after 256 files and the
// loader starts the next): every file is scanned once, reported in discovery order and judged on
// its own, a crash on either side of a hand-over included.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>

#include "isolation_support.hpp"

using isolation::scanner_options;
using isolation::TempDir;

TEST_CASE("more files than one scanner takes: all scanned, in order, each judged alone") {
  constexpr int kCalm = 600;
  TempDir dir;
  const auto fixtures = std::filesystem::path(SEAM_HOSTILE_DIR);
  std::vector<std::string> files;
  for (int i = 0; i < kCalm; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "calm-%04d.so", i);
    std::filesystem::copy_file(fixtures / "calm-named" / "calm-named.so", dir.path() / name);
    files.push_back(name);
  }
  // Crashers ('.' < 'z' in the sort): the first file of the second scanner (after 256 files) and
  // the last of the third (which starts after the crash, at 257).
  for (const char* name : {"calm-0255z.so", "calm-0510z.so"}) {
    std::filesystem::copy_file(fixtures / "segv" / "segv.so", dir.path() / name);
    files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files[256] == "calm-0255z.so");
  REQUIRE(files[512] == "calm-0510z.so");

  seam::Loader loader(scanner_options(dir.path()));
  const auto& report = loader.report();
  REQUIRE(report.size() == files.size());
  int registered = 0, broken = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const seam::PluginRow& row = report[i];
    INFO("row ", i, " ", row.origin, ": ", seam::to_string(row.state), " ", row.reason);
    REQUIRE(std::filesystem::path(row.origin).filename() == files[i]);
    if (files[i].find('z') != std::string::npos) {
      CHECK(row.state == seam::PluginState::broken);
      CHECK(row.reason.find("SIGSEGV") != std::string::npos);
      CHECK(row.reason.find(files[i]) != std::string::npos);
      broken += row.state == seam::PluginState::broken;
    } else {
      CHECK(row.state == seam::PluginState::registered);
      CHECK(row.name == std::filesystem::path(files[i]).stem().string());
      registered += row.state == seam::PluginState::registered;
    }
  }
  CHECK(registered == kCalm);
  CHECK(broken == 2);
  // The last file is served like the first.
  CHECK(loader.registry().find("llm", "calm-0000") != nullptr);
  CHECK(loader.registry().find("llm", "calm-0599") != nullptr);
}
