#include "help_catalog.hpp"

#include <spdlog/spdlog.h>
#include <seam/loader/loader.hpp>

#include "config.hpp"
#include "loader_setup.hpp"
#include "model_catalog.hpp"

namespace seam::host {

namespace {

void append(std::string& list, const std::string& item) {
  list += (list.empty() ? "" : ", ") + item;
}

// "llm:echo (builtin echo)", and the listers' sdks apart, from who serves each key.
void registered(const Config& config, const HelpSettings& settings, std::string& backends,
                std::string& listers) {
  LoaderOptions options = loader_options(config, settings.plugin_paths);
  apply_global_flags(options, settings.no_default_folders, settings.safe_mode);
  // The help is the answer; warnings about folders or plugins belong to the commands.
  spdlog::set_level(spdlog::level::off);
  const Loader loader(std::move(options));
  for (const Choice& choice : loader.choices()) {
    const std::string who = " (" +
                            std::string(choice.origin == "builtin" ? "builtin " : "plugin ") +
                            choice.plugin + ")";
    static const std::string kLister = "lister:";
    if (choice.key.rfind(kLister, 0) == 0) {
      append(listers, choice.key.substr(kLister.size()) + who);
    } else {
      append(backends, choice.key + who);
    }
  }
}

}  // namespace

std::string installed_for_help(const HelpSettings& settings) {
  Config config;
  try {
    config = load_config(settings.config_file);
  } catch (const std::exception& e) {
    return std::string("Configured models and backends: the configuration cannot be read (") +
           e.what() + ")\n";
  }
  std::string models, instances, backends, listers;
  for (const auto& name : model_names(config)) append(models, name);
  for (const auto& backend : all_backends(config)) {
    append(instances, backend.name + " (sdk " + backend.sdk + ")");
  }
  try {
    registered(config, settings, backends, listers);
  } catch (const std::exception& e) {
    backends = listers = std::string("(cannot be listed: ") + e.what() + ")";
  }
  return "Configured models: " + models + "\nConfigured backends: " + instances +
         "\nRegistered backends (family:sdk): " + (backends.empty() ? "none" : backends) +
         "\nRegistered model listers (sdk): " + (listers.empty() ? "none" : listers) +
         "\n(`seam plugins list` shows every plugin and why; `seam plugins which KEY`, who serves "
         "a key.)\n";
}

}  // namespace seam::host
