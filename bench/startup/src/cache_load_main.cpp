// seam-bench-cache-load CACHE PLUGIN_DIR: the registry cache's own load time (read the file, check
// it, decode every record, index them), which the warm start (d) includes but cannot show apart.
// Linked with the loader's static library to reach the cache itself; the cache file is the one the
// driver's warm starts use, written with the default scan settings. Times the first load in a fresh
// process, as a start pays it (a second load would reuse the first one's heap), and prints
// "<wall seconds> <cpu seconds> <records>"; the driver runs it R times.
#include <dirent.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <seam/loader/options.hpp>

#include "registry_cache.hpp"
#include "scan.hpp"
#include "timing.hpp"

namespace {

std::vector<std::string> plugin_files(const std::string& dir) {
  std::vector<std::string> files;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return files;
  while (const dirent* e = ::readdir(d)) {
    const std::size_t n = std::strlen(e->d_name);
    if (n > 3 && std::strcmp(e->d_name + n - 3, ".so") == 0) files.push_back(dir + "/" + e->d_name);
  }
  ::closedir(d);
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace seam;
  if (argc != 3) {
    std::fprintf(stderr, "usage: seam-bench-cache-load CACHE PLUGIN_DIR\n");
    return 2;
  }
  try {
    const LoaderOptions defaults;
    const std::uint64_t settings =
        detail::ScanSettings{defaults.host_version, defaults.scan_budget}.hash();
    const bench::Stopwatch stopwatch;
    detail::RegistryCache cache(argv[1], settings);
    cache.load();
    const bench::Sample load = stopwatch.elapsed();
    // A rejected file loads fast and empty: every plugin must be found in what was loaded.
    int found = 0;
    const std::vector<std::string> files = plugin_files(argv[2]);
    for (const auto& file : files) found += cache.find(file, {}, true) != nullptr;
    if (files.empty() || found != static_cast<int>(files.size())) {
      std::fprintf(stderr, "seam-bench-cache-load: %s holds %d of the %zu plugins in %s\n", argv[1],
                   found, files.size(), argv[2]);
      return 1;
    }
    std::printf("%.9f %.9f %d\n", load.wall, load.cpu, found);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seam-bench-cache-load: %s\n", e.what());
    return 1;
  }
  return 0;
}
