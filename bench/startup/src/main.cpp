// seam-bench-startup: measures Seam's start-up against the floors it is judged by, in one run.
// See bench/startup/README.md for the method and the figures.
#include <cstdio>
#include <cstring>
#include <exception>
#include <vector>

#include "bench_config.hpp"
#include "child_process.hpp"
#include "floors.hpp"
#include "gstreamer_side_by_side.hpp"
#include "plugin_set.hpp"
#include "python_baseline.hpp"
#include "report.hpp"
#include "seam_cli_start.hpp"
#include "seam_loader_start.hpp"
#include "timing.hpp"

namespace {

void step(const char* what) {
  std::printf("measuring %s ...\n", what);
  std::fflush(stdout);
}

// Every figure at N plugins.
seam::bench::Figures measure_all(seam::bench::BenchConfig config, int n) {
  using namespace seam::bench;
  config.plugins = n;
  Figures figures;
  figures.plugins = n;
  figures.set = prepare_plugin_set(config, seam_recipe(config), n);
  const PluginSet& set = figures.set;
  std::printf("N = %d: %d plugins in %s\n", n, n, set.dir.c_str());
  const int reps = config.repetitions;
  step("(a) readdir + stat");
  figures.file_floor = median_of(reps, [&] { return measure_file_floor(set.dir, n); });
  step("(b) eager dlopen + register, one child process per sample");
  figures.eager_floor = median_of(reps, [&] { return measure_eager_floor(set.dir, n); });
  step("(c) cold start, (d) warm start, cache load, (f) lookups, (g) first activation");
  figures.loader = measure_loader(config, set);
  step("(e) seam plugins list --json, peak RSS");
  figures.cli = measure_cli(config, set);
  step("(h) Python entry points");
  figures.python = measure_python(config);
  step("(i) GStreamer side by side");
  figures.side = measure_side_by_side(config);
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace seam::bench;
  if (argc == 3 && std::strcmp(argv[1], kEagerFloorChildFlag) == 0) {
    return eager_floor_child(argv[2]);
  }
  if (argc >= 3 && std::strcmp(argv[1], kPeakRssChildFlag) == 0) return peak_rss_child(argv + 2);
  int exit_code = 0;
  auto config = parse_config(argc, argv, exit_code);
  if (!config) return exit_code;
  try {
    std::printf("machine: %s\n", describe_machine().c_str());
    std::vector<Figures> runs;
    for (int n : config->plugin_counts) {
      runs.push_back(measure_all(*config, n));
      print_report(*config, runs.back());
    }
    print_scaling(runs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seam-bench-startup: %s\n", e.what());
    return 1;
  }
  return 0;
}
