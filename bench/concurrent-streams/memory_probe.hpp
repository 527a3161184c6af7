// Memory per stream, measured in a process of its own so that nothing an earlier round left behind
// (freed heap kept by malloc, cached thread stacks) hides what N streams need: the child starts
// what every host has (libcurl; for Seam also the HTTP service and the loader with the plugin),
// notes its resident set, runs two rounds of N streams and reports its peak resident set.
#pragma once

#include <string>

namespace seam::bench {

struct MemoryFigures {
  double base_kib = 0;  // resident before the streams' clients existed
  double peak_kib = 0;  // the process's peak, streams included

  double per_stream_kib(int streams) const { return (peak_kib - base_kib) / streams; }
};

// In the parent: runs SELF (this program) as "--memory-probe VARIANT --streams N --tokens T
// --base-url URL" and reads what it printed.
MemoryFigures probe_memory(const std::string& self, const std::string& variant, int streams,
                           int tokens, const std::string& base_url);

// In the child: does the measuring, prints the figures; returns the exit status.
int run_memory_probe(const std::string& variant, int streams, int tokens,
                     const std::string& base_url);

// This process's VmRSS or VmHWM from /proc/self/status, in KiB.
double status_kib(const char* field);

}  // namespace seam::bench
