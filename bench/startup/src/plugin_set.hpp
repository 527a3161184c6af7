// The N generated plugins a measurement runs against. They are generated when the benchmark runs
// (never at build time) and kept in the work directory, keyed by N and by what they are built
// from, so a second run with the same N reuses them.
//
// How 10,000 shared libraries are made quickly and honestly: the template is compiled once with a
// placeholder id of the ids' width ("@@@@@"), and each plugin is that library with the placeholder
// replaced by its own id ("00042"). The id only ever appears in string data of a fixed width, so
// the copy is what compiling the plugin's own source would give; to prove it, the last plugin is
// also compiled from its own generated source and must equal its copy byte for byte.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench_config.hpp"

namespace seam::bench {

// What one family of generated plugins is made of.
struct PluginRecipe {
  std::string kind;                         // names the set's folder: "seam", "gstreamer" ...
  std::filesystem::path plugin_template;    // C source using BENCH_ID (a string literal)
  std::string defines;                      // lines written before the template
  std::string source_stem;                  // "bench-": sources are bench-<id>.c
  std::string file_prefix;                  // "bench-": plugin files are <prefix><id>.so
  std::string name_prefix;                  // the name each plugin registers is <prefix><id>
  std::vector<std::string> compile_flags;   // before the source (includes, -shared ...)
  std::vector<std::string> link_libraries;  // after the source
  std::string inputs;  // anything else the output depends on (headers' text, versions)
};

struct PluginSet {
  std::filesystem::path dir;       // holds the N plugin files and nothing else
  std::vector<std::string> names;  // "bench-00042", in file order
  bool reused = false;
  double build_seconds = 0;  // generating it, now or in the run that did (outside every figure)
};

// Returns the set of N plugins of RECIPE, generating it first when it is missing or stale.
// Throws when the compiler fails or a copy differs from its directly compiled twin.
PluginSet prepare_plugin_set(const BenchConfig& config, const PluginRecipe& recipe, int n);

// The startup benchmark's own plugins: each registers backends llm:<name> and search:<name> and a
// lister for <name>.
PluginRecipe seam_recipe(const BenchConfig& config);
// The side-by-side twin of a trivial GStreamer plugin: one backend (llm:<name>), nothing else.
PluginRecipe seam_one_backend_recipe(const BenchConfig& config);
// The flags every generated plugin is compiled with, before a recipe's own.
std::vector<std::string> common_plugin_flags();

}  // namespace seam::bench
