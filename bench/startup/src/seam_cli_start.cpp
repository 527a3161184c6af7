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
      config.work_dir / ("cli-registry-" + std::to_string(set.sdks.size()) + ".cache");
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
  const std::vector<std::string> list{config.seam_cli.string(), "plugins",       "list", "--json",
                                      "--plugin-path",          set.dir.string()};

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
  if (figures.registered < static_cast<int>(set.sdks.size())) {
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
  return figures;
}

}  // namespace seam::bench
