// Printing: every figure, the ratios and the verdict against the issues' goals, for each N and then
// how each cost grew from one N to the next.
#pragma once

#include <vector>

#include "bench_config.hpp"
#include "gstreamer_side_by_side.hpp"
#include "plugin_set.hpp"
#include "python_baseline.hpp"
#include "seam_cli_start.hpp"
#include "seam_loader_start.hpp"

namespace seam::bench {

struct Figures {
  int plugins = 0;         // N
  PluginSet set;           // the startup set (llm, search and a lister each)
  Sample file_floor;       // (a)
  Sample eager_floor;      // (b)
  LoaderFigures loader;    // (c) (d) (f) (g), cache size and load
  CliFigures cli;          // (e), peak RSS
  PythonFigures python;    // (h)
  SideBySideFigures side;  // (i)
};

// "2 cores, Intel(R) Xeon(R) ...", load average included: the machine is shared.
std::string describe_machine();

void print_report(const BenchConfig& config, const Figures& figures);

// How every cost grew from each N to the next (per plugin), with the linearity verdicts.
void print_scaling(const std::vector<Figures>& runs);

}  // namespace seam::bench
