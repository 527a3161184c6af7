// Seam's own figures measured in this process through seam::Loader: cold start with the scanner,
// warm start from the registry cache, lookups, and the first activation of a plugin's code.
#pragma once

#include <cstdint>

#include "bench_config.hpp"
#include "plugin_set.hpp"
#include "timing.hpp"

namespace seam::bench {

struct LoaderFigures {
  Sample cold_start;               // (c) fresh cache, isolated scanner (its CPU time included)
  Sample warm_start;               // (d) Loader + registry() from the warm cache
  int mapped_after_warm = -1;      // plugin libraries mapped here after the warm starts (want 0)
  std::uintmax_t cache_bytes = 0;  // the registry cache file the warm starts read
  Sample cache_load;               // reading, checking and decoding it alone (its own process)
  Sample lookup_ns_one_thread;     // (f) Registry::find, nanoseconds per lookup, one thread
  Sample lookup_ns_two_threads;    // (f) per lookup on each of two threads at once
  // (f) one thread over the same 2,000 keys at every N (all of them at N = 1000): the table's own
  // cost, apart from the CPU caches that 2N random keys outgrow.
  Sample lookup_ns_hot_keys;
  Sample first_make_worker;   // includes loading the plugin's code
  Sample second_make_worker;  // the same backend again
  Sample first_activation;    // (g) = first - second
  int activated = 0;          // plugins activated by (g), each used once
  int mapped_after_activation = -1;
};

// Runs (c), (d), (f) and (g) in that order (each needs the cache the previous one left).
LoaderFigures measure_loader(const BenchConfig& config, const PluginSet& set);

}  // namespace seam::bench
