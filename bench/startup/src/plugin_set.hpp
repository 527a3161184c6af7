// The N generated C plugins every measurement runs against. They are generated and compiled when
// the benchmark runs (never at build time) and kept in the work directory, keyed by N and by what
// they are built from, so a second run with the same N reuses them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench_config.hpp"

namespace seam::bench {

struct PluginSet {
  std::filesystem::path dir;      // holds the N plugin files and nothing else
  std::vector<std::string> sdks;  // "bench-00042", in file order; each has llm, search and a lister
  bool reused = false;
  double build_seconds = 0;
};

// Returns the set for config.plugins, building it first when it is missing or stale. Throws when a
// compiler fails.
PluginSet prepare_plugin_set(const BenchConfig& config);

}  // namespace seam::bench
