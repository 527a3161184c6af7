// Printing: every figure, the ratios and the verdict against the goals.
#pragma once

#include "bench_config.hpp"
#include "plugin_set.hpp"
#include "python_baseline.hpp"
#include "seam_cli_start.hpp"
#include "seam_loader_start.hpp"

namespace seam::bench {

struct Figures {
  Sample file_floor;     // (a)
  Sample eager_floor;    // (b)
  LoaderFigures loader;  // (c) (d) (f) (g)
  CliFigures cli;        // (e)
  PythonFigures python;  // (h)
};

// "2 cores, Intel(R) Xeon(R) ...", load average included: the machine is shared.
std::string describe_machine();

void print_report(const BenchConfig& config, const PluginSet& set, const Figures& figures);

}  // namespace seam::bench
