#include "seam_loader_start.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include <seam/loader/loader.hpp>

#include "child_process.hpp"
#include "timing.hpp"

namespace seam::bench {

namespace {

namespace fs = std::filesystem;
using Key = std::pair<std::string_view, std::string_view>;

constexpr std::size_t kHotKeys = 2000;

constexpr std::size_t kLookupsPerThread = 2'000'000;

LoaderOptions bench_options(const BenchConfig& config, const PluginSet& set,
                            const fs::path& cache) {
  LoaderOptions options;
  options.search_paths = {set.dir};
  options.registry_cache = cache;
  options.isolate_scanning = true;
  options.scanner_path = config.scanner;
  return options;
}

// Throws unless LOADER accepted every plugin with all its contributions, so no figure can come from
// a start that quietly skipped work.
void check_complete(const Loader& loader, const PluginSet& set) {
  const Registry& registry = loader.registry();  // throws the first problem, if any
  const std::size_t n = set.names.size();
  if (registry.backends().size() != 2 * n || registry.listers().size() != n) {
    throw std::runtime_error("the loader registered " + std::to_string(registry.backends().size()) +
                             " backends and " + std::to_string(registry.listers().size()) +
                             " listers, not " + std::to_string(2 * n) + " and " +
                             std::to_string(n));
  }
}

// How many of the set's plugin files are mapped into this process.
int mapped_plugins(const PluginSet& set) {
  std::ifstream maps("/proc/self/maps");
  std::string line, last;
  int count = 0;
  const std::string dir = set.dir.string() + "/";
  while (std::getline(maps, line)) {
    const auto at = line.find(dir);
    if (at == std::string::npos) continue;
    std::string file = line.substr(at);
    if (file != last) ++count;  // a library's segments are consecutive lines
    last = file;
  }
  return count;
}

Sample time_start(const LoaderOptions& options, const PluginSet& set) {
  const Stopwatch stopwatch;  // on the main thread, so it also counts the scanner's CPU time
  Loader loader(options);
  loader.registry();
  const Sample time = stopwatch.elapsed();
  check_complete(loader, set);
  return time;
}

std::size_t lookup_loop(const Registry& registry, const std::vector<Key>& keys,
                        std::size_t offset) {
  std::size_t found = 0;
  std::size_t k = offset % keys.size();
  for (std::size_t i = 0; i < kLookupsPerThread; ++i) {
    if (registry.find(keys[k].first, keys[k].second) != nullptr) ++found;
    if (++k == keys.size()) k = 0;
  }
  return found;
}

// Nanoseconds per lookup, kLookupsPerThread on each of THREADS threads started together (the
// slowest thread's wall and CPU time).
Sample time_lookups(const Registry& registry, const std::vector<Key>& keys, int threads) {
  std::atomic<int> ready{0};
  std::vector<Sample> times(threads);
  std::vector<std::size_t> found(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < threads) std::this_thread::yield();
      const Stopwatch stopwatch;
      found[t] = lookup_loop(registry, keys, static_cast<std::size_t>(t) * keys.size() / 2);
      times[t] = stopwatch.elapsed();
    });
  }
  for (auto& thread : pool) thread.join();
  for (std::size_t f : found) {
    if (f != kLookupsPerThread) throw std::runtime_error("a lookup missed a registered backend");
  }
  Sample slowest;
  for (const Sample& s : times) {
    slowest.wall = std::max(slowest.wall, s.wall);
    slowest.cpu = std::max(slowest.cpu, s.cpu);
  }
  const double per_op = 1e9 / static_cast<double>(kLookupsPerThread);
  return Sample{slowest.wall * per_op, slowest.cpu * per_op};
}

void measure_lookups(const BenchConfig& config, const PluginSet& set, const Registry& registry,
                     LoaderFigures& figures) {
  static const std::string families[] = {"llm", "search"};
  std::vector<Key> keys;
  for (const auto& sdk : set.names) {
    for (const auto& family : families) keys.emplace_back(family, sdk);
  }
  // Visit keys in a fixed random order, so the branch predictor cannot learn the search path.
  std::shuffle(keys.begin(), keys.end(), std::mt19937(42));
  figures.lookup_ns_one_thread =
      median_of(config.repetitions, [&] { return time_lookups(registry, keys, 1); });
  figures.lookup_ns_two_threads =
      median_of(config.repetitions, [&] { return time_lookups(registry, keys, 2); });
  // A random subset, so its entries lie all over the table as the whole set's do.
  const std::vector<Key> hot(
      keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(std::min(kHotKeys, keys.size())));
  figures.lookup_ns_hot_keys =
      median_of(config.repetitions, [&] { return time_lookups(registry, hot, 1); });
}

// Each repetition uses a plugin never activated before, spread over the set.
void measure_first_activation(const BenchConfig& config, const PluginSet& set,
                              const Registry& registry, LoaderFigures& figures) {
  std::vector<Sample> first, second, activation;
  const int n = static_cast<int>(set.names.size());
  const int samples = std::min(n, std::max(config.repetitions, 7));
  for (int s = 0; s < samples; ++s) {
    const std::string& sdk = set.names[static_cast<std::size_t>((2 * s + 1) * n / (2 * samples))];
    const Backend& backend = registry.lookup("llm", sdk);
    WorkerSpec spec;
    spec.backend_name = sdk;
    const Stopwatch first_call;
    Worker w1 = backend.make_worker(spec);
    const Sample t1 = first_call.elapsed();
    const Stopwatch second_call;
    Worker w2 = backend.make_worker(spec);
    const Sample t2 = second_call.elapsed();
    first.push_back(t1);
    second.push_back(t2);
    activation.push_back(Sample{t1.wall - t2.wall, t1.cpu - t2.cpu});
  }
  figures.first_make_worker = median(first);
  figures.second_make_worker = median(second);
  figures.first_activation = median(activation);
  figures.activated = samples;
}

// The cache's own load time: the median of R fresh seam-bench-cache-load processes.
Sample measure_cache_load(const BenchConfig& config, const PluginSet& set, const fs::path& cache) {
  ChildOptions options;
  options.capture_stdout = true;
  return median_of(config.repetitions, [&] {
    const ChildResult r =
        run_child({config.cache_load.string(), cache.string(), set.dir.string()}, options);
    Sample load;
    int records = 0;
    if (r.exit_code != 0 ||
        std::sscanf(r.out.c_str(), "%lf %lf %d", &load.wall, &load.cpu, &records) != 3 ||
        records != static_cast<int>(set.names.size())) {
      throw std::runtime_error("timing the registry cache's load failed (" +
                               config.cache_load.string() + ")");
    }
    return load;
  });
}

}  // namespace

LoaderFigures measure_loader(const BenchConfig& config, const PluginSet& set) {
  LoaderFigures figures;
  const fs::path cache =
      config.work_dir / ("bench-registry-" + std::to_string(set.names.size()) + ".cache");
  const LoaderOptions options = bench_options(config, set, cache);

  figures.cold_start = median_of(config.repetitions, [&] {
    fs::remove(cache);
    return time_start(options, set);
  });
  figures.warm_start = median_of(config.repetitions, [&] { return time_start(options, set); });
  figures.mapped_after_warm = mapped_plugins(set);
  figures.cache_bytes = fs::file_size(cache);
  figures.cache_load = measure_cache_load(config, set, cache);

  Loader loader(options);
  check_complete(loader, set);
  measure_lookups(config, set, loader.registry(), figures);
  measure_first_activation(config, set, loader.registry(), figures);
  figures.mapped_after_activation = mapped_plugins(set);
  return figures;
}

}  // namespace seam::bench
