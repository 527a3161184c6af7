// (i) Seam beside GStreamer, the peer with the same design (a registry cache and a scanner
// process): N trivial plugins each, made by the same generator (one element per GStreamer plugin,
// one backend per Seam plugin), `gst-inspect-1.0` against `seam plugins list`, whole processes,
// cold and warm, in pairs that alternate which goes first.
#pragma once

#include <string>

#include "bench_config.hpp"
#include "plugin_set.hpp"
#include "timing.hpp"

namespace seam::bench {

// One comparison: the medians of each side over the pairs, and the median of the pairs' ratios
// (Seam / GStreamer), wall and CPU each.
struct PairedFigures {
  Sample gstreamer;
  Sample seam;
  Sample ratio;
  int pairs = 0;
};

struct SideBySideFigures {
  bool available = false;
  std::string why_not;          // when not available
  std::string gst_version;      // "GStreamer 1.22.0"
  PluginSet gst_set;            // N GStreamer plugins
  PluginSet seam_set;           // N one-backend Seam plugins
  int gst_plugins_listed = 0;   // bench elements gst-inspect-1.0 printed, cold and warm alike
  int seam_plugins_listed = 0;  // bench plugins `seam plugins list --json` registered
  PairedFigures cold;  // no registry file; GStreamer scans in process (GST_REGISTRY_FORK=no)
  PairedFigures warm;  // both registries written, nothing changed since
  // The bound on the cold ratio: dlopen + register of the N one-backend plugins in one process
  // (the (b) floor over this set), no isolation and no process start. A cold start that runs each
  // plugin's code cannot take less.
  Sample seam_eager_floor;
  std::uintmax_t gst_registry_bytes = 0;
  std::uintmax_t seam_registry_bytes = 0;
};

SideBySideFigures measure_side_by_side(const BenchConfig& config);

}  // namespace seam::bench
