// What `seam run --help` and `seam models list --help` say is installed: the configured models and
// backend instances, and the backends and model listers the loader registered. Built only when the
// help is printed, from the configuration and the registry cache: no plugin is activated, and a
// warm cache means no plugin file is opened at all (a cold one is filled by a scan in the scanner
// process, as for any command).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seam::host {

// What the command line chose, as parsed before the help was asked for.
struct HelpSettings {
  std::optional<std::filesystem::path> config_file;
  std::vector<std::filesystem::path> plugin_paths;
  bool no_default_folders = false;
  bool safe_mode = false;
};

// "Configured models: ...\nConfigured backends: ...\nRegistered backends: ...\n..." Never throws:
// what cannot be read says so in its line.
std::string installed_for_help(const HelpSettings& settings);

}  // namespace seam::host
