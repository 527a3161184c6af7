// (h) the seeds' mechanism: importlib.metadata entry points + import + register of N equivalent
// pure-Python plugins, each sample in a fresh python3 process.
#pragma once

#include <string>

#include "bench_config.hpp"
#include "timing.hpp"

namespace seam::bench {

struct PythonLayoutFigures {
  Sample in_process;  // inside the interpreter: discovery + import + register
  Sample process;     // the whole python3 process, fork to exit
};

struct PythonFigures {
  bool available = false;
  std::string why_not;  // when not available
  std::string version;
  PythonLayoutFigures one_dist;         // (h): one distribution naming all N entry points
  PythonLayoutFigures dist_per_plugin;  // N distributions, one plugin each
};

PythonFigures measure_python(const BenchConfig& config);

}  // namespace seam::bench
