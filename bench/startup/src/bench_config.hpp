// What one benchmark run is told: how many plugins, how many repetitions, and where its tools are.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seam::bench {

struct BenchConfig {
  // Every N to measure, in order (SEAM_BENCH_N or --plugins: "1000" or "1000,10000").
  std::vector<int> plugin_counts{1000};
  int plugins = 1000;   // the N being measured now
  int repetitions = 5;  // each figure is the median of this many runs; SEAM_BENCH_REPS
  // Each side-by-side figure is the median of this many pairs: max(7, repetitions).
  int pairs() const { return repetitions > 7 ? repetitions : 7; }
  std::string cc = "cc";
  std::string python;  // empty: ask `python3` for its real interpreter (skips pyenv's shim)
  std::filesystem::path work_dir;
  std::filesystem::path scanner;
  std::filesystem::path seam_cli;
  std::filesystem::path cache_load;  // seam-bench-cache-load
  std::filesystem::path sdk_include;
  std::filesystem::path plugin_template;
  std::filesystem::path gst_plugin_template;
  std::filesystem::path python_script;
};

// Defaults from the build (compile definitions) and the environment, then the command line.
// Returns nothing after printing usage or an error (EXIT_CODE says which).
std::optional<BenchConfig> parse_config(int argc, char** argv, int& exit_code);

}  // namespace seam::bench
