// seam.toml: where plugins are, which are denied, the on_error policy, named backends and models.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <seam/loader/options.hpp>

namespace seam::host {

struct BackendConfig {
  std::string name;
  std::string sdk;
  // The environment variable holding this backend's API key; empty when it needs none. The key is
  // read from the environment only where it is used, never stored in the configuration.
  std::string api_key_env;
  // The whole [backends.NAME] table as JSON, handed to the plugin: sdk, base_url, api_key_env,
  // connect_timeout and timeout (seconds) when given, options (a JSON object), and config_dir (the
  // configuration file's folder, absolute, for resolving relative paths in options).
  std::string config_json = "{}";
};

struct ModelConfig {
  std::string name;
  std::string backend;
  std::string family = "llm";
  std::string model_id;
  std::string options_json = "{}";
};

struct Config {
  std::optional<std::filesystem::path> file;  // where it was read from, if anywhere
  std::vector<std::filesystem::path> plugin_paths;
  std::vector<std::string> disabled;
  // [plugins] select / disable_globs: globs on plugin names and file stems
  // (LoaderOptions::select_filters / disable_filters), like SEAM_PLUGINS_SELECT / _DISABLE.
  std::vector<std::string> select_globs;
  std::vector<std::string> disable_globs;
  // [plugins] prefer = { "llm:openai" = "my-openai" }: which plugin serves a contested key.
  std::map<std::string, std::string> prefer;
  OnError on_error = OnError::fail;
  // [plugins] registry: where scan results are cached (relative to the config file's folder).
  std::optional<std::filesystem::path> registry;
  // [plugins] isolate: scan plugin files in the scanner process (default true).
  bool isolate = true;
  // [plugins] default_folders: also search the user folder and the installation's system folder
  // (default true; --no-default-folders turns it off for one run).
  bool default_folders = true;
  // [plugins] scan_jobs: how many scanner processes scan at once (LoaderOptions::scan_jobs; 0, the
  // default, is one per CPU).
  unsigned scan_jobs = 0;
  // [plugins] in_process_fallback: scan in the seam process when the scanner cannot be started
  // (default false: each plugin file is a broken row that says why).
  bool in_process_fallback = false;
  // [plugins] trusted: folders whose plugins are loaded whatever their owner and mode
  // (LoaderOptions::trusted_folders), relative to the config file's folder.
  std::vector<std::filesystem::path> trusted_folders;
  std::map<std::string, BackendConfig> backends;
  std::map<std::string, ModelConfig> models;
};

// Reads and checks FILE. Throws ConfigError (file:line:col) for malformed TOML, unknown keys and
// wrong types. Relative plugin paths are made relative to the file's folder.
Config load_config_file(const std::filesystem::path& file);

// The configuration the command uses: --config FILE if given, else $SEAM_CONFIG, else ./seam.toml
// when it exists, else none (defaults).
Config load_config(const std::optional<std::filesystem::path>& explicit_file);

}  // namespace seam::host
