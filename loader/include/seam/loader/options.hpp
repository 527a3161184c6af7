// What a host tells the loader: where plugins are, which are built in, which are denied, and what
// to do when one is broken.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <seam/seam.h>

namespace seam {

// What building the registry does when a plugin is broken, incompatible or duplicated.
enum class OnError {
  fail,  // throw the first problem's typed error (the default: fail loud)
  skip,  // log a warning and leave the plugin out
};

// A plugin linked into the host. It rides the same registrar as a plugin file.
struct BuiltinPlugin {
  const seam_plugin_descriptor* descriptor = nullptr;
  // Denying a core-unconditional builtin is a configuration error, not a no-op.
  bool core_unconditional = false;
};

struct LoaderOptions {
  // Directories searched, non-recursively and in this order, for plugin files (.so/.dll/.dylib).
  // The current directory is never searched unless it is listed.
  std::vector<std::filesystem::path> search_paths;
  // Plugin files named explicitly; they come after the search paths.
  std::vector<std::filesystem::path> plugin_files;
  // Builtins; they come before every file.
  std::vector<BuiltinPlugin> builtins;
  // Denylist: each entry matches a plugin's file stem (before the file is opened, so a plugin too
  // broken to load can still be denied) or its descriptor name (after).
  std::vector<std::string> disabled;
  OnError on_error = OnError::fail;
  // Checked against a plugin's host_version_range; also handed to plugins as
  // seam_host.host_version.
  std::string host_version = "0.1.0";
  // Optional services handed out by seam_host.get_service, keyed by versioned id ("seam.http/1").
  // The pointed-to tables must outlive the loader.
  std::map<std::string, const void*> services;
  // Receives seam_host.report_usage calls: the plugin's name and the usage JSON. Called from the
  // plugin's thread. When empty, usage is logged at debug level.
  std::function<void(const std::string& plugin, const std::string& usage_json)> usage_sink;
};

// Splits a SEAM_PLUGIN_PATH-style list (':' on POSIX, ';' on Windows); empty entries are dropped.
std::vector<std::filesystem::path> split_path_list(const std::string& list);

// The directories listed in the SEAM_PLUGIN_PATH environment variable, if set.
std::vector<std::filesystem::path> plugin_path_from_environment();

}  // namespace seam
