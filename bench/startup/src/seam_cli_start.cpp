#include "seam_cli_start.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "timing.hpp"

namespace seam::bench {

CliFigures measure_cli(const BenchConfig& config, const PluginSet& set) {
  namespace fs = std::filesystem;
  CliFigures figures;
  const fs::path cache =
      config.work_dir / ("cli-registry-" + std::to_string(set.names.size()) + ".cache");
  // An empty directory to run in, so no ./seam.toml of the caller's changes what is measured.
  const fs::path cwd = config.work_dir / "cli-cwd";
  fs::create_directories(cwd);
  fs::remove(cache);

  ChildOptions options;
  options.cwd = cwd;
  options.env = {{"SEAM_REGISTRY", cache.string()},
                 {"SEAM_REGISTRY_UPDATE", std::nullopt},
                 {"SEAM_PLUGIN_PATH", std::nullopt},
                 {"SEAM_CONFIG", std::nullopt}};
  // Only the benchmark's folder: the build tree's bundled plugins would be found by default.
  auto list_of = [&](const fs::path& dir) {
    return std::vector<std::string>{config.seam_cli.string(),
                                    "--no-default-folders",
                                    "plugins",
                                    "list",
                                    "--json",
                                    "--plugin-path",
                                    dir.string()};
  };
  const std::vector<std::string> list = list_of(set.dir);

  // The untimed first run fills the cache (when the command uses one) and is checked in full.
  options.capture_stdout = true;
  ChildResult first = run_child(list, options);
  if (first.exit_code != 0) {
    throw std::runtime_error("seam plugins list exited with " + std::to_string(first.exit_code));
  }
  const nlohmann::json report = nlohmann::json::parse(first.out);
  for (const auto& plugin : report.at("plugins")) {
    if (plugin.value("state", "") == "registered") ++figures.registered;
  }
  if (figures.registered < static_cast<int>(set.names.size())) {
    throw std::runtime_error("seam plugins list registered only " +
                             std::to_string(figures.registered) + " plugins");
  }
  figures.uses_cache = fs::exists(cache);

  options.capture_stdout = false;
  figures.plugins_list =
      median_of(config.repetitions, [&] { return run_child(list, options).time; });
  figures.version_only = median_of(config.repetitions, [&] {
    return run_child({config.seam_cli.string(), "--version"}, options).time;
  });

  // Peak memory, warm, beside the same command over a folder with no plugin in it (its own
  // cache, filled first): what the process holds anyway.
  const fs::path empty = config.work_dir / "no-plugins";
  fs::create_directories(empty);
  ChildOptions no_plugins = options;
  no_plugins.env["SEAM_REGISTRY"] = (config.work_dir / "cli-registry-0.cache").string();
  const std::vector<std::string> list_none = list_of(empty);
  if (run_child(list_none, no_plugins).exit_code != 0) {
    throw std::runtime_error("seam plugins list over an empty folder failed");
  }
  auto median_rss = [&](const std::vector<std::string>& argv, const ChildOptions& o) {
    std::vector<double> kb;
    for (int i = 0; i < config.repetitions; ++i) {
      kb.push_back(static_cast<double>(peak_rss_kb(argv, o)));
    }
    return static_cast<long>(median(kb));
  };
  figures.rss_kb = median_rss(list, options);
  figures.rss_kb_no_plugins = median_rss(list_none, no_plugins);
  return figures;
}

}  // namespace seam::bench
