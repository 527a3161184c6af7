#include "bench_config.hpp"

#include <filesystem>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace seam::bench {

namespace {

constexpr const char* kUsage =
    "usage: seam-bench-startup [--plugins N[,N...]] [--repetitions R] [--cc CC]\n"
    "                          [--python PYTHON] [--work-dir DIR] [--scanner FILE] [--seam FILE]\n"
    "N defaults to $SEAM_BENCH_N or 1000 (several, comma-separated, are measured in turn and\n"
    "compared), R to $SEAM_BENCH_REPS or 5 (the GStreamer comparison takes max(7, R) pairs).\n";

bool positive_int(const char* text, int& out) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value <= 0 || value > 1000000) return false;
  out = static_cast<int>(value);
  return true;
}

// "1000" or "1000,10000".
bool positive_ints(const std::string& text, std::vector<int>& out) {
  std::vector<int> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    int value = 0;
    if (!positive_int(text.substr(start, end - start).c_str(), value)) return false;
    values.push_back(value);
    start = end + 1;
  }
  out = std::move(values);
  return true;
}

}  // namespace

std::optional<BenchConfig> parse_config(int argc, char** argv, int& exit_code) {
  BenchConfig config;
  config.work_dir = SEAM_BENCH_WORK_DIR;
  config.scanner = SEAM_BENCH_SCANNER;
  config.seam_cli = SEAM_BENCH_CLI;
  config.cache_load = SEAM_BENCH_CACHE_LOAD;
  config.sdk_include = SEAM_BENCH_SDK_INCLUDE;
  config.plugin_template = SEAM_BENCH_PLUGIN_TEMPLATE;
  config.gst_plugin_template = SEAM_BENCH_GST_PLUGIN_TEMPLATE;
  config.python_script = SEAM_BENCH_PYTHON_SCRIPT;
  exit_code = 2;
  if (const char* n = std::getenv("SEAM_BENCH_N");
      n && *n && !positive_ints(n, config.plugin_counts)) {
    std::cerr << "SEAM_BENCH_N must be positive integers separated by commas, not '" << n << "'\n";
    return std::nullopt;
  }
  if (const char* r = std::getenv("SEAM_BENCH_REPS");
      r && *r && !positive_int(r, config.repetitions)) {
    std::cerr << "SEAM_BENCH_REPS must be a positive integer, not '" << r << "'\n";
    return std::nullopt;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      exit_code = 0;
      return std::nullopt;
    }
    if (i + 1 >= argc) {
      std::cerr << kUsage;
      return std::nullopt;
    }
    const char* value = argv[++i];
    bool ok = true;
    if (arg == "--plugins") {
      ok = positive_ints(value, config.plugin_counts);
    } else if (arg == "--repetitions") {
      ok = positive_int(value, config.repetitions);
    } else if (arg == "--cc") {
      config.cc = value;
    } else if (arg == "--python") {
      config.python = value;
    } else if (arg == "--work-dir") {
      // Absolute: the seam process of (e) runs in a folder of its own.
      config.work_dir = std::filesystem::absolute(value);
    } else if (arg == "--scanner") {
      config.scanner = std::filesystem::absolute(value);
    } else if (arg == "--seam") {
      config.seam_cli = std::filesystem::absolute(value);
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "bad argument " << arg << ' ' << value << '\n' << kUsage;
      return std::nullopt;
    }
  }
  config.plugins = config.plugin_counts.front();
  return config;
}

}  // namespace seam::bench
