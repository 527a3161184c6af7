// The seam command keeps its registry cache where SEAM_REGISTRY or [plugins] registry says: a warm
// `plugins list` scans nothing, `plugins rescan` scans everything again.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "isolation_support.hpp"

using isolation::copy_hostile;
using isolation::read_lines;
using isolation::TempDir;

namespace {

// Runs `seam ARGS` with ENV prefixed (shell syntax); returns the exit code.
int run_seam(const std::string& env, const std::string& args) {
  std::string command = env + " '" + SEAM_EXECUTABLE + "' " + args + " >/dev/null 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Setup {
  TempDir dir;
  std::filesystem::path plugins = dir.path() / "plugins";
  std::filesystem::path log = dir.path() / "scans.log";
  Setup() {
    std::filesystem::create_directories(plugins);
    copy_hostile("calm", plugins);
  }
  std::string env(const std::filesystem::path& cache) const {
    return "SEAM_TEST_SCAN_LOG='" + log.string() + "' SEAM_REGISTRY='" + cache.string() + "'";
  }
  std::string list() const { return "plugins list --plugin-path '" + plugins.string() + "'"; }
  long scans() const {
    auto lines = read_lines(log);
    return std::count(lines.begin(), lines.end(), "calm");
  }
};

}  // namespace

TEST_CASE("a warm seam plugins list scans nothing and plugins rescan scans again") {
  Setup s;
  auto cache = s.dir.path() / "registry.cache";
  CHECK(run_seam(s.env(cache), s.list()) == 0);
  CHECK(s.scans() == 1);
  CHECK(std::filesystem::exists(cache));
  CHECK(run_seam(s.env(cache), s.list()) == 0);
  CHECK(s.scans() == 1);
  CHECK(run_seam(s.env(cache), "plugins rescan --plugin-path '" + s.plugins.string() + "'") == 0);
  CHECK(s.scans() == 2);
}

TEST_CASE("[plugins] registry in seam.toml places the cache beside the config") {
  Setup s;
  auto config = s.dir.path() / "seam.toml";
  std::ofstream(config) << "[plugins]\npaths = [\"plugins\"]\nregistry = \"state/reg.cache\"\n";
  std::string env = "SEAM_TEST_SCAN_LOG='" + s.log.string() + "'";
  CHECK(run_seam(env, "--config '" + config.string() + "' plugins list") == 0);
  CHECK(std::filesystem::exists(s.dir.path() / "state" / "reg.cache"));
  CHECK(run_seam(env, "--config '" + config.string() + "' plugins list") == 0);
  CHECK(s.scans() == 1);
}

TEST_CASE("SEAM_REGISTRY_UPDATE=no trusts the cache while a plain start rescans a touched file") {
  Setup s;
  auto cache = s.dir.path() / "registry.cache";
  CHECK(run_seam(s.env(cache), s.list()) == 0);
  auto calm = s.plugins / "calm.so";
  std::filesystem::last_write_time(
      calm, std::filesystem::last_write_time(calm) + std::chrono::seconds(5));
  CHECK(run_seam(s.env(cache) + " SEAM_REGISTRY_UPDATE=no", s.list()) == 0);
  CHECK(s.scans() == 1);
  CHECK(run_seam(s.env(cache), s.list()) == 0);
  CHECK(s.scans() == 2);
}
