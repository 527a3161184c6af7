// seam-bench-startup: measures Seam's start-up against the floors it is judged by, in one run.
// See bench/startup/README.md for the method and the figures.
#include <cstdio>
#include <cstring>
#include <exception>

#include "bench_config.hpp"
#include "floors.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  using namespace seam::bench;
  if (argc == 3 && std::strcmp(argv[1], kEagerFloorChildFlag) == 0) {
    return eager_floor_child(argv[2]);
  }
  int exit_code = 0;
  auto config = parse_config(argc, argv, exit_code);
  if (!config) return exit_code;
  try {
    std::printf("machine: %s\n", describe_machine().c_str());
    const PluginSet set = prepare_plugin_set(*config);
    if (set.reused) {
      std::printf("reusing the %d plugins in %s\n", config->plugins, set.dir.c_str());
    } else {
      std::printf("built %d plugins in %.1f s\n", config->plugins, set.build_seconds);
    }
    const int reps = config->repetitions;
    Figures figures;
    step("(a) readdir + stat");
    figures.file_floor =
        median_of(reps, [&] { return measure_file_floor(set.dir, config->plugins); });
    step("(b) eager dlopen + register, one child process per sample");
    figures.eager_floor =
        median_of(reps, [&] { return measure_eager_floor(set.dir, config->plugins); });
    step("(c) cold start, (d) warm start, (f) lookups, (g) first activation");
    figures.loader = measure_loader(*config, set);
    step("(e) seam plugins list --json");
    figures.cli = measure_cli(*config, set);
    step("(h) Python entry points");
    figures.python = measure_python(*config);
    print_report(*config, set, figures);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seam-bench-startup: %s\n", e.what());
    return 1;
  }
  return 0;
}
