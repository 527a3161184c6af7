// (e) a whole `seam plugins list --json` process on a warm registry cache, as a user would run it,
// and its peak memory beside the same command with no plugin.
#pragma once

#include "bench_config.hpp"
#include "plugin_set.hpp"
#include "timing.hpp"

namespace seam::bench {

struct CliFigures {
  bool uses_cache = false;     // the command wrote the file SEAM_REGISTRY named
  int registered = 0;          // plugins the JSON report lists as registered (builtins included)
  Sample plugins_list;         // (e) fork to exit, stdout to /dev/null
  Sample version_only;         // `seam --version`: what the process costs before any plugin work
  long rss_kb = 0;             // peak RSS of (e), median over its runs
  long rss_kb_no_plugins = 0;  // the same command over an empty folder, warm
};

CliFigures measure_cli(const BenchConfig& config, const PluginSet& set);

}  // namespace seam::bench
