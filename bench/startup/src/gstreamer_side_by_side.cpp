#include "gstreamer_side_by_side.hpp"

#include "floors.hpp"

#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "child_process.hpp"

namespace seam::bench {

namespace {

namespace fs = std::filesystem;

constexpr const char* kInstallHint =
    "install libgstreamer1.0-dev and gstreamer1.0-tools (`make bench` does)";

// Stdout of ARGV when it exits 0, without its last newline; nothing otherwise.
std::optional<std::string> output_of(const std::vector<std::string>& argv) {
  ChildOptions options;
  options.capture_stdout = true;
  ChildResult r = run_child(argv, options);
  if (r.exit_code != 0) return std::nullopt;
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// The GStreamer twin of seam_one_backend_recipe. Files are libgstbench.<id>.so: GStreamer derives
// the descriptor's symbol from the file name up to its first dot (gst_plugin_bench_get_desc), so
// one symbol name serves every plugin while each registers its own plugin and element name.
PluginRecipe gst_recipe(const BenchConfig& config, const std::string& cflags,
                        const std::string& libs, const std::string& version) {
  PluginRecipe recipe;
  recipe.kind = "gstreamer";
  recipe.plugin_template = config.gst_plugin_template;
  recipe.source_stem = "gstbench-";
  recipe.file_prefix = "libgstbench.";
  recipe.name_prefix = "bench";
  recipe.compile_flags = common_plugin_flags();
  for (auto& flag : words(cflags)) recipe.compile_flags.push_back(flag);
  recipe.link_libraries = words(libs);
  recipe.inputs = version;
  return recipe;
}

// gst-inspect-1.0 on the generated folder alone, in GStreamer's fastest honest configuration.
// Nothing else is looked at: no system or user plugin folder, no registry but REGISTRY. Everything
// it reads from the environment that could slow it (GST_DEBUG, tracers) or change what it does is
// removed, but for one setting: GST_REGISTRY_FORK=no loads the plugins in gst-inspect-1.0 itself
// instead of in gst-plugin-scanner, which measured 1.2-1.5x faster cold (no isolation, where Seam
// keeps its). GST_REGISTRY_UPDATE stays at its default: like Seam, GStreamer checks every file on a
// warm start.
ChildOptions gst_options(const fs::path& dir, const fs::path& registry, const fs::path& cwd) {
  ChildOptions options;
  options.cwd = cwd;
  options.env = {{"GST_REGISTRY", registry.string()},
                 {"GST_REGISTRY_1_0", registry.string()},
                 {"GST_PLUGIN_SYSTEM_PATH", dir.string()},
                 {"GST_PLUGIN_SYSTEM_PATH_1_0", dir.string()},
                 {"GST_PLUGIN_PATH", std::nullopt},
                 {"GST_PLUGIN_PATH_1_0", std::nullopt},
                 {"GST_REGISTRY_FORK", "no"},
                 {"GST_REGISTRY_UPDATE", std::nullopt},
                 {"GST_REGISTRY_REUSE_PLUGIN_SCANNER", std::nullopt},
                 {"GST_PLUGIN_SCANNER", std::nullopt},
                 {"GST_PLUGIN_SCANNER_1_0", std::nullopt},
                 {"GST_PLUGIN_LOADING_WHITELIST", std::nullopt},
                 {"GST_DEBUG", std::nullopt},
                 {"GST_DEBUG_FILE", std::nullopt},
                 {"GST_TRACERS", std::nullopt}};
  return options;
}

// `seam plugins list` on the generated folder alone, with its own registry cache.
ChildOptions seam_options(const fs::path& registry, const fs::path& cwd) {
  ChildOptions options;
  options.cwd = cwd;
  options.env = {{"SEAM_REGISTRY", registry.string()},
                 {"SEAM_REGISTRY_UPDATE", std::nullopt},
                 {"SEAM_PLUGIN_PATH", std::nullopt},
                 {"SEAM_CONFIG", std::nullopt},
                 {"SEAM_PLUGINS_DISABLE", std::nullopt},
                 {"SEAM_PLUGINS_SELECT", std::nullopt},
                 {"SEAM_LOG", std::nullopt}};
  return options;
}

ChildResult run_checked(const std::vector<std::string>& argv, ChildOptions options, bool capture) {
  options.capture_stdout = capture;
  ChildResult r = run_child(argv, options);
  if (r.exit_code != 0) {
    throw std::runtime_error(argv[0] + " exited with " + std::to_string(r.exit_code));
  }
  return r;
}

// How many of SET's elements gst-inspect-1.0 listed ("bench00042:  bench00042: Bench 00042").
int gst_listed(const std::string& out, const PluginSet& set) {
  std::unordered_set<std::string> want(set.names.begin(), set.names.end());
  std::istringstream in(out);
  int listed = 0;
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string plugin = line.substr(0, colon);
    if (line.compare(colon, plugin.size() + 4, ":  " + plugin + ":") == 0 && want.erase(plugin)) {
      ++listed;
    }
  }
  return listed;
}

// How many of SET's plugins `seam plugins list --json` shows registered.
int seam_listed(const std::string& out, const PluginSet& set) {
  std::unordered_set<std::string> want(set.names.begin(), set.names.end());
  int listed = 0;
  const nlohmann::json report = nlohmann::json::parse(out);
  for (const auto& plugin : report.at("plugins")) {
    if (plugin.value("state", "") == "registered" && want.erase(plugin.value("name", ""))) {
      ++listed;
    }
  }
  return listed;
}

void require_all(int listed, const PluginSet& set, const std::string& who) {
  if (listed != static_cast<int>(set.names.size())) {
    throw std::runtime_error(who + " listed " + std::to_string(listed) + " of the " +
                             std::to_string(set.names.size()) + " plugins in " + set.dir.string());
  }
}

// PAIRS pairs, alternating which side goes first, so each pair sees the same load.
template <class Gst, class Seam>
PairedFigures paired(int pairs, Gst gst, Seam seam) {
  std::vector<Sample> g, s, r;
  for (int i = 0; i < pairs; ++i) {
    Sample a, b;
    if (i % 2 == 0) {
      a = gst();
      b = seam();
    } else {
      b = seam();
      a = gst();
    }
    g.push_back(a);
    s.push_back(b);
    r.push_back(Sample{b.wall / a.wall, b.cpu / a.cpu});
  }
  return PairedFigures{median(g), median(s), median(r), pairs};
}

}  // namespace

SideBySideFigures measure_side_by_side(const BenchConfig& config) {
  SideBySideFigures f;
  const auto cflags = output_of({"pkg-config", "--cflags", "gstreamer-1.0"});
  const auto libs = output_of({"pkg-config", "--libs", "gstreamer-1.0"});
  const auto version = output_of({"pkg-config", "--modversion", "gstreamer-1.0"});
  if (!cflags || !libs || !version) {
    f.why_not = std::string("pkg-config finds no gstreamer-1.0: ") + kInstallHint;
    return f;
  }
  const auto inspect_version = output_of({"gst-inspect-1.0", "--version"});
  if (!inspect_version) {
    f.why_not = std::string("gst-inspect-1.0 cannot be run: ") + kInstallHint;
    return f;
  }
  f.gst_version = "GStreamer " + *version;
  const int n = config.plugins;
  f.gst_set = prepare_plugin_set(config, gst_recipe(config, *cflags, *libs, *version), n);
  f.seam_set = prepare_plugin_set(config, seam_one_backend_recipe(config), n);

  const fs::path cwd = config.work_dir / "side-by-side-cwd";
  fs::create_directories(cwd);
  const fs::path gst_registry = config.work_dir / ("gst-registry-" + std::to_string(n) + ".bin");
  const fs::path seam_registry =
      config.work_dir / ("side-by-side-registry-" + std::to_string(n) + ".cache");
  const ChildOptions gst = gst_options(f.gst_set.dir, gst_registry, cwd);
  const ChildOptions seam = seam_options(seam_registry, cwd);
  const std::vector<std::string> inspect{"gst-inspect-1.0"};
  const std::vector<std::string> list{
      config.seam_cli.string(), "--no-default-folders", "plugins", "list",
      "--plugin-path",          f.seam_set.dir.string()};
  std::vector<std::string> list_json = list;
  list_json.push_back("--json");

  auto cold = [](const std::vector<std::string>& argv, const ChildOptions& options,
                 const fs::path& registry) {
    return [&argv, &options, &registry] {
      fs::remove(registry);
      return run_checked(argv, options, false).time;
    };
  };
  auto warm = [](const std::vector<std::string>& argv, const ChildOptions& options) {
    return [&argv, &options] { return run_checked(argv, options, false).time; };
  };
  const int pairs = config.pairs();
  f.cold = paired(pairs, cold(inspect, gst, gst_registry), cold(list, seam, seam_registry));
  // Untimed: each tool lists all N from the registry its last cold run wrote (a file that failed
  // to load would be missing or broken there), which the warm runs then read.
  f.gst_plugins_listed = gst_listed(run_checked(inspect, gst, true).out, f.gst_set);
  require_all(f.gst_plugins_listed, f.gst_set, "gst-inspect-1.0");
  f.seam_plugins_listed = seam_listed(run_checked(list_json, seam, true).out, f.seam_set);
  require_all(f.seam_plugins_listed, f.seam_set, "seam plugins list");
  f.warm = paired(pairs, warm(inspect, gst), warm(list, seam));
  f.seam_eager_floor = median_of(config.repetitions, [&] {
    return measure_eager_floor(f.seam_set.dir, n, /*backends_each=*/1, /*listers_each=*/0);
  });
  f.gst_registry_bytes = fs::file_size(gst_registry);
  f.seam_registry_bytes = fs::file_size(seam_registry);
  f.available = true;
  return f;
}

}  // namespace seam::bench
