// Registration cost against the number of backends one plugin registers: a cold start through the
// scanner (register in the scanner, encode, send, decode, build the registry), the same in process,
// and a warm start from the registry cache. Linear registration shows as a flat time per backend.
//
//   seam-bench-registration [--runs R] [--budget-ms B] COUNT...     (default: 10000 100000)
#include <seam/loader/loader.hpp>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Milliseconds one Loader takes over DIR with OPTIONS; checks every backend registered.
double load_ms(seam::LoaderOptions options, long count) {
  const auto start = Clock::now();
  seam::Loader loader(options);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const seam::PluginRow& row = loader.report().front();
  if (row.state != seam::PluginState::registered ||
      row.contributions.size() != static_cast<std::size_t>(count)) {
    std::fprintf(stderr, "not registered: %s\n", row.reason.c_str());
    std::exit(1);
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  long budget_ms = 5000;
  std::vector<long> counts;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--budget-ms") && i + 1 < argc) {
      budget_ms = std::atol(argv[++i]);
    } else {
      counts.push_back(std::atol(argv[i]));
    }
  }
  if (counts.empty()) counts = {10000, 100000};

  const std::filesystem::path work = SEAM_BENCH_WORK_DIR;
  std::filesystem::create_directories(work / "plugins");
  std::filesystem::copy_file(SEAM_BENCH_PLUGIN, work / "plugins" / "many-backends.so",
                             std::filesystem::copy_options::overwrite_existing);
  seam::LoaderOptions options;
  options.search_paths = {work / "plugins"};
  options.scanner_path = SEAM_BENCH_SCANNER;
  options.scan_budget = std::chrono::milliseconds(budget_ms);

  std::printf("%10s %14s %14s %14s %16s\n", "backends", "scanner ms", "in-process ms", "warm ms",
              "scanner us/each");
  for (long count : counts) {
    ::setenv("SEAM_BENCH_BACKENDS", std::to_string(count).c_str(), 1);
    std::vector<double> isolated, in_process, warm;
    for (int r = 0; r < runs; ++r) {
      isolated.push_back(load_ms(options, count));
      seam::LoaderOptions local = options;
      local.isolate_scanning = false;
      in_process.push_back(load_ms(local, count));
      seam::LoaderOptions cached = options;
      cached.registry_cache = work / "cache" / ("registry-" + std::to_string(count));
      std::filesystem::remove(cached.registry_cache);
      load_ms(cached, count);  // cold: fills the cache
      warm.push_back(load_ms(cached, count));
    }
    std::printf("%10ld %14.1f %14.1f %14.1f %16.2f\n", count, median(isolated), median(in_process),
                median(warm), 1000.0 * median(isolated) / count);
  }
  return 0;
}
